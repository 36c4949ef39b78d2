import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { GatewayContext } from '../context';
import { EXPLORER_PATH } from '../explorer/explorer-pages';
import { SANDBOX_EXAMPLES } from '../sandbox-examples';

/** Shown where Sandbox says it cannot be loaded (no route to Apollo's CDN). */
const OFFLINE_EXPLORER_LINK = `<p>This gateway serves GraphiQL itself, with the same example operations and the demo logins, and it needs no internet: <a id="offline-explorer" href="${EXPLORER_PATH}/">open the offline explorer (GraphiQL)</a>.</p>`;

/**
 * Over Sandbox, for those online who want GraphiQL anyway. Sandbox's page lets styles in only with
 * its nonce. Its empty frame (no CDN, nothing loaded into it) covers the page: clicks go through it.
 */
const cornerLink = (nonce: string) =>
  `<style nonce="${nonce}">#embeddableSandbox:empty{pointer-events:none}#graphiql-corner-link{position:fixed;right:12px;bottom:8px;z-index:10;font:12px sans-serif;background:#fff;padding:2px 8px;border-radius:4px}</style>` +
  `<a id="graphiql-corner-link" href="${EXPLORER_PATH}/">GraphiQL (offline)</a>`;

/** Apollo Sandbox's page with links to the gateway's own GraphiQL (gateway/src/explorer/). */
export function withExplorerLinks(html: string): string {
  const nonce = /nonce="?([0-9a-f]+)/.exec(html)?.[1];
  const withFallbackLink = html.replace(/(cannot be loaded; it appears that you might be offline\.<\/p>)/, `$1\n  ${OFFLINE_EXPLORER_LINK}`);
  return nonce ? withFallbackLink.replace('</body>', `${cornerLink(nonce)}\n  </body>`) : withFallbackLink;
}

/** Sandbox's landing page, serving its HTML with the explorer links added. */
function sandboxWithExplorerLinks(): ApolloServerPlugin<GatewayContext> {
  const sandbox = ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false, footer: false, ...SANDBOX_EXAMPLES });
  return {
    async serverWillStart(service) {
      const started = await sandbox.serverWillStart?.(service);
      const render = started?.renderLandingPage;
      if (!render) return started;
      return {
        ...started,
        renderLandingPage: async () => {
          const page = await render();
          const html = page.html;
          return { html: async () => withExplorerLinks(typeof html === 'string' ? html : await html()) };
        },
      };
    },
  };
}

/**
 * Apollo Sandbox with our example operations, and links to the offline GraphiQL, for developers; in
 * production no landing page at all (it would advertise the schema).
 */
export function landingPagePlugin(production: boolean): ApolloServerPlugin<GatewayContext> {
  return production ? ApolloServerPluginLandingPageDisabled() : sandboxWithExplorerLinks();
}
