import { GraphQLError } from 'graphql';
import { decodeCursor, encodeCursor, ErrorCode, pageSize, parseId, requireSignedIn, toConnection } from '@shopgraph/server';
import { findOrderPage } from '../../db/queries/orders';
import type { QueryResolvers } from '../../__generated__/resolvers-types';

export const orders: QueryResolvers['orders'] = async (_, args, { db, viewer }) => {
  const viewerId = requireSignedIn(viewer);
  const isAdmin = viewer.roles.includes('ADMIN');
  const size = pageSize(args.first, 20);
  const userId = args.userId ? parseId(args.userId, 'userId') : isAdmin ? null : viewerId;
  if (!isAdmin && userId !== viewerId) throw new GraphQLError("Only admins can see someone else's orders", { extensions: { code: ErrorCode.FORBIDDEN } });
  const after = args.after ? decodeCursor(args.after, 2) : null;
  const rows = await findOrderPage(db, {
    userId,
    statuses: args.status && args.status.length > 0 ? args.status : null,
    after: after ? { createdAt: new Date(String(after[0])), id: String(after[1]) } : null,
    limit: size + 1,
  });
  return toConnection(rows, size, (row) => encodeCursor([row.createdAt.toISOString(), row.id]));
};
