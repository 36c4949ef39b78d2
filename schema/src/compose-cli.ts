import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { composeSupergraph, CompositionFailed } from './compose';
import { API_SCHEMA_PATH, REPO_ROOT, SUPERGRAPH_PATH, readSubgraphSources } from './subgraph-sources';

// The Kubernetes base's supergraph ConfigMap reads this copy: kustomize reads only files under the base.
const KUBERNETES_SUPERGRAPH_PATH = join(REPO_ROOT, 'deploy', 'kubernetes', 'base', 'supergraph.graphql');

// `npm run compose`: regenerates the committed supergraph (and its Kubernetes copy) and API schema from the subgraph SDLs.
try {
  const composed = composeSupergraph(readSubgraphSources());
  for (const path of [SUPERGRAPH_PATH, KUBERNETES_SUPERGRAPH_PATH]) writeFileSync(path, composed.supergraphSdl);
  writeFileSync(API_SCHEMA_PATH, composed.apiSchemaSdl);
  process.stdout.write(`wrote ${[SUPERGRAPH_PATH, KUBERNETES_SUPERGRAPH_PATH, API_SCHEMA_PATH].map((path) => relative(REPO_ROOT, path)).join(', ')}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof CompositionFailed ? error.message : String(error)}\n`);
  process.exit(1);
}
