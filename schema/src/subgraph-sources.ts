import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_NAMES, localRoutingUrl, type ServiceName } from '@shopgraph/config';

export const REPO_ROOT = join(__dirname, '..', '..');
export const SUPERGRAPH_PATH = join(REPO_ROOT, 'schema', 'supergraph.graphql');
export const API_SCHEMA_PATH = join(REPO_ROOT, 'schema', 'api.graphql');

export interface SubgraphSource {
  name: ServiceName;
  url: string;
  sdl: string;
}

/** The subgraph's own SDL file: the only source of its schema. */
export function subgraphSchemaPath(name: ServiceName): string {
  return join(REPO_ROOT, 'subgraphs', name, 'schema.graphql');
}

export function readSubgraphSources(): SubgraphSource[] {
  return SERVICE_NAMES.map((name) => ({ name, url: localRoutingUrl(name), sdl: readFileSync(subgraphSchemaPath(name), 'utf8') }));
}
