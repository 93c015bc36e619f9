import type { ReadinessCheck } from '@yrd/service';

const TIMEOUT_MS = 1000;

/** /health/ready next to a subgraph's /graphql URL. */
const readyUrl = (graphqlUrl: string) => {
  const url = new URL(graphqlUrl);
  url.pathname = url.pathname.replace(/\/graphql$/, '') + '/health/ready';
  return url.toString();
};

/**
 * One readiness check per subgraph of the supergraph now, asked afresh on each /health/ready: a subgraph that stopped
 * shows as down on the next probe, and up again as soon as it answers ready (its own check includes its database).
 */
export function subgraphReadiness(urls: () => Readonly<Record<string, string>>): () => readonly ReadinessCheck[] {
  return () => Object.entries(urls()).map(([name, url]) => ({
    name,
    check: async () => {
      const res = await fetch(readyUrl(url), { signal: AbortSignal.timeout(TIMEOUT_MS) });
      await res.body?.cancel();
      if (!res.ok) throw new Error(`${name} answered ${res.status}`);
    },
  }));
}
