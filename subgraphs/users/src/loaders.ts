import { createEntityLoader } from '@shopgraph/loaders';
import type { UsersDb } from './db/database';
import { findUsersByIds } from './db/queries/users';

/** Per-request loaders: a batch of users is one statement. */
export function createUsersLoaders(db: UsersDb) {
  return {
    userById: createEntityLoader((ids: readonly string[]) => findUsersByIds(db, ids), (row) => row.id),
  };
}

export type UsersLoaders = ReturnType<typeof createUsersLoaders>;
