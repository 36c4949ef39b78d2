import type { Viewer } from '@shopgraph/auth';
import { GraphQLError } from 'graphql';
import { ErrorCode, requireSignedIn } from '@shopgraph/server';

/**
 * Whose messages devMailbox and devTextMessages show: everyone's (null) to an admin, the viewer's
 * own outside production. In production they are an admin's support tool, not a second inbox.
 */
export function devInboxOwner(viewer: Viewer, production: boolean, what: string): string | null {
  const viewerId = requireSignedIn(viewer);
  const isAdmin = viewer.roles.includes('ADMIN');
  if (production && !isAdmin) throw new GraphQLError(`Only admins can read the ${what} in production`, { extensions: { code: ErrorCode.FORBIDDEN } });
  return isAdmin ? null : viewerId;
}
