/**
 * Request bodies of `specs/centurylink.yaml` (after schema validation), aliased from the types generated from it
 * (`src/spec-types/centurylink.ts`).
 */
import type { RequestContext } from '../../engine/api-module.js';
import type { components, operations } from '../../spec-types/centurylink.js';
import type { CenturyLinkState } from './state.js';

/** A handler's request, typed from its operation in the generated `operations` (e.g. `OperationContext<'provisionAccount'>`). */
export type OperationContext<Id extends keyof operations> = RequestContext<CenturyLinkState, operations[Id]>;

/** `/update-subscription/`: the seed's example quotes every value, so booleans and numbers may arrive as strings. */
export type UpdateSubscriptionBody = components['schemas']['UpdateSubscriptionRequest'];

/** `/{providerName}-provision-account/`: the seed's bold fields are required; extra keys are accepted and dropped. */
export type ProvisionAccountBody = components['schemas']['ProvisionAccountRequest'];

/** The optional profile fields the reference provider keeps (never the password). */
export const PROFILE_FIELDS = [
  'username',
  'companyName',
  'address1',
  'address2',
  'country',
  'stateOrProvince',
  'postalCode',
  'phone',
] as const satisfies readonly (keyof ProvisionAccountBody)[];
export type ProfileField = (typeof PROFILE_FIELDS)[number];
