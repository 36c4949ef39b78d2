import { GraphQLError } from 'graphql';
import { SERVICE_ROLE, type Role, type Viewer } from '@shopgraph/auth';
import { ErrorCode } from './errors';

/** The signed-in viewer's id, or UNAUTHENTICATED. Subgraphs' second line behind the gateway's checks. */
export function requireSignedIn(viewer: Viewer): string {
  if (!viewer.id) throw new GraphQLError('You must be signed in', { extensions: { code: ErrorCode.UNAUTHENTICATED } });
  return viewer.id;
}

export function requireRole(viewer: Viewer, role: Role): string {
  const id = requireSignedIn(viewer);
  if (!viewer.roles.includes(role)) throw new GraphQLError(`Only ${role} may do this`, { extensions: { code: ErrorCode.FORBIDDEN } });
  return id;
}

/** True for the owner of a record and for admins. */
export function isSelfOrAdmin(viewer: Viewer, ownerId: string): boolean {
  return viewer.id === ownerId || viewer.roles.includes('ADMIN');
}

/** Admins, or a peer subgraph signing with the internal SERVICE role (orders reserving stock for a checkout). */
export function requireAdminOrService(viewer: Viewer): void {
  if (viewer.roles.includes(SERVICE_ROLE)) return;
  requireRole(viewer, 'ADMIN');
}
