import type { OemState } from './state.js';
import { REDACTED } from '../../engine/journal/redact.js';

/** The state with client secrets, organization tokens and every stored credential value replaced. */
export function viewState(state: OemState): unknown {
  const { index: _index, ...lists } = state;
  return {
    ...lists,
    clients: state.clients.map((c) => ({ ...c, clientSecret: REDACTED })),
    organizations: state.organizations.map((o) => ({ ...o, organizationOemToken: REDACTED })),
    integrations: state.integrations.map((i) => ({
      ...i,
      integrationCredentials: Object.fromEntries(Object.keys(i.integrationCredentials).map((k) => [k, REDACTED])),
    })),
  };
}
