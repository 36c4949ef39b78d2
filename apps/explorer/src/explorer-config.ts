/** One account the explorer offers to sign in as (the demo data's; development only). */
export interface DemoLogin {
  email: string;
  password: string;
  role: string;
}

/**
 * What the gateway writes into index.html when it serves the explorer (gateway/src/explorer/): the
 * same example operations and demo logins as Sandbox's, so the bundle holds no copy of either.
 */
export interface ExplorerConfig {
  /** The gateway's GraphQL path on this origin, for HTTP and for the graphql-ws WebSocket. */
  graphqlPath: string;
  /** The example document the first tab opens with. */
  document: string;
  variables: Record<string, unknown>;
  demoLogins: DemoLogin[];
}

const CONFIG_ELEMENT_ID = 'explorer-config';

/** The config the gateway injected, or undefined when the page was opened some other way (a file, a static server). */
export function readExplorerConfig(): ExplorerConfig | undefined {
  const text = document.getElementById(CONFIG_ELEMENT_ID)?.textContent;
  return text ? (JSON.parse(text) as ExplorerConfig) : undefined;
}
