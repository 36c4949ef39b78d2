/** Entities this subgraph extends know only their key; their owners hold the rest. */
export interface UserReference {
  id: string;
}

/** A review as the gateway sends it to resolve verifiedPurchase: its key and the fields that @requires. */
export interface ReviewReference {
  id: string;
  author: UserReference;
  product: { id: string };
}
