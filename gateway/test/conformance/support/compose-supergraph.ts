import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import type { RunningSubgraph } from './in-memory-subgraph';

export interface SupergraphFile {
  path: string;
  remove(): void;
}

/** Composes the running subgraphs (their URLs become the join__graph urls) into a supergraph file of its own folder. */
export function composeSupergraphFile(subgraphs: RunningSubgraph[]): SupergraphFile {
  const result = composeServices(subgraphs.map(({ name, url, typeDefs }) => ({ name, url, typeDefs: parse(typeDefs) })));
  if (result.errors) throw new Error(`composition failed:\n${result.errors.map((error) => error.message).join('\n')}`);
  // A folder per supergraph: the gateway watches the file's folder for changes.
  const folder = mkdtempSync(join(tmpdir(), 'conformance-'));
  const path = join(folder, 'supergraph.graphql');
  writeFileSync(path, result.supergraphSdl);
  return { path, remove: () => rmSync(folder, { recursive: true, force: true }) };
}
