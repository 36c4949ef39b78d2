import { z } from 'zod';
import { pageSize, parseInput, requireRole } from '@shopgraph/server';
import { listUsers } from '../../db/queries/users';
import type { QueryResolvers } from '../../__generated__/resolvers-types';

const search = z.string().trim().max(100, 'must be at most 100 characters').optional();

export const users: QueryResolvers['users'] = (_, args, { db, viewer }) => {
  requireRole(viewer, 'ADMIN');
  return listUsers(db, pageSize(args.first), parseInput(search, args.search ?? undefined) || undefined);
};
