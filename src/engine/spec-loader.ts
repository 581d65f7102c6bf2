import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3_1 } from 'openapi-types';

/** The project root, whether running from src/ (tsx) or an installed package. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function fromRoot(relative: string): string {
  return path.resolve(projectRoot, relative);
}

/** Loads one spec with every `$ref` inlined, so validators and forced responses read plain objects. */
export async function loadDereferencedSpec(specFile: string): Promise<OpenAPIV3_1.Document> {
  const api = await SwaggerParser.dereference(fromRoot(specFile));
  return api as OpenAPIV3_1.Document;
}
