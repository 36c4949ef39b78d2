import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { composeSupergraph, CompositionFailed } from './compose';
import { API_SCHEMA_PATH, REPO_ROOT, SUPERGRAPH_PATH, readSubgraphSources } from './subgraph-sources';

// `npm run compose`: regenerates the committed supergraph and API schema from the subgraph SDLs.
try {
  const composed = composeSupergraph(readSubgraphSources());
  writeFileSync(SUPERGRAPH_PATH, composed.supergraphSdl);
  writeFileSync(API_SCHEMA_PATH, composed.apiSchemaSdl);
  process.stdout.write(`wrote ${relative(REPO_ROOT, SUPERGRAPH_PATH)} and ${relative(REPO_ROOT, API_SCHEMA_PATH)}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof CompositionFailed ? error.message : String(error)}\n`);
  process.exit(1);
}
