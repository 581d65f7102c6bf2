/**
 * Every status code and condition the seeds document (SEED), plus what the reference documents of the real
 * APIs beyond the seed (SRC), mapped to the operation, status and named example that answer it in specs/.
 * Written from the seeds, not from the specs, so a spec that drops a condition fails the suite.
 */
export interface TraceRow {
  api: 'cloud66' | 'centurylink' | 'integrator' | 'oem';
  source: 'SEED' | 'SRC';
  /** The seed's words for the condition (quoted where the seed has text). */
  condition: string;
  operationId: string;
  status: number;
  /** The named example; absent for bodiless responses (204, 302). */
  example?: string;
}

const c66 = (condition: string, operationId: string, status: number, example?: string): TraceRow => ({ api: 'cloud66', source: 'SEED', condition, operationId, status, example });
const ctl = (condition: string, operationId: string, status: number, example?: string): TraceRow => ({ api: 'centurylink', source: 'SEED', condition, operationId, status, example });
const iio = (source: TraceRow['source'], condition: string, operationId: string, status: number, example?: string): TraceRow => ({ api: 'integrator', source, condition, operationId, status, example });
const oem = (source: TraceRow['source'], condition: string, operationId: string, status: number, example?: string): TraceRow => ({ api: 'oem', source, condition, operationId, status, example });

