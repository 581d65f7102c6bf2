/** Request bodies as `specs/centurylink.yaml` describes them (after schema validation). */

/** `/update-subscription/`: the seed's example quotes every value, so booleans and numbers may arrive as strings. */
export interface UpdateSubscriptionBody {
  coid: string;
  expired: boolean | string;
  'expired-date'?: string | null;
  sku: string;
  count?: number | string | null;
  providerkey: string;
  [extra: string]: unknown;
}

/** `/{providerName}-provision-account/`: the seed's bold fields are required; extra keys pass through. */
export interface ProvisionAccountBody {
  resellerkey: string;
  name: string;
  email: string;
  username?: string;
  password?: string;
  companyName?: string;
  address1?: string;
  address2?: string;
  country?: string;
  stateOrProvince?: string;
  postalCode?: string;
  phone?: string;
  [extra: string]: unknown;
}

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
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];
