import { rmSync } from 'node:fs';
import { COVERAGE_RUN_DIR } from '../coverage/coverage-files.js';

/** Each `vitest run` starts with no coverage left over from an earlier one. */
export default function setup(): void {
  rmSync(COVERAGE_RUN_DIR, { recursive: true, force: true });
}
