import { listed } from './collection.js';
import { maskConnection, maskStep } from './secrets.js';
import { listedIntegrations, type IntegratorState } from './state.js';

/**
 * The state as `/__sandbox/state` shows it: tokens redacted, every collection as its list in list order (as the
 * API lists them), connection secrets masked as on every read.
 */
export function viewState(state: IntegratorState): unknown {
  const { defaultPageLimit, region, tokens, integrations: _byId, order: _order, connections, exports, imports, flows, scripts, ashares, jobs, ...rest } = state;
  return {
    defaultPageLimit,
    region,
    tokens: tokens.map((t) => ({ ...t, token: '[REDACTED]' })),
    integrations: listedIntegrations(state),
    connections: listed(connections).map(maskConnection),
    exports: listed(exports).map(maskStep),
    imports: listed(imports).map(maskStep),
    flows: listed(flows),
    scripts: listed(scripts),
    ashares: listed(ashares),
    jobs: listed(jobs),
    ...rest,
  };
}
