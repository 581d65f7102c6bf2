import type { ApiModule } from '../engine/api-module.js';
import { centurylinkApi } from './centurylink/index.js';
import { cloud66Api } from './cloud66/index.js';
import { integratorApi } from './integrator/index.js';
import { oemApi } from './oem/index.js';

/** The four APIs the sandbox serves, in the order of the seeds. */
export const allApis: ApiModule[] = [cloud66Api, centurylinkApi, integratorApi, oemApi] as ApiModule[];

export const API_NAMES = allApis.map((api) => api.name);
