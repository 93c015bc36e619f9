import { DomainError, ErrorCode } from '@yrd/domain';

/** Where a webhook registered without `after` starts: the region's change cursor now, asked as the caller. */
export type StartCursor = (forward: Readonly<Record<string, string>>) => Promise<string>;

/** Asks the region subgraph at `regionUrl` for `changeCursor` (at most `timeoutMs`). */
export function regionStartCursor(regionUrl: string, timeoutMs = 3000): StartCursor {
  return async (forward) => {
    let cursor: unknown;
    let problem: string;
    try {
      const res = await fetch(regionUrl, {
        method: 'POST', headers: { ...forward, 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ changeCursor }' }), signal: AbortSignal.timeout(timeoutMs),
      });
      const body = await res.json() as { data?: { changeCursor?: unknown }; errors?: { message?: string }[] };
      cursor = body.data?.changeCursor;
      problem = body.errors?.[0]?.message ?? `HTTP ${res.status}`;
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    if (typeof cursor === 'string') return cursor;
    throw new DomainError(ErrorCode.SUBGRAPH_UNAVAILABLE, `The region could not say where now is (${problem.slice(0, 200)}): try again, or register with after`);
  };
}
