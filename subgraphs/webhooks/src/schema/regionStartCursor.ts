import { DomainError, ErrorCode } from '@yrd/domain';
import { postJson } from '@yrd/service';

/** Where a webhook registered without `after` starts: the region's change cursor now, asked as the caller. */
export type StartCursor = (forward: Readonly<Record<string, string>>) => Promise<string>;

/** Asks the region subgraph at `regionUrl` for `changeCursor` (at most `timeoutMs`). */
export function regionStartCursor(regionUrl: string, timeoutMs = 3000): StartCursor {
  return async (forward) => {
    let cursor: unknown;
    let problem: string;
    try {
      const res = await postJson(regionUrl, JSON.stringify({ query: '{ changeCursor }' }), forward, AbortSignal.timeout(timeoutMs));
      const body = JSON.parse(res.text) as { data?: { changeCursor?: unknown }; errors?: { message?: string }[] };
      cursor = body.data?.changeCursor;
      problem = body.errors?.[0]?.message ?? `HTTP ${res.status}`;
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    if (typeof cursor === 'string') return cursor;
    throw new DomainError(ErrorCode.SUBGRAPH_UNAVAILABLE, `The region could not say where now is (${problem.slice(0, 200)}): try again, or register with after`);
  };
}
