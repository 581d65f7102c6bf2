import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fromRoot } from '../../src/engine/paths.js';

/** A fresh folder standing in for the project of someone who installed the sandbox. */
export function userProject(): string {
  return mkdtempSync(path.join(tmpdir(), 'sandbox-user-'));
}

/** Writes `<dir>/<api>/<name>.yaml`, making the folders it needs. */
export function writeScenario(dir: string, name: string, yaml: string): string {
  const file = path.join(dir, `${name}.yaml`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, yaml);
  return file;
}

/** The shipped default fixture with Cloud 66's partner acme renamed, so which fixture a session came from shows. */
export function writeFixture(file: string, acmeName: string): void {
  const shipped = readFileSync(fromRoot('scenarios/default.yaml'), 'utf8');
  if (!shipped.includes('serviceName: ACME Monitoring')) throw new Error('the default fixture no longer names acme "ACME Monitoring"');
  writeFileSync(file, shipped.replace('serviceName: ACME Monitoring', `serviceName: ${acmeName}`));
}

/** integrator.io's list answering a documented status: enough to tell two versions of a scenario apart. */
export function listScenario(status: 429 | 401, description = `listIntegrations answers ${status}`): string {
  const example = status === 429 ? 'rate-limited' : 'other-region-token';
  return `description: ${JSON.stringify(description)}\nrules:\n  - operation: listIntegrations\n    respond: { status: ${status}, example: ${example} }\n`;
}

/** Polls `check` until it returns something other than undefined, for at most `ms`; no fixed sleeps. */
export async function until<T>(check: () => Promise<T | undefined> | T | undefined, what: string, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
