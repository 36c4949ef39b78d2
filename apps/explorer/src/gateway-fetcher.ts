import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';

/**
 * Queries and mutations over HTTP, subscriptions over graphql-ws, both to the gateway on this page's
 * origin. The toolkit opens each subscription's socket with the headers editor's contents as
 * connection params, and the gateway reads `Authorization` from either, so one header signs in both.
 */
export function createGatewayFetcher(graphqlPath: string): Fetcher {
  const url = new URL(graphqlPath, window.location.href);
  const subscriptionUrl = new URL(url);
  subscriptionUrl.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return createGraphiQLFetcher({ url: url.href, subscriptionUrl: subscriptionUrl.href });
}
