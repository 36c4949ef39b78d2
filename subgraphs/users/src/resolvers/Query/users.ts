import { pageSize } from '@shopgraph/server';
import { listUsers } from '../../db/queries/users';
import type { QueryResolvers } from '../../__generated__/resolvers-types';

export const users: QueryResolvers['users'] = (_, { first }, { db }) => listUsers(db, pageSize(first));
