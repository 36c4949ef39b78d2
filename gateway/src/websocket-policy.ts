/**
 * Who may open the subscription socket (subscriptions/websocket-server.ts makes its `ws` server
 * with `webSocketServerOptions`): the env parses WS_ALLOWED_ORIGINS and WS_MAX_PAYLOAD_BYTES.
 */
export interface WebSocketPolicy {
  /** Exact origins (`https://shop.example.com`) whose pages may open a socket. */
  allowedOrigins: readonly string[];
  /** Largest message accepted; `ws` closes the socket with 1009 past it. */
  maxPayloadBytes: number;
}

/**
 * Browsers send Origin on every WebSocket handshake and cookies ride along, so a foreign page
 * could otherwise open a socket as its visitor (cross-site WebSocket hijacking). Clients that are
 * not browsers send no Origin and are let through to authenticate like any other.
 */
export function isAllowedOrigin(policy: WebSocketPolicy, origin: string | undefined): boolean {
  if (origin === undefined || origin === '') return true;
  return policy.allowedOrigins.includes(origin);
}

/** Options for `new WebSocketServer(...)` from the `ws` package. */
export function webSocketServerOptions(policy: WebSocketPolicy): { maxPayload: number; verifyClient: (info: { origin: string }) => boolean } {
  return { maxPayload: policy.maxPayloadBytes, verifyClient: ({ origin }) => isAllowedOrigin(policy, origin) };
}
