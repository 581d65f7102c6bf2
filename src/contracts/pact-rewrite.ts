import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BadPactError, readPact, type PactSummary } from './pact-catalog.js';

/** The provider name the shipped CenturyLink pact was written for: the sandbox's reference provider. */
export const PACT_PROVIDER_NAME = 'acme';

/** The seed's scheme is `/provider-name-provision-account/`: the name is one path segment. */
const PROVIDER_NAME = /^[A-Za-z0-9._~-]+$/;

export interface RewrittenPact {
  pact: PactSummary;
  /** Removes the temporary copy. */
  dispose(): void;
}

/**
 * The pact with `/acme-provision-account/` renamed to `/<name>-provision-account/` in every request, in a
 * temporary copy handed to the verifier: a provider called globex serves `/globex-provision-account/` and can
 * still verify against the shipped pact. The committed file is never touched.
 */
export function withProviderName(pact: PactSummary, name: string): RewrittenPact {
  if (!PROVIDER_NAME.test(name)) throw new BadPactError(`--provider-name must be one path segment (letters, digits, . _ ~ -), not "${name}"`);
  const from = `/${PACT_PROVIDER_NAME}-provision-account/`;
  const to = `/${name}-provision-account/`;
  const json = JSON.parse(readFileSync(pact.file, 'utf8')) as { interactions: { request: { path: string } }[] };
  let renamed = 0;
  for (const i of json.interactions) {
    if (!i.request.path.includes(from)) continue;
    i.request.path = i.request.path.replace(from, to);
    renamed++;
  }
  if (renamed === 0) throw new BadPactError(`--provider-name renames ${from} in a pact's requests, and ${pact.name} has none (it applies to centurylink-marketplace-saas-provider)`);
  const dir = mkdtempSync(path.join(tmpdir(), 'partner-sandbox-pact-'));
  const file = path.join(dir, path.basename(pact.file));
  writeFileSync(file, JSON.stringify(json, null, 2));
  return { pact: { ...readPact(file), name: pact.name }, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
