import { authenticateRead } from '../authenticate.js';
import { rejectInvalidBodyFor, rejectInvalidFor, rejectInvalidList } from '../errors.js';
import {
  createConnection, deleteConnection, getConnection, listConnections, pingConnection, pingConnectionWithContext, rejectInvalidPing, updateConnection,
} from '../handlers/connections.js';
import type { FamilyOperations } from '../types.js';

/** Connections: CRUD, secrets masked on every read, ping (GET and POST; a read-only token may ping). */
export const connectionsOperations: FamilyOperations<'listConnections' | 'createConnection' | 'getConnection' | 'updateConnection' | 'deleteConnection' | 'pingConnection' | 'pingConnectionWithContext'> = {
  listConnections: { handler: listConnections, authenticate: authenticateRead, rejectInvalid: rejectInvalidList },
  createConnection: { handler: createConnection, rejectInvalid: rejectInvalidBodyFor('Connection') },
  getConnection: { handler: getConnection, authenticate: authenticateRead, rejectInvalid: rejectInvalidFor('Connection') },
  updateConnection: { handler: updateConnection, rejectInvalid: rejectInvalidBodyFor('Connection') },
  deleteConnection: { handler: deleteConnection, rejectInvalid: rejectInvalidFor('Connection') },
  pingConnection: { handler: pingConnection, authenticate: authenticateRead, rejectInvalid: rejectInvalidFor('Connection') },
  pingConnectionWithContext: { handler: pingConnectionWithContext, authenticate: authenticateRead, rejectInvalid: rejectInvalidPing },
};
