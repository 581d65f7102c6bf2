/** Request and response shapes of specs/cloud66.yaml, aliased from the types generated from it (`src/spec-types/cloud66.ts`). */
import type { RequestContext } from '../../engine/api-module.js';
import type { components, operations } from '../../spec-types/cloud66.js';
import type { Cloud66State } from './state.js';

/** A handler's request, typed from its operation in the generated `operations` (e.g. `OperationContext<'launchPartnerIntegration'>`). */
export type OperationContext<Id extends keyof operations> = RequestContext<Cloud66State, operations[Id]>;

/** The partner's POST (`LinkRequest`): JSON or form-encoded, partner-specific keys allowed. */
export type LinkRequest = components['schemas']['LinkRequest'];

export type LaunchQuery = operations['launchPartnerIntegration']['parameters']['query'];

export type CallbackQuery = operations['completePartnerIntegration']['parameters']['query'];

export type LandingQuery = operations['referencePartnerLanding']['parameters']['query'];

/** Cloud 66's error envelope and its error ids. */
export type ErrorBody = components['schemas']['Error'];
export type ErrorId = ErrorBody['error'];

/** A link as the callback answers it. */
export type LinkView = components['schemas']['Link'];
