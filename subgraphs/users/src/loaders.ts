import { createEntityLoader, createGroupLoader } from '@shopgraph/loaders';
import { findAddressesByUserIds } from './db/queries/addresses';
import type { UsersDb } from './db/database';
import { findUsersByIds } from './db/queries/users';

/** Per-request loaders: a batch of users is one statement. */
export function createUsersLoaders(db: UsersDb) {
  return {
    userById: createEntityLoader(
      (ids: readonly string[]) => findUsersByIds(db, ids),
      (row) => row.id,
    ),
    addressesByUserId: createGroupLoader(
      (ids: readonly string[]) => findAddressesByUserIds(db, ids),
      (row) => row.userId,
    ),
  };
}

export type UsersLoaders = ReturnType<typeof createUsersLoaders>;
