/**
 * The sandbox's own request and response headers (DESIGN.md's external interface), lower-case as Node
 * gives them. Clients send `X-Mock-Session` and `X-Mock-Scenario`; every answer carries `X-Mock-Request-Id`.
 */
export const SESSION_HEADER = 'x-mock-session';
export const SCENARIO_HEADER = 'x-mock-scenario';
export const REQUEST_ID_HEADER = 'x-mock-request-id';
