import { listed } from './collection.js';
import { listedIntegrations, type IntegratorState } from './state.js';

/**
 * The state as `/__sandbox/state` shows it: tokens redacted, every collection as its list in list order (as the
 * API lists them), connection secrets masked as on every read.
 */
export function viewState(state: IntegratorState): unknown {
  const { integrations: _byId, order: _order, connections, exports, imports, flows, scripts, ashares, jobs, ...rest } = state;
  return {
    ...rest,
    tokens: state.tokens.map((t) => ({ ...t, token: '[REDACTED]' })),
    integrations: listedIntegrations(state),
    connections: listed(connections),
    exports: listed(exports),
    imports: listed(imports),
    flows: listed(flows),
    scripts: listed(scripts),
    ashares: listed(ashares),
    jobs: listed(jobs),
  };
}
