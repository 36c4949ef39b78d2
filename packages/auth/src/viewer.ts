export const ROLES = ['CUSTOMER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** Who a request is for, as the gateway vouches to subgraphs; null id for an anonymous shopper. */
export interface Viewer {
  id: string | null;
  roles: Role[];
}

export const ANONYMOUS: Viewer = Object.freeze({ id: null, roles: [] }) as Viewer;
