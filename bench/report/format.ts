import type { Results } from '../types.js';
import { formatPrismReport } from './classic.js';
import { formatReplicaReport } from './replicas.js';
import { formatSoakReport } from './soak.js';

/** The printed report: the soak's, the replica mode's or the classic run's tables. */
export function formatReport(r: Results): string {
  return r.soak ? formatSoakReport(r, r.soak) : r.options.store === 'redis' ? formatReplicaReport(r) : formatPrismReport(r);
}
