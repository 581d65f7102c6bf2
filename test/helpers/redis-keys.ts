import { randomUUID } from 'node:crypto';

/** A key prefix no other sandbox uses: for tests that share one Redis. */
export function uniqueKeyPrefix(): string {
  return `partner-sandbox-test:${randomUUID().slice(0, 8)}:`;
}
