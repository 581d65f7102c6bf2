import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3_1 } from 'openapi-types';

/** The package root (where package.json is), whether this runs from src/ (tsx) or from the build in dist/. */
export const projectRoot = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
  }
  throw new Error(`no package.json above ${from}`);
}

export function fromRoot(relative: string): string {
  return path.resolve(projectRoot, relative);
}

/** Loads one spec with every `$ref` inlined, so validators and forced responses read plain objects. */
export async function loadDereferencedSpec(specFile: string): Promise<OpenAPIV3_1.Document> {
  const api = await SwaggerParser.dereference(fromRoot(specFile));
  return api as OpenAPIV3_1.Document;
}
