// The one place the explorer takes Sandbox's examples from (they may move to packages/operations).
import { DEMO_PASSWORD, SANDBOX_EXAMPLES } from '../sandbox-examples';

/** The accounts Sandbox's example document names, offered as one-click sign-ins (demo data only). */
export const EXPLORER_DEMO_LOGINS = [
  { email: 'customer@shopgraph.dev', password: DEMO_PASSWORD, role: 'CUSTOMER' },
  { email: 'admin@shopgraph.dev', password: DEMO_PASSWORD, role: 'ADMIN' },
] as const;

/** What apps/explorer reads from its page (its src/explorer-config.ts declares the same shape). */
export interface ExplorerConfig {
  graphqlPath: string;
  document: string;
  variables: Record<string, unknown>;
  demoLogins: readonly { email: string; password: string; role: string }[];
}

export const EXPLORER_CONFIG: ExplorerConfig = {
  graphqlPath: '/graphql',
  document: SANDBOX_EXAMPLES.document,
  variables: SANDBOX_EXAMPLES.variables,
  demoLogins: EXPLORER_DEMO_LOGINS,
};

const PLACEHOLDER = '<!-- explorer-config -->';

/** The explorer's index.html with its config in a JSON script element (`<` escaped, so no text can close it). */
export function withExplorerConfig(indexHtml: string, config: ExplorerConfig = EXPLORER_CONFIG): string {
  if (!indexHtml.includes(PLACEHOLDER)) throw new Error(`The explorer's index.html has no ${PLACEHOLDER} to replace`);
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return indexHtml.replace(PLACEHOLDER, () => `<script id="explorer-config" type="application/json">${json}</script>`);
}
