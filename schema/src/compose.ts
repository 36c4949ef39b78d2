import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { parse, printSchema } from 'graphql';
import type { SubgraphSource } from './subgraph-sources';

export interface Composed {
  supergraphSdl: string;
  /** What clients see: the supergraph without federation's machinery. */
  apiSchemaSdl: string;
}

export class CompositionFailed extends Error {
  constructor(readonly problems: string[]) {
    super(`Composition failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CompositionFailed';
  }
}

/** Composes subgraph SDLs locally with @apollo/composition: no network, no rover. */
export function composeSupergraph(sources: readonly SubgraphSource[]): Composed {
  const result = composeServices(sources.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors) throw new CompositionFailed(result.errors.map((error) => error.message));
  const supergraphSdl = result.supergraphSdl;
  // The gateway enforces the SECURITY features (@authenticated, @requiresScopes) itself.
  const apiSchema = Supergraph.build(supergraphSdl, { supportedFeatures: null }).apiSchema().toGraphQLJSSchema();
  return { supergraphSdl: `${supergraphSdl.trimEnd()}\n`, apiSchemaSdl: `${printSchema(apiSchema)}\n` };
}
