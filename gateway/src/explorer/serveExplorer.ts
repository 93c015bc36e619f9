import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpRoute, ServicePlugin } from '@yrd/service';

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
export function useExplorer(options: { token(): Promise<string | null>; dir?: string }): ServicePlugin {
  return { name: 'explorer', routes: [serveExplorer(options)] };
}

function serveExplorer(options: { token(): Promise<string | null>; dir?: string }): HttpRoute {
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
        // The embedded default's analyst token, for this machine only: a client elsewhere (HOST=0.0.0.0), or a page
        // of another site that rebinds a name to this address, gets none and the page asks for one.
        res.end(JSON.stringify({ token: fromThisMachine(req) ? await options.token() : null }));
        return;
      }
      await sendBundleFile(res, dir, name, 'The explorer is not built: run npm run build');
    },
  };
}

const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i;

/** A request from this machine, to this machine by a loopback name (not a rebound DNS name). */
export const fromThisMachine = (req: IncomingMessage): boolean =>
  LOOPBACK_ADDRESSES.has(req.socket.remoteAddress ?? '') && LOOPBACK_HOST.test(req.headers.host ?? '');

/**
 * What a bundled page may load and connect to: this gateway only (its WebSocket too: 'self' covers ws: and wss: of the
 * same host), nothing from another host, and no other site may frame it.
 */
export const BUNDLE_CONTENT_SECURITY_POLICY = "default-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; "
  + "worker-src 'self' blob:; img-src 'self' data:; font-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

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
