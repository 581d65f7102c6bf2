/**
 * Request bodies of `specs/centurylink.yaml` (after schema validation), aliased from the types generated from it
 * (`src/spec-types/centurylink.ts`).
 */
import type { components } from '../../spec-types/centurylink.js';

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
