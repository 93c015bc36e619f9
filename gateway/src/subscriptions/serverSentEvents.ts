import { print, type ExecutionArgs, type ExecutionResult, type GraphQLError, type GraphQLSchema } from 'graphql';
import { randomUUID } from 'node:crypto';
import { TOKEN_HEADER_KEY, TOKEN_QUERY_KEY } from 'graphql-sse';
import { createHandler } from 'graphql-sse/lib/use/http';
import { forwardedHeaders, maskAnyError, type Authenticator, type HttpRoute, type ServiceServer } from '@yrd/shared';
import type { GatewayContext } from '../GatewayContext';

type Subscribe = (args: ExecutionArgs) => Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult>;

/**
 * A subscription's end by error, as one last result: over SSE, a thrown error would just drop the stream. Not an
 * async generator, whose return() would wait behind the pending next() and leave the upstream open.
 */
function errorsAsResults(events: AsyncIterableIterator<ExecutionResult>): AsyncIterableIterator<ExecutionResult> {
  let failed = false;
  return {
    [Symbol.asyncIterator]() { return this; },
    async next() {
      if (failed) return { value: undefined, done: true };
      try {
        return await events.next();
      } catch (error) {
        failed = true;
        return { value: { errors: [error as GraphQLError] }, done: false };
      }
    },
    return: async () => (await events.return?.()) ?? { value: undefined, done: true },
    // graphql-sse only ends what looks like a generator (next, return and throw).
    throw: async (error: unknown) => {
      await events.return?.();
      throw error;
    },
  };
}

/**
 * GraphQL over Server-Sent Events (graphql-sse) for partners whose networks block WebSockets: at /graphql/stream,
 * and at /graphql for requests that accept text/event-stream. Subscriptions run as over WebSocket; queries and
 * mutations through the gateway's usual pipeline.
 */
export function serverSentEvents(options: {
  schema(): GraphQLSchema;
  subscribe: Subscribe;
  server(): ServiceServer<GatewayContext>;
  authenticator: Authenticator;
}): HttpRoute {
  const handler = createHandler<GatewayContext>({
    schema: () => options.schema(),
    // A refused token is a 401 with the reason, before any stream opens.
    authenticate: async (req) => {
      try {
        await options.authenticator.actorFrom(req.raw.headers.authorization);
      } catch (error) {
        return [JSON.stringify({ errors: [maskAnyError('gateway', error)] }), {
          status: 401, statusText: 'Unauthorized', headers: { 'content-type': 'application/json; charset=utf-8' },
        }];
      }
      // As graphql-sse's default: the stream token of single-connection mode, from the header or the URL, or a new one.
      return req.headers.get(TOKEN_HEADER_KEY)
        ?? new URL(req.url, 'http://localhost/').searchParams.get(TOKEN_QUERY_KEY) ?? randomUUID();
    },
    context: (req) => ({ forward: forwardedHeaders(req.raw.headers) }),
    subscribe: async (args) => {
      const result = await options.subscribe(args);
      return Symbol.asyncIterator in result ? errorsAsResults(result) : result;
    },
    execute: (args) => options.server().execute({
      query: print(args.document), variables: args.variableValues as Record<string, unknown>,
      operationName: args.operationName,
    }, args.contextValue) as Promise<ExecutionResult>,
    // Formatted errors serialize as GraphQLErrors do; graphql-sse only types them as the latter.
    onNext: (_ctx, _req, result) => (result.errors
      ? { ...result, errors: result.errors.map((e) => maskAnyError('gateway', e)) } as unknown as ExecutionResult
      : undefined),
  });
  return {
    matches: (req, url) => url.pathname === '/graphql/stream'
      || (url.pathname === '/graphql' && (req.headers.accept ?? '').includes('text/event-stream')),
    handle: (req, res) => handler(req, res),
  };
}
