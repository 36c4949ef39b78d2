const END = Symbol('end');
type Level = Map<unknown, Level> & { [END]?: number };

/**
 * Finds a representation seen before in this fetch, without serialising each one (JSON.stringify
 * of every representation was a tenth of the gateway's CPU on a deep query): a tree of Maps keyed
 * by the representation's top-level values in order. Those are primitives (`__typename`, ids),
 * compared as Map keys compare (1 and "1" differ); a nested value is keyed by its JSON.
 */
export class RepresentationIndex {
  private readonly root: Level = new Map();

  /** The index of an equal representation met before, or `next` (now remembered for this one). */
  indexOf(representation: Record<string, unknown>, next: number): number {
    let level = this.root;
    for (const key in representation) {
      const value = representation[key];
      const slot = typeof value === 'object' && value !== null ? `\u0000${JSON.stringify(value)}` : value;
      let deeper = level.get(slot);
      if (!deeper) {
        deeper = new Map() as Level;
        level.set(slot, deeper);
      }
      level = deeper;
    }
    const found = level[END];
    if (found !== undefined) return found;
    level[END] = next;
    return next;
  }
}
