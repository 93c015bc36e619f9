import './setupWorkers';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import { SAVED_OPERATIONS } from './savedOperations';

interface ExplorerConfig {
  /** An analyst token, given by the gateway in the embedded default only. */
  readonly token: string | null;
}

const TOKEN_KEY = 'yrd-explorer-token';

/** The token: the embedded default's, else one pasted once and kept for this browser session. */
function tokenOf(config: ExplorerConfig): string | null {
  if (config.token) return config.token;
  const kept = sessionStorage.getItem(TOKEN_KEY);
  if (kept) return kept;
  const pasted = window.prompt('A token for the port clearance graph (ask your administrator, or run: npm run token -- analyst)');
  const token = pasted?.trim().replace(/^Bearer\s+/i, '') || null;
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  return token;
}

async function main() {
  const config = await (await fetch(new URL('config.json', import.meta.url))).json() as ExplorerConfig;
  const token = tokenOf(config);
  const authorization = token ? `Bearer ${token}` : undefined;
  const graphql = new URL('/graphql', location.href);
  const fetcher = createGraphiQLFetcher({
    url: graphql.toString(),
    subscriptionUrl: graphql.toString().replace(/^http/, 'ws'),
    wsConnectionParams: authorization ? { authorization } : {},
  });
  const headers = JSON.stringify(authorization ? { authorization } : {}, null, 2);
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(
    <GraphiQL
      fetcher={fetcher}
      plugins={[explorerPlugin()]}
      defaultTabs={SAVED_OPERATIONS.map((query) => ({ query, headers }))}
      defaultHeaders={headers}
      defaultEditorToolsVisibility="headers"
    >
      {/* Where the logo goes: the way to the analysts' charts, served by the same gateway. */}
      <GraphiQL.Logo>
        <a href="/dashboard/" data-testid="dashboard-link" style={{ fontSize: 14, whiteSpace: 'nowrap' }}>Dashboard · 图表</a>
      </GraphiQL.Logo>
    </GraphiQL>,
  );
}

void main();
