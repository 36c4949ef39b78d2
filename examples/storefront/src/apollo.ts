import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { RefreshMutation } from './operations';
import { onSessionChange, sessionFromPayload, validAccessToken, type Session } from './session';

// Same origin: `npm start` (and `vite` in development) proxy /graphql to the gateway.
const HTTP_URL = '/graphql';
const WS_URL = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;

/** A plain fetch, so refreshing never goes through the link that asks for a refresh. */
async function refresh(refreshToken: string): Promise<Session> {
  const response = await fetch(HTTP_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: print(RefreshMutation), variables: { refreshToken } }),
  });
  const body = (await response.json()) as { data?: { refreshToken: Parameters<typeof sessionFromPayload>[0] } };
  if (!body.data) throw new Error('refresh failed');
  return sessionFromPayload(body.data.refreshToken);
}

export const accessToken = () => validAccessToken(refresh);

type Listener = (event: 'connected' | 'closed', reconnect: boolean) => void;
const connectionListeners = new Set<Listener>();
let connections = 0;
let open = false;

/** Whether the socket is up right now (subscribers that join an open socket hear no 'connected'). */
export const isConnected = () => open;

/** graphql-ws: every (re)connection reads the current token; it retries forever with backoff. */
export const wsClient: Client = createClient({
  url: WS_URL,
  lazy: true,
  retryAttempts: Number.POSITIVE_INFINITY,
  shouldRetry: () => true,
  connectionParams: async () => {
    const token = await accessToken();
    return token ? { authorization: `Bearer ${token}` } : {};
  },
  on: {
    connected: () => {
      open = true;
      connections += 1;
      for (const listener of connectionListeners) listener('connected', connections > 1);
    },
    closed: () => {
      open = false;
      for (const listener of connectionListeners) listener('closed', connections > 0);
    },
  },
});

/** Tells subscribers when the socket drops and when it is back, so they can resume from a cursor. */
export function onConnectionChange(listener: Listener): () => void {
  connectionListeners.add(listener);
  return () => connectionListeners.delete(listener);
}

const authLink = new SetContextLink(async (prevContext) => {
  const token = await accessToken();
  return { headers: { ...prevContext.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } };
});

const isSubscription = ({ query }: ApolloLink.Operation) => {
  const definition = getMainDefinition(query);
  return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
};

export const client = new ApolloClient({
  link: ApolloLink.split(isSubscription, new GraphQLWsLink(wsClient), ApolloLink.from([authLink, new HttpLink({ uri: HTTP_URL })])),
  cache: new InMemoryCache(),
});

// Another shopper (or none): drop what the last one could see and reconnect the socket as them.
onSessionChange(() => {
  wsClient.terminate();
  void client.clearStore();
});
