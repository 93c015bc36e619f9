import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BaseContext } from '@apollo/server';
import { print, subscribe, type ExecutionArgs, type ExecutionResult, type GraphQLError, type GraphQLSchema } from 'graphql';
import { createHandler } from 'graphql-sse';
import { ErrorCode, HTTP_STATUS } from '@yrd/domain';
import { BodyTooLargeError, contextWith, forwardedHeaders, peerAddress, readBody, type HttpRoute, type OperationPipeline } from '../pipeline';

export type Subscribe = (args: ExecutionArgs) => Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult>;

/** Resolves once `res` can take more (or is gone). */
const writable = (res: ServerResponse) => (res.writableNeedDrain && !res.destroyed
  ? new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  })
  : Promise.resolve());

/**
 * The events of a subscription as graphql-sse reads them: no faster than the response takes them (graphql-sse
 * would otherwise buffer a slow partner's events without bound), and an error as one last result (a thrown one
 * would just drop the stream). Not an async generator, whose return() would wait behind the pending next() and
 * leave the upstream open.
 */
function streamed(events: AsyncIterableIterator<ExecutionResult>, res: ServerResponse | undefined): AsyncIterableIterator<ExecutionResult> {
  let failed = false;
  return {
    [Symbol.asyncIterator]() { return this; },
    async next() {
      if (failed) return { value: undefined, done: true };
      if (res) await writable(res);
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

/** graphql-js's subscribe, for a subgraph's own subscriptions. */
const defaultSubscribe: Subscribe = async (args) => subscribe(args);

/**
 * GraphQL over Server-Sent Events (graphql-sse) for partners whose networks block WebSockets: at /graphql/stream,
 * and at /graphql for requests that accept text/event-stream, running the service's pipeline as HTTP and WebSocket
 * do. Queries and mutations go through the service's Apollo Server.
 */
export function serverSentEvents<TContext extends BaseContext>(
  pipeline: () => OperationPipeline<TContext>, options: { schema(): GraphQLSchema; subscribe?: Subscribe },
): HttpRoute {
  type StreamContext = TContext & { expiresAt?: number; response?: ServerResponse };
  // Refused before any stream opens: the status the first error's code stands for, the errors masked.
  const refused = (errors: readonly unknown[]) => {
    const masked = errors.map((e) => pipeline().format(e));
    const code = String(masked[0]?.extensions?.code);
    const status = HTTP_STATUS[code as ErrorCode] ?? 400;
    return [JSON.stringify({ errors: masked }), {
      status, statusText: status === 401 ? 'Unauthorized' : status === 429 ? 'Too Many Requests' : 'Bad Request',
      headers: { 'content-type': 'application/json; charset=utf-8' },
    }] as [string, { status: number; statusText: string; headers: Record<string, string> }];
  };
  const sessions = new WeakMap<IncomingMessage, number | undefined>();
  const handler = createHandler<IncomingMessage, { res: ServerResponse }, StreamContext>({
    schema: () => options.schema(),
    // A refused token is a 401 with the reason, before any stream opens.
    authenticate: async (req) => {
      try {
        const session = await pipeline().authenticate({ headers: forwardedHeaders(req.raw.headers), address: peerAddress(req.raw) });
        sessions.set(req.raw, session.expiresAt);
      } catch (error) {
        return refused([error]);
      }
      // Single-connection mode is not routed here (see matches): each stream is its own request.
      return '';
    },
    onSubscribe: async (req, params) => {
      const headers = forwardedHeaders(req.raw.headers);
      let query: string | undefined;
      try {
        const address = peerAddress(req.raw);
        query = await pipeline().resolve({ headers, address, query: params.query || undefined, extensions: params.extensions, transport: 'sse' });
        await pipeline().admit({ headers, address, query, variables: params.variables, transport: 'sse' });
      } catch (error) {
        return refused([error]);
      }
      const prepared = pipeline().prepare(options.schema(), { ...params, query: query ?? '' });
      if (Array.isArray(prepared)) return refused(prepared);
      const contextValue = contextWith(await pipeline().context(headers), { expiresAt: sessions.get(req.raw), response: req.context.res });
      return { ...prepared as Omit<ExecutionArgs, 'contextValue'>, contextValue: contextValue as StreamContext };
    },
    subscribe: async (args) => {
      const result = options.subscribe ? await options.subscribe(args) : await defaultSubscribe(args);
      return Symbol.asyncIterator in result ? streamed(result, args.contextValue.response) : result;
    },
    execute: (args) => pipeline().execute({
      query: print(args.document), variables: args.variableValues as Record<string, unknown>,
      operationName: args.operationName,
    }, args.contextValue) as Promise<ExecutionResult>,
    // Formatted errors serialize as GraphQLErrors do; graphql-sse only types them as the latter.
    onNext: (_ctx, _req, result) => (result.errors
      ? { ...result, errors: result.errors.map((e) => pipeline().format(e)) } as unknown as ExecutionResult
      : undefined),
  });
  return {
    // Distinct-connections mode only (a GET or POST per stream): single-connection mode's reservations (PUT) would
    // keep subscriptions running for streams that may never be opened.
    matches: (req, url) => (req.method === 'GET' || req.method === 'POST') && req.headers.accept === 'text/event-stream'
      && (url.pathname === '/graphql/stream' || url.pathname === '/graphql'),
    // graphql-sse's own node adapter reads the body with no limit: the body is read here, as for /graphql.
    handle: async (req, res) => {
      const maxBodyBytes = pipeline().maxBodyBytes;
      let body: string | null = null;
      try {
        if (req.method === 'POST') body = await readBody(req, maxBodyBytes);
      } catch (error) {
        if (!(error instanceof BodyTooLargeError)) throw error;
        res.writeHead(413, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ errors: [{ message: `Request body is larger than ${maxBodyBytes} bytes`, extensions: { code: ErrorCode.PAYLOAD_TOO_LARGE } }] }));
        return;
      }
      const [answer, init] = await handler({
        method: req.method ?? 'GET', url: req.url ?? '/', raw: req, context: { res }, body,
        headers: { get: (key) => { const value = req.headers[key]; return Array.isArray(value) ? value.join('\n') : value; } },
      });
      res.writeHead(init.status, init.statusText, init.headers);
      if (!answer || typeof answer === 'string') {
        res.end(answer);
        return;
      }
      // Each event is written before the next is taken, so a slow partner holds its own stream back, not our memory.
      const stop = () => void answer.return(undefined);
      res.once('close', stop);
      for await (const chunk of answer) {
        if (!res.writable) break;
        await new Promise<void>((resolve, reject) => res.write(chunk, (error) => (error ? reject(error) : resolve())));
      }
      res.off('close', stop);
      res.end();
    },
  };
}
