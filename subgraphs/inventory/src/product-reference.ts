/** A Product as this subgraph knows it: only the key; products owns the rest. */
export interface ProductReference {
  id: string;
}
