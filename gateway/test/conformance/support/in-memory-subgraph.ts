import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchemaModule } from '@apollo/subgraph/dist/buildSubgraphSchema';
import { parse } from 'graphql';

/** A subgraph of a conformance case: Fed 2 SDL without the @link line, and its resolvers. */
export interface SubgraphDefinition {
  name: string;
  /** Federation directives used, imported by the @link the harness adds: ['@key', '@shareable']. */
  imports: string[];
  typeDefs: string;
  resolvers: NonNullable<GraphQLSchemaModule['resolvers']>;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  typeDefs: string;
  stop(): Promise<void>;
}

/** The subgraph's full SDL, as composition and buildSubgraphSchema read it. */
export function fullSdlOf(definition: SubgraphDefinition): string {
  const imports = definition.imports.map((name) => JSON.stringify(name)).join(', ');
  return `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: [${imports}])\n${definition.typeDefs}`;
}

/** Serves the subgraph over real HTTP on a free port of 127.0.0.1. */
export async function startInMemorySubgraph(definition: SubgraphDefinition): Promise<RunningSubgraph> {
  const typeDefs = fullSdlOf(definition);
  const server = new ApolloServer({
    schema: buildSubgraphSchema([{ typeDefs: parse(typeDefs), resolvers: definition.resolvers }]),
    includeStacktraceInErrorResponses: false,
    // The gateway does not ask for traces; without this the subgraph logs that it would send them.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { name: definition.name, url, typeDefs, stop: () => server.stop() };
}
