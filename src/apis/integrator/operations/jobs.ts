import type { FamilyOperations } from '../types.js';
import { notYetServed } from './not-yet-served.js';

/** Jobs: list with job.md's filters, get, job errors and resolving them. */
export const jobsOperations: FamilyOperations<'listJobs' | 'getJob' | 'listJobErrors' | 'resolveJobErrors' | 'resolveJobError'> = {
  listJobs: { handler: notYetServed },
  getJob: { handler: notYetServed },
  listJobErrors: { handler: notYetServed },
  resolveJobErrors: { handler: notYetServed },
  resolveJobError: { handler: notYetServed },
};
