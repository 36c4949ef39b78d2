import { ApolloGateway } from '@apollo/gateway';
import { buildSchema, printSchema, type GraphQLSchema } from 'graphql';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { JWKS_PATH, type Viewer } from '@shopgraph/auth';
import type { SharedState } from '@shopgraph/cache';
import { isServiceName, type ServiceName } from '@shopgraph/config';
import type { Logger } from '@shopgraph/logging';
import { errorLoggingPlugin, maskUnexpectedErrors, type GraphQLService } from '@shopgraph/server';
import { createAccessTokenVerifier } from './auth/access-token-verifier';
import { authorizationPlugin } from './auth/authorization-plugin';
import { DEFAULT_SIGN_IN_LIMITS, signInRateLimitPlugin, type SignInLimits } from './auth/sign-in-rate-limit';
import { readAccessRequirements, supergraphForPlanner, type AccessRequirements } from './auth/security-features';
import type { GatewayContext } from './context';
import { SubgraphDataSource } from './subgraph-data-source';
import { supergraphFromFile } from './supergraph-file';

export interface GatewayDeps {
  supergraphPath: string;
  /** Routing URLs that win over the supergraph file's, by subgraph name. */
  subgraphUrls: Partial<Record<ServiceName, string>>;
  logger: Logger;
  production: boolean;
  /** Signs every subgraph request; subgraphs refuse unsigned ones. */
  gatewaySecret: string;
  /** Redis (or in-process) state every gateway shares: rate-limit counters. */
  shared: SharedState;
  signInLimits?: SignInLimits;
}

export interface BuiltGateway extends GraphQLService<GatewayContext> {
  gateway: ApolloGateway;
  /** True once a supergraph is loaded. */
  isReady(): boolean;
  /** The schema clients see (subscriptions are validated and executed against it). */
  apiSchema(): GraphQLSchema | undefined;
  verifyAccessToken(authorization: string | undefined): Promise<Viewer & { expiresAt?: number }>;
}

/** The federated gateway over the supergraph file; it never listens. */
export function buildGateway(deps: GatewayDeps): BuiltGateway {
  let ready = false;
  let apiSchema: GraphQLSchema | undefined;
  let requirements: AccessRequirements = new Map();
  let usersUrlInFile = '';
  // Runs on every (re)load of the supergraph file: what to enforce, and where the JWKS lives.
  const prepare = (sdl: string) => {
    requirements = readAccessRequirements(sdl);
    usersUrlInFile = /join__graph\(name: "users", url: "([^"]+)"\)/.exec(sdl)?.[1] ?? usersUrlInFile;
    return supergraphForPlanner(sdl);
  };
  const verifyAccessToken = createAccessTokenVerifier(() => new URL(JWKS_PATH, deps.subgraphUrls.users ?? usersUrlInFile));
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile(deps.supergraphPath, deps.logger, prepare),
    buildService: ({ name, url }) =>
      new SubgraphDataSource({ url: (isServiceName(name) && deps.subgraphUrls[name]) || String(url), gatewaySecret: deps.gatewaySecret }),
    logger: deps.logger,
  });
  gateway.onSchemaLoadOrUpdate((update) => {
    ready = true;
    // A copy of our own: Apollo Server instruments the schema it executes by wrapping every
    // resolver, and subscriptions need plain fields to run their own resolvers on.
    apiSchema = buildSchema(printSchema(update.apiSchema));
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: maskUnexpectedErrors,
    includeStacktraceInErrorResponses: false,
    introspection: !deps.production,
    plugins: [
      errorLoggingPlugin<GatewayContext>(),
      signInRateLimitPlugin(deps.shared.counters, deps.signInLimits ?? DEFAULT_SIGN_IN_LIMITS),
      authorizationPlugin(() => requirements),
      // Sandbox for developers; in production no landing page at all (it would advertise the schema).
      deps.production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false, footer: false }),
    ],
  });
  return {
    apollo,
    gateway,
    isReady: () => ready,
    apiSchema: () => apiSchema,
    verifyAccessToken,
    context: async ({ requestId, logger, headers, clientIp }) => ({ requestId, logger, clientIp, viewer: await verifyAccessToken(headers.get('authorization')) }),
  };
}
