import type { ServicePlugin, ReadinessCheck } from '../pipeline';
import { json } from '../server/createServiceServer';

/** /health/live (the process answers) and /health/ready (every check passes: a database, the subgraphs). */
export function useHealth(service: string, readiness: readonly ReadinessCheck[] | (() => readonly ReadinessCheck[]) = []): ServicePlugin {
  return {
    name: 'health',
    routes: [{
      matches: (_req, url) => url.pathname === '/health/live',
      handle: async (_req, res) => json(res, 200, { status: 'live', service }),
    }, {
      matches: (_req, url) => url.pathname === '/health/ready',
      handle: async (_req, res) => {
        const checks = await Promise.all((typeof readiness === 'function' ? readiness() : readiness).map(async (c) => {
          try {
            await c.check();
            return { name: c.name, status: 'up' };
          } catch {
            return { name: c.name, status: 'down' };
          }
        }));
        const up = checks.every((c) => c.status === 'up');
        json(res, up ? 200 : 503, { status: up ? 'ready' : 'unready', service, checks });
      },
    }],
  };
}
