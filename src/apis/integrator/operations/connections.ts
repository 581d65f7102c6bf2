import type { FamilyOperations } from '../types.js';
import { notYetServed } from './not-yet-served.js';

/** Connections: CRUD, secrets masked on every read, ping (GET and POST). */
export const connectionsOperations: FamilyOperations<'listConnections' | 'createConnection' | 'getConnection' | 'updateConnection' | 'deleteConnection' | 'pingConnection' | 'pingConnectionWithContext'> = {
  listConnections: { handler: notYetServed },
  createConnection: { handler: notYetServed },
  getConnection: { handler: notYetServed },
  updateConnection: { handler: notYetServed },
  deleteConnection: { handler: notYetServed },
  pingConnection: { handler: notYetServed },
  pingConnectionWithContext: { handler: notYetServed },
};
