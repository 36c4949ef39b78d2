/** Entities this subgraph extends know only their key; their owners hold the rest. */
export interface UserReference {
  id: string;
}
