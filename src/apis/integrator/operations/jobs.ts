import { authenticateRead } from '../authenticate.js';
import { rejectInvalidFor } from '../errors.js';
import { getJob, listJobErrors, listJobs, rejectInvalidJobError, rejectInvalidJobList, resolveJobError, resolveJobErrors } from '../handlers/jobs.js';
import type { FamilyOperations } from '../types.js';

/** Jobs: list with job.md's filters, get, job errors and resolving them. Reads move jobs on the job clock. */
export const jobsOperations: FamilyOperations<'listJobs' | 'getJob' | 'listJobErrors' | 'resolveJobErrors' | 'resolveJobError'> = {
  listJobs: { handler: listJobs, authenticate: authenticateRead, rejectInvalid: rejectInvalidJobList },
  getJob: { handler: getJob, authenticate: authenticateRead, rejectInvalid: rejectInvalidFor('Job') },
  listJobErrors: { handler: listJobErrors, authenticate: authenticateRead, rejectInvalid: rejectInvalidFor('Job') },
  resolveJobErrors: { handler: resolveJobErrors, rejectInvalid: rejectInvalidFor('Job') },
  resolveJobError: { handler: resolveJobError, rejectInvalid: rejectInvalidJobError },
};
