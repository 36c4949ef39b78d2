import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { readFileSync } from 'node:fs';
import { parse, type DocumentNode } from 'graphql';
import { errorLoggingPlugin, maskUnexpectedErrors, type RequestScoped } from './error-masking';
import { inputGuardPlugin } from './input-guard';
import { requestOutcomePlugin } from './metrics';

export interface SubgraphServerOptions<TContext extends RequestScoped> {
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  production?: boolean;
}

/** An Apollo Server for one subgraph with the house error policy. It never listens. */
export function createSubgraphApollo<TContext extends RequestScoped>(options: SubgraphServerOptions<TContext>): ApolloServer<TContext> {
  return new ApolloServer<TContext>({
    schema: buildSubgraphSchema({ typeDefs: options.typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> }),
    formatError: maskUnexpectedErrors,
    includeStacktraceInErrorResponses: false,
    introspection: !options.production,
    // No Apollo usage reporting here, so federated traces would be work for nobody.
    plugins: [inputGuardPlugin<TContext>(), errorLoggingPlugin<TContext>(), requestOutcomePlugin<TContext>(), ApolloServerPluginInlineTraceDisabled()],
  });
}

/** A subgraph's SDL file, the only source of its schema. */
export function loadTypeDefs(path: string): DocumentNode {
  return parse(readFileSync(path, 'utf8'));
}
