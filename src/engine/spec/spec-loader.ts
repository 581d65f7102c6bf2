import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3_1 } from 'openapi-types';
import { fromRoot } from '../paths.js';

/** Loads one spec with every `$ref` inlined, so validators and forced responses read plain objects. */
export async function loadDereferencedSpec(specFile: string): Promise<OpenAPIV3_1.Document> {
  const api = await SwaggerParser.dereference(fromRoot(specFile));
  return api as OpenAPIV3_1.Document;
}
