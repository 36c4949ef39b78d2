/** Roles people hold: the only ones an access token can carry and the gateway can grant. */
export const ROLES = ['CUSTOMER', 'ADMIN'] as const;
/**
 * Internal-only: a subgraph calling a peer directly (orders reserving stock) signs its request with
 * this role. The gateway never grants it, since it accepts only ROLES from access tokens.
 */
export const SERVICE_ROLE = 'SERVICE' as const;
export type Role = (typeof ROLES)[number] | typeof SERVICE_ROLE;

/** The viewer a subgraph signs its own calls to peers with. */
export const SERVICE_VIEWER: Viewer = Object.freeze({ id: null, roles: [SERVICE_ROLE] }) as Viewer;

/** Who a request is for, as the gateway vouches to subgraphs; null id for an anonymous shopper. */
export interface Viewer {
  id: string | null;
  roles: Role[];
}

export const ANONYMOUS: Viewer = Object.freeze({ id: null, roles: [] }) as Viewer;
