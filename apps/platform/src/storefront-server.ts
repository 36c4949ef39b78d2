import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import type { Logger } from '@shopgraph/logging';

/** Where `npm run build -w @shopgraph/storefront` (run by `prestart`) writes the storefront. */
export const STOREFRONT_DIST = resolve(__dirname, '..', '..', '..', 'examples', 'storefront', 'dist');
export const STOREFRONT_PORT = 4100;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

export interface StorefrontOptions {
  /** The gateway's origin, e.g. http://127.0.0.1:4000: /graphql (HTTP and WebSocket) is passed to it. */
  gatewayUrl: string;
  /** 0 picks a free port. */
  port: number;
  distDir?: string;
  logger: Logger;
}

export interface RunningStorefront {
  url: string;
  port: number;
  /** Cuts every proxied connection at once, as a network drop would (tests use it). */
  dropConnections(): void;
  stop(): Promise<void>;
}

/**
 * Serves the built storefront and passes /graphql through to the gateway, so the browser talks to
 * one origin: the gateway needs no CORS, and the WebSocket is the gateway's own.
 */
export async function startStorefront(options: StorefrontOptions): Promise<RunningStorefront> {
  const distDir = options.distDir ?? STOREFRONT_DIST;
  if (!existsSync(join(distDir, 'index.html'))) throw new Error(`No storefront build in ${distDir}: run \`npm run build -w @shopgraph/storefront\``);
  const gateway = new URL(options.gatewayUrl);
  const proxied = new Set<Socket>();
  const track = (socket: Socket) => {
    // Keep-alive sockets carry many requests: one close listener per socket, not one per request.
    if (proxied.has(socket)) return;
    proxied.add(socket);
    socket.once('close', () => proxied.delete(socket));
  };

  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/graphql')) return forward(req, res);
    serveFile(req, res);
  });

  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const upstream = request(
      { host: gateway.hostname, port: gateway.port, path: req.url, method: req.method, headers: { ...req.headers, host: gateway.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('socket', track);
    upstream.on('error', (error) => {
      options.logger.warn({ err: error }, 'storefront: gateway unreachable');
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: 'The gateway is unreachable' }] }));
    });
    req.pipe(upstream);
  };

  // WebSocket upgrades on /graphql: a raw TCP pipe to the gateway, headers passed as they came.
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    if (!req.url?.startsWith('/graphql')) return socket.destroy();
    const upstream = connect(Number(gateway.port), gateway.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let index = 0; index < req.rawHeaders.length; index += 2) lines.push(`${req.rawHeaders[index]}: ${req.rawHeaders[index + 1]}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    track(socket);
    track(upstream);
    const close = () => {
      socket.destroy();
      upstream.destroy();
    };
    upstream.on('error', close);
    socket.on('error', close);
    upstream.on('close', close);
    socket.on('close', close);
  });

  const serveFile = (req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://storefront').pathname);
    const file = normalize(join(distDir, path === '/' ? 'index.html' : path));
    // Anything outside the build, or missing, is the app itself (routes are in the hash anyway).
    const target = file.startsWith(distDir) && existsSync(file) && statSync(file).isFile() ? file : join(distDir, 'index.html');
    const hashed = target.includes(`${join(distDir, 'assets')}`);
    res.writeHead(200, {
      'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    createReadStream(target).pipe(res);
  };

  server.on('connection', (socket) => track(socket));
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, resolveListen);
  });
  const port = (server.address() as AddressInfo).port;
  options.logger.info({ port, gateway: options.gatewayUrl }, 'storefront ready');
  return {
    url: `http://localhost:${port}`,
    port,
    dropConnections: () => {
      for (const socket of proxied) socket.destroy();
    },
    stop: async () => {
      for (const socket of proxied) socket.destroy();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
    },
  };
}
