import type { RequestInfo, RequestScoped } from '@shopgraph/server';
import type { KeyRing } from './auth/key-ring';
import type { UsersDb } from './db/database';
import { createUsersLoaders, type UsersLoaders } from './loaders';

export interface SubgraphContext extends RequestScoped {
  db: UsersDb;
  loaders: UsersLoaders;
  keys: KeyRing;
}

export function createContext(db: UsersDb, keys: KeyRing, request: RequestInfo): SubgraphContext {
  return { requestId: request.requestId, logger: request.logger, viewer: request.viewer, db, keys, loaders: createUsersLoaders(db) };
}
