/**
 * Request and response bodies of `specs/oem.yaml`, from the types generated from it (`src/spec-types/oem.ts`);
 * handlers see request bodies only after schema validation.
 */
import type { RequestContext } from '../../engine/api-module.js';
import type { components, operations } from '../../spec-types/oem.js';
import type { OemState } from './state.js';

/** A handler's request, typed from its operation in the generated `operations` (e.g. `OperationContext<'oemCreateUser'>`). */
export type OperationContext<Id extends keyof operations> = RequestContext<OemState, operations[Id]>;

/** The JSON request body of an operation, as the spec defines it (e.g. `RequestBody<'oemCreateUser'>`). */
export type RequestBody<OperationId extends keyof operations> =
  operations[OperationId]['requestBody']['content']['application/json'];

/** The `organizationOemToken` of every organization-scoped body. */
export type OrganizationToken = components['schemas']['OrganizationToken'];

export type CredentialMap = components['schemas']['IntegrationCredentials'];
/** Credential keys with blank values, as the integration list shows them. */
export type CredentialTemplate = components['schemas']['CredentialTemplate'];

/**
 * Whom a delete names. Local: the spec's `anyOf` (by `vendorUserId` or by `email`) makes the generated `data`
 * plain `unknown`, too loose for the handler, which reads both optional fields.
 */
export interface UserSelector {
  vendorUserId?: string;
  email?: string;
}

/** `[INF]` The docs show no error body; errors mirror the success envelope. */
export type OemErrorBody = components['schemas']['OemError'];