export const TRACEABILITY: TraceRow[] = [
  // 000 Cloud 66: redirect to the partner, the partner's POST, its 403 table and success table.
  c66('Cloud 66 redirects the user to the partner with uid, email, callback', 'launchPartnerIntegration', 302),
  c66('the partner receives uid, email, callback and sends the user back', 'referencePartnerLanding', 302),
  c66('"link_uid is missing"', 'linkPartnerIntegration', 403, 'link-uid-missing'),
  c66('"user_email is missing"', 'linkPartnerIntegration', 403, 'user-email-missing'),
  c66('"invalid user_email (invalid email or not enough privileges to accept this integration by this user)."', 'linkPartnerIntegration', 403, 'invalid-user-email'),
  c66('"invalid link_uid"', 'linkPartnerIntegration', 403, 'invalid-link-uid'),
  c66('"xxx is already linked to this account"', 'linkPartnerIntegration', 403, 'already-linked'),
  c66('200 "service added (integration successful)"', 'linkPartnerIntegration', 200, 'service-added'),
  c66('403 "integration specific errors"', 'linkPartnerIntegration', 403, 'integration-specific-error'),
  c66('redirect from the partner back to the Cloud 66 callback', 'completePartnerIntegration', 200),

  // 001 CenturyLink: provision-account (provider side) and update-subscription (marketplace side).
  ctl('provision: 201 "Account Provisioning Successful (Co ID from your platform to be returned)"', 'provisionAccount', 201, 'account-provisioned'),
  ctl('provision: 40x "Account Provisioning Failure" (a required bold field missing)', 'provisionAccount', 400, 'required-field-missing'),
  ctl('provision: 50x "Server Side Error"', 'provisionAccount', 500, 'server-error'),
  ctl('update: 201 "Subscription Successfully Updated"', 'updateSubscription', 201, 'subscription-updated'),
  ctl('update: 40x "Required element(s) not provided"', 'updateSubscription', 400, 'required-element-missing'),
  ctl('update: 40x "expired set to \'true\' & expired-date not provided"', 'updateSubscription', 400, 'expired-date-missing'),
  ctl('update: 50x "Server Side Error"', 'updateSubscription', 500, 'server-error'),
  ctl('the seed also spells it /update-subscriptions/: 201', 'updateSubscriptionPlural', 201, 'subscription-updated'),
  ctl('/update-subscriptions/: "Required element(s) not provided"', 'updateSubscriptionPlural', 400, 'required-element-missing'),
  ctl('/update-subscriptions/: expired true without expired-date', 'updateSubscriptionPlural', 400, 'expired-date-missing'),
  ctl('"may be called multiple times per customer subscription": an expired (terminated) one', 'updateSubscription', 201, 'subscription-expired'),

  // 002 integrator.io: the endpoint table, SmartConnector fields, and the public docs beyond the seed.
  iio('SEED', 'GET /integrations 200 "Get all integrations"', 'listIntegrations', 200, 'integrations'),
  iio('SEED', 'GET /integrations/{_id} 200, a DIY integration', 'getIntegration', 200, 'diy-integration'),
  iio('SEED', 'GET /integrations/{_id} 200, a SmartConnector integration', 'getIntegration', 200, 'smartconnector-integration'),
  iio('SEED', 'POST /integrations 201 "Create a new integration"', 'createIntegration', 201, 'created'),
  iio('SEED', 'PUT /integrations/{_id} 200 "Update a specific integration"', 'updateIntegration', 200, 'updated'),
  iio('SEED', 'DELETE /integrations/{_id} 204 "Delete a specific integration"', 'deleteIntegration', 204),
  iio('SEED', 'POST /integrations/{_id}/clone 201 "Clone a specific integration"', 'cloneIntegration', 201, 'cloned'),
  iio('SEED', "mode: valid values are 'install', 'settings', and 'uninstall'", 'updateIntegration', 422, 'invalid-field'),
  iio('SEED', "updateInProgress: while 'true' the user will not be allowed to change any settings", 'updateIntegration', 422, 'update-in-progress'),
  iio('SEED', 'Authorization: Bearer my_api_token (missing or wrong token)', 'getIntegration', 401, 'unauthorized'),
  iio('SRC', 'an empty list answers 204', 'listIntegrations', 204),
  iio('SRC', 'include and exclude together: 400 invalid_query_params', 'listIntegrations', 400, 'invalid-query-params'),
  iio('SRC', 'unknown id: 404', 'getIntegration', 404, 'not-found'),
  iio('SRC', 'missing required field: 422 missing_required_field', 'createIntegration', 422, 'missing-required-field'),
  iio('SRC', 'rate limit: 429 with Retry-After', 'listIntegrations', 429, 'rate-limited'),
  // integrator.io beyond the seed (celigo/integrator-api-docs connection.md, export.md, import.md, flow.md, job.md,
  // jobError.md, state.md; the current API reference): what real clients call outside /integrations.
  iio('SRC', 'connection.md: GET /connections 200, credentials masked on read', 'listConnections', 200, 'connections'),
  iio('SRC', 'connection.md: POST /connections 201', 'createConnection', 201, 'created'),
  iio('SRC', 'connection.md: DELETE /connections/{_id} 204', 'deleteConnection', 204),
  iio('SRC', 'connection.md: ping tests that a connection is operational', 'pingConnection', 200, 'ping-success'),
  iio('SRC', 'connection.md: a failing ping (the connection goes offline)', 'pingConnection', 200, 'ping-failed'),
  iio('SRC', 'export.md: POST /exports 201', 'createExport', 201, 'created'),
  iio('SRC', 'an unknown _connectionId: 422 invalid_ref', 'createExport', 422, 'invalid-ref'),
  iio('SRC', 'import.md: POST /imports 201', 'createImport', 201, 'created'),
  iio('SRC', 'flow.md: POST /flows 201', 'createFlow', 201, 'created'),
  iio('SRC', 'flow.md: POST /flows/{_id}/clone 201', 'cloneFlow', 201, 'cloned'),
  iio('SRC', 'flow.md: POST /flows/{_id}/run 201, the job id to track', 'runFlow', 201, 'run-started'),
  iio('SRC', "an integration's flows", 'listIntegrationFlows', 200, 'flows'),
  iio('SRC', 'flow.md: GET /flows/{_id}/dependencies 200', 'getFlowDependencies', 200, 'dependencies'),
  iio('SRC', 'flow.md: GET /flows/{_id}/audit 200', 'getFlowAudit', 200, 'audit'),
  iio('SRC', 'job.md: GET /jobs with its filters', 'listJobs', 200, 'flow-run'),
  iio('SRC', 'job.md: GET /jobs/{_id} 200', 'getJob', 200, 'completed-flow-job'),
  iio('SRC', 'job.md: GET /jobs/{_id}/joberrors 200', 'listJobErrors', 200, 'import-job-errors'),
  iio('SRC', 'jobError.md: resolve all errors of a job 200', 'resolveJobErrors', 200, 'resolved'),
  iio('SRC', 'jobError.md: resolve one job error 201', 'resolveJobError', 201, 'resolved'),
  iio('SRC', 'errors API: the open errors of a flow step', 'listFlowStepErrors', 200, 'import-errors'),
  iio('SRC', 'errors API: retry errors of a step', 'retryFlowStepErrors', 200, 'retry-started'),
  iio('SRC', 'state.md: PUT /state/{key} of a new key answers Created', 'putState', 201, 'created'),
  iio('SRC', 'state.md: GET /state/{key} answers the stored JSON', 'getState', 200, 'cursor'),
  iio('SRC', 'state.md: DELETE /state/{key} 204', 'deleteState', 204),

  // 003 OEM API: the four seed endpoints, and the public docs' organization endpoint and error table.
  oem('SEED', '200 "Successfully fetched MSPC vendors"', 'oemListVendors', 200, 'vendors'),
  oem('SEED', '201 "Successfully created an integration for an organization"', 'oemCreateIntegration', 201, 'integration-created'),
  oem('SEED', '200 "Successfully fetched list of user\'s integrations"', 'oemListIntegrations', 200, 'integrations'),
  oem('SEED', '200 "Successfully updated a user\'s integration credentials"', 'oemUpdateIntegration', 200, 'integration-updated'),
  oem('SRC', 'organization: 201 "Successfully created organization"', 'oemCreateOrganization', 201, 'organization-created'),
  oem('SRC', 'organization: 400 malformed body', 'oemCreateOrganization', 400, 'malformed-body'),
  oem('SRC', 'organization: 401 invalid client id or secret', 'oemCreateOrganization', 401, 'invalid-client-credentials'),
  oem('SRC', 'organization: 409 organization exists', 'oemCreateOrganization', 409, 'organization-exists'),
  oem('SRC', '401 invalid client credentials', 'oemListVendors', 401, 'invalid-client-credentials'),
  oem('SRC', '403 "Invalid organization token"', 'oemCreateIntegration', 403, 'invalid-organization-token'),
  oem('SRC', '404 not found (unknown vendor)', 'oemCreateIntegration', 404, 'vendor-not-found'),
  oem('SRC', '404 not found (unknown integration)', 'oemUpdateIntegration', 404, 'integration-not-found'),
  oem('SRC', '409 already exists (the org×vendor integration)', 'oemCreateIntegration', 409, 'integration-exists'),
];
