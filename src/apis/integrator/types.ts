/** Request and document shapes of the integrator.io spec (`specs/integrator.yaml`), from `src/spec-types/integrator.ts`. */
import type { OperationDefinition, RequestContext } from '../../engine/api-module.js';
import type { components, operations } from '../../spec-types/integrator.js';
import type { IntegratorState } from './state.js';

/** A handler's request, typed from its operation in the generated `operations` (e.g. `OperationContext<'getIntegration'>`). */
export type OperationContext<Id extends keyof operations> = RequestContext<IntegratorState, operations[Id]>;

type Schemas = components['schemas'];

/**
 * Local index signature on the spec's fields: unknown keys are kept as sent (the spec leaves
 * `additionalProperties` at its default, so the generated type has none), and `clientFields` drops the
 * server-owned `_id`, `createdAt` and `lastModified` a client may send.
 */
type KeepsUnknownKeys = { [key: string]: unknown };

/** The client-writable fields; unknown keys are kept as sent. */
export type IntegrationFields = Schemas['IntegrationFields'] & KeepsUnknownKeys;

/** Body of createIntegration and updateIntegration. */
export type IntegrationInput = Schemas['IntegrationInput'] & KeepsUnknownKeys;

/** Body of cloneIntegration (every key optional; the UI's other keys are ignored). */
export type CloneRequest = Schemas['CloneRequest'];

/** An entry of the `{"errors": [...]}` envelope. */
export type ErrorEntry = Schemas['ErrorEntry'];
/** The codes of the spec's `ErrorEntry.code` enum. */
export type ErrorCode = ErrorEntry['code'];

/** The declarations of some of the API's operations (one resource family's), keyed by operationId as `defineApi` takes them. */
export type FamilyOperations<Ids extends keyof operations> = { [Id in Ids]: OperationDefinition<IntegratorState, operations[Id]> };

/** Stored documents of the resources beside integrations; unknown keys are kept as sent. */
export type ConnectionDoc = Schemas['Connection'] & KeepsUnknownKeys;
export type ExportDoc = Schemas['Export'] & KeepsUnknownKeys;
export type ImportDoc = Schemas['Import'] & KeepsUnknownKeys;
export type FlowDoc = Schemas['Flow'] & KeepsUnknownKeys;
export type ScriptDoc = Schemas['Script'] & KeepsUnknownKeys;
export type AshareDoc = Schemas['Ashare'] & KeepsUnknownKeys;
export type JobDoc = Schemas['Job'] & KeepsUnknownKeys;
export type JobErrorDoc = Schemas['JobError'] & KeepsUnknownKeys;
export type AuditEntry = Schemas['AuditLog'] extends Array<infer E> ? E : Schemas['AuditLog'];
export type { Schemas };
