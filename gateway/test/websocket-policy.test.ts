import { WebSocket, WebSocketServer } from 'ws';
import { isAllowedOrigin, webSocketServerOptions } from '../src/websocket-policy';

const policy = { allowedOrigins: ['https://shop.example.com'], maxPayloadBytes: 1_024 };

test('only listed browser origins may open a socket; clients without Origin go on to authenticate', () => {
  expect(isAllowedOrigin(policy, 'https://shop.example.com')).toBe(true);
  expect(isAllowedOrigin(policy, 'https://evil.example')).toBe(false);
  expect(isAllowedOrigin(policy, 'https://shop.example.com.evil.example')).toBe(false);
  expect(isAllowedOrigin(policy, undefined)).toBe(true);
});

test('a ws server made with the policy refuses foreign origins and oversized messages', async () => {
  const server = new WebSocketServer({ port: 0, ...webSocketServerOptions(policy) });
  // ws reports the oversized message as an error on the server's socket before closing it.
  server.on('connection', (socket) => socket.on('error', () => {}));
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `ws://127.0.0.1:${(server.address() as { port: number }).port}`;
  try {
    const refused = new WebSocket(url, { origin: 'https://evil.example' });
    await expect(new Promise((_, reject) => refused.once('error', reject))).rejects.toThrow(/401/);

    const allowed = new WebSocket(url, { origin: 'https://shop.example.com' });
    await new Promise((resolve) => allowed.once('open', resolve));
    const closed = new Promise<number>((resolve) => allowed.once('close', resolve));
    allowed.send('x'.repeat(2_048));
    expect(await closed).toBe(1009);
  } finally {
    server.close();
  }
});
