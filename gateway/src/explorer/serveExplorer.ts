import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { ServerResponse } from 'node:http';
import type { HttpRoute } from '@yrd/shared';

/** The bundle the build writes (scripts/buildExplorer.mjs). */
export const EXPLORER_DIR = join(__dirname, '..', 'explorer-bundle');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf', '.woff': 'font/woff', '.woff2': 'font/woff2', '.svg': 'image/svg+xml', '.json': 'application/json',
};

/**
 * The analysts' explorer at /explorer/ (and / leads there): GraphiQL with the explorer plugin and saved operations,
 * every file served from the bundle, nothing from another host. `token` gives the page an analyst token where the
 * platform runs on its embedded default; elsewhere (null) the page asks for one.
 */
export function serveExplorer(options: { token(): Promise<string | null>; dir?: string }): HttpRoute {
  const dir = options.dir ?? EXPLORER_DIR;
  return {
    matches: (req, url) => req.method === 'GET' && (url.pathname === '/' || url.pathname === '/explorer' || url.pathname.startsWith('/explorer/')),
    handle: async (req, res) => {
      const path = new URL(req.url ?? '/', 'http://gateway').pathname;
      if (path === '/' || path === '/explorer') {
        res.writeHead(302, { location: '/explorer/' });
        res.end();
        return;
      }
      const name = path.slice('/explorer/'.length) || 'index.html';
      if (name === 'config.json') {
        res.writeHead(200, { 'content-type': TYPES['.json'], 'cache-control': 'no-store' });
        res.end(JSON.stringify({ token: await options.token() }));
        return;
      }
      await sendBundleFile(res, dir, name, 'The explorer is not built: run npm run build');
    },
  };
}

/** What a bundled page may load and connect to: this gateway only, nothing from another host. */
export const BUNDLE_CONTENT_SECURITY_POLICY =
  "default-src 'self'; connect-src 'self' ws: wss:; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:; img-src 'self' data:; font-src 'self' data:";

/**
 * One file of a page's bundle (`name` relative to `dir`, `index.html` the page itself), with the content security
 * policy above; 404 outside the folder or when absent (`notBuilt` when the page itself is).
 */
export async function sendBundleFile(res: ServerResponse, dir: string, name: string, notBuilt: string): Promise<void> {
  const file = normalize(join(dir, name));
  if (!file.startsWith(dir) || name.includes('\0')) {
    res.writeHead(404).end();
    return;
  }
  try {
    const body = await readFile(file);
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': name === 'index.html' ? 'no-cache' : 'public, max-age=3600',
      // The page may talk to this gateway only.
      'content-security-policy': BUNDLE_CONTENT_SECURITY_POLICY,
    });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(name === 'index.html' ? notBuilt : 'not found');
  }
}
