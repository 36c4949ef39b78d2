import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Logger } from '@shopgraph/logging';
import type { GraphQLService } from '@shopgraph/server';
import { withExplorerConfig } from './explorer-config';

/** Where the gateway serves GraphiQL in development. */
export const EXPLORER_PATH = '/graphiql';

/** Where `npm run build:explorer` (run by `prestart`) writes apps/explorer's Vite build. */
export const DEFAULT_EXPLORER_DIST = resolve(__dirname, '..', '..', '..', 'apps', 'explorer', 'dist');

// The kinds of file apps/explorer's Vite build writes: the page, its scripts and Monaco's workers, styles, the icon font.
const CONTENT_TYPES = new Map([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.ttf', 'font/ttf'],
  ['.woff2', 'font/woff2'],
  ['.svg', 'image/svg+xml'],
]);

/**
 * Nothing but this origin: the explorer runs where there is no internet, and a stray CDN URL fails
 * here at once instead of only offline. Monaco sets inline styles and starts its workers from files.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
].join('; ');

type Pages = NonNullable<GraphQLService<never>['pages']>;

const sendText = (response: ServerResponse, status: number, text: string) => {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(text);
};

/**
 * GraphiQL at /graphiql/ from apps/explorer's build, with Sandbox's example operations and the demo
 * logins written into its page. Without a build the page says how to make one (the gateway still starts).
 */
export function explorerPages(options: { distDir?: string; logger: Logger }): Pages {
  const distDir = resolve(options.distDir ?? DEFAULT_EXPLORER_DIST);
  const indexFile = join(distDir, 'index.html');
  const indexHtml = existsSync(indexFile) ? withExplorerConfig(readFileSync(indexFile, 'utf8')) : undefined;
  if (!indexHtml) options.logger.warn({ distDir }, 'explorer not served: no build (npm run build:explorer)');

  const serveAsset = (response: ServerResponse, pathname: string) => {
    const file = normalize(join(distDir, pathname.slice(EXPLORER_PATH.length)));
    if (!file.startsWith(distDir + sep) || !existsSync(file) || !statSync(file).isFile()) return sendText(response, 404, 'Not found');
    // Vite names every asset by its content hash: a changed file is a new URL.
    response.writeHead(200, {
      'content-type': CONTENT_TYPES.get(extname(file)) ?? 'application/octet-stream',
      'cache-control': 'public, max-age=31536000, immutable',
    });
    createReadStream(file).pipe(response);
  };

  return {
    accepts: (pathname) => pathname === EXPLORER_PATH || pathname.startsWith(`${EXPLORER_PATH}/`),
    handle: async (_request: IncomingMessage, response: ServerResponse, pathname: string) => {
      // The page's asset URLs are relative to /graphiql/.
      if (pathname === EXPLORER_PATH) {
        response.writeHead(308, { location: `${EXPLORER_PATH}/` });
        response.end();
        return;
      }
      if (!indexHtml) return sendText(response, 404, 'The explorer is not built: run `npm run build:explorer` (npm start does it) and restart the gateway.');
      if (pathname !== `${EXPLORER_PATH}/`) return serveAsset(response, pathname);
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', 'content-security-policy': CONTENT_SECURITY_POLICY });
      response.end(indexHtml);
    },
  };
}
