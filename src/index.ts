/**
 * The package's public entry (`import … from 'partner-sandbox'`). [INF] Only what a test process needs is exported:
 * building the sandbox, starting it for a test, and the defaults the CLI uses. Everything else under src/ is
 * internal and may change without notice, even where the exported types mention it.
 */
export { createSandbox, DEFAULT_PORT, DEFAULT_HOST, ADMIN_PREFIX } from './sandbox.js';
export type { Sandbox, SandboxOptions, RunningSandbox, ReloadResult } from './sandbox.js';
export { startSandbox } from './testing.js';
export type { StartSandboxOptions, TestSandbox, SandboxApi, OperationId, RequestPattern, ValueMatcher, BodyMatcher, JournaledRequest, UnmatchedRequest, RequestVerification } from './testing.js';
