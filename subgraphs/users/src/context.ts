import type { RequestInfo, RequestScoped } from '@shopgraph/server';
import type { UsersDb } from './db/database';
import { createUsersLoaders, type UsersLoaders } from './loaders';

export interface SubgraphContext extends RequestScoped {
  db: UsersDb;
  loaders: UsersLoaders;
}

export function createContext(db: UsersDb, request: RequestInfo): SubgraphContext {
  return { requestId: request.requestId, logger: request.logger, viewer: request.viewer, db, loaders: createUsersLoaders(db) };
}
