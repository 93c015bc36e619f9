import { join } from 'node:path';
import type { HttpRoute, ServicePlugin } from '@yrd/service';
import { sendBundleFile } from '../explorer/serveExplorer';

/** The bundle the build writes (scripts/buildDashboard.mjs). */
export const DASHBOARD_DIR = join(__dirname, '..', 'dashboard-bundle');

/**
 * The analysts' dashboard at /dashboard/ (and /dashboard leads there): ECharts figures, each drawn from a named
 * GraphQL operation the page sends to this gateway's /graphql with its token (the explorer's /explorer/config.json
 * gives it one on the embedded default), every file served from the bundle under the explorer's content security
 * policy, nothing from another host.
 */
export function useDashboard(options: { dir?: string } = {}): ServicePlugin {
  return { name: 'dashboard', routes: [serveDashboard(options)] };
}

function serveDashboard(options: { dir?: string }): HttpRoute {
  const dir = options.dir ?? DASHBOARD_DIR;
  return {
    matches: (req, url) => req.method === 'GET' && (url.pathname === '/dashboard' || url.pathname.startsWith('/dashboard/')),
    handle: async (req, res) => {
      const path = new URL(req.url ?? '/', 'http://gateway').pathname;
      if (path === '/dashboard') {
        res.writeHead(302, { location: '/dashboard/' });
        res.end();
        return;
      }
      const name = path.slice('/dashboard/'.length) || 'index.html';
      await sendBundleFile(res, dir, name, 'The dashboard is not built: run npm run build');
    },
  };
}
