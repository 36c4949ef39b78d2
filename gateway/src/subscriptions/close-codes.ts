import { CloseCode } from 'graphql-ws';

/** Every close code the subscription server sends; graphql-ws' own where one fits. */
export const SubscriptionCloseCode = {
  /** connection_init carried no valid access token, or the token expired: connect again with a fresh one. */
  Forbidden: CloseCode.Forbidden,
  /** No connection_init in time. */
  InitTimeout: CloseCode.ConnectionInitialisationTimeout,
  /** The client read slower than its events arrived and its buffer passed the limit. */
  SlowConsumer: 4008,
} as const;
