import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

const corked = new WeakSet<Socket>();

/**
 * Holds a WebSocket's writes until this turn of the event loop ends: the messages one event fans
 * out to a connection's subscriptions (up to its per-connection limit) leave in one write instead
 * of one system call each. ws keeps its TCP socket in `_socket` and corks it itself around each
 * frame; corks nest, so the frames wait for ours.
 */
export function batchWritesThisTurn(webSocket: WebSocket): void {
  const socket = (webSocket as unknown as { _socket?: Socket })._socket;
  if (!socket || corked.has(socket) || socket.destroyed) return;
  corked.add(socket);
  socket.cork();
  setImmediate(() => {
    corked.delete(socket);
    socket.uncork();
  });
}
