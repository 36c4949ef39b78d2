import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { demoLoginsPlugin } from './demo-logins-plugin';
import { readExplorerConfig } from './explorer-config';
import { createGatewayFetcher } from './gateway-fetcher';

const root = createRoot(document.getElementById('root')!);
const config = readExplorerConfig();
if (!config) {
  root.render(<p className="explorer-missing-config">Open the explorer from the gateway (http://localhost:4000/graphiql/) in development.</p>);
} else {
  root.render(
    <StrictMode>
      <GraphiQL
        fetcher={createGatewayFetcher(config.graphqlPath)}
        // The first visit opens Sandbox's example document; later visits keep the tabs as left.
        defaultTabs={[{ query: config.document, variables: JSON.stringify(config.variables, null, 2) }]}
        defaultEditorToolsVisibility="headers"
        plugins={[demoLoginsPlugin(config.graphqlPath, config.demoLogins)]}
      />
    </StrictMode>,
  );
}
