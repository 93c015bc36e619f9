import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { BaseContext } from '@apollo/server';
import { GraphQLError, print, type ExecutionArgs, type ExecutionResult, type FormattedExecutionResult, type GraphQLSchema } from 'graphql';
import type { OperationResult } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { ErrorCode } from '@yrd/domain';
import { asGraphQLError, connectionHeaders, contextWith, peerAddress, type Attached, type OperationPipeline } from '../pipeline';

/** The most operations one WebSocket connection may run at once. */
export const MAX_OPERATIONS_PER_CONNECTION = 50;

export interface WebSocketTransport {
  readonly path: string;
  /** The schema operations are validated against. */
  readonly schema: () => GraphQLSchema;
  /** Replaces graphql-js's subscribe (the gateway's federated subscriptions). */
  readonly subscribe?: (args: ExecutionArgs) => OperationResult;
  /** Queries and mutations: through the service's Apollo Server, as over HTTP, unless replaced. */
  readonly execute?: (args: ExecutionArgs) => OperationResult;
  readonly maxOperationsPerConnection?: number;
}

/**
 * GraphQL over WebSocket (graphql-ws) on the service's HTTP server, running the service's pipeline: the connection
 * authenticated when it opens, each operation admitted, parsed and validated within the limits, given its context,
 * and every error it sends masked. A refusal is an error of that operation only.
 */
export function attachWebSockets<TContext extends BaseContext>(
  httpServer: Server, pipeline: OperationPipeline<TContext>, transport: WebSocketTransport,
): Attached {
  const maxOperations = transport.maxOperationsPerConnection ?? MAX_OPERATIONS_PER_CONNECTION;
  const masked = (result: ExecutionResult): FormattedExecutionResult | void =>
    (result.errors ? { ...result, errors: result.errors.map((e) => pipeline.format(e)) } : undefined);
  // A message as large as an HTTP body at most (ws would take 100 MiB, before the connection is authenticated).
  const wss = new WebSocketServer({ noServer: true, maxPayload: pipeline.maxBodyBytes });
  const cleanup = useServer<Record<string, unknown> | undefined, { expiresAt?: number }>({
    schema: transport.schema,
    onConnect: async (ctx) => {
      try {
        const session = await pipeline.authenticate({ headers: connectionHeaders(ctx.connectionParams), address: peerAddress(ctx.extra.request) });
        ctx.extra.expiresAt = session.expiresAt;
        return true;
      } catch (error) {
        // 4401 Unauthorized: graphql-ws clients do not retry it, and the reason says what to fix.
        ctx.extra.socket.close(4401, (error instanceof Error ? error.message : 'Unauthorized').slice(0, 120));
        return false;
      }
    },
    onSubscribe: async (ctx, _id, payload) => {
      const headers = connectionHeaders(ctx.connectionParams);
      // This one is reserved already: each operation is a plan run per event and a queue of its own.
      const running = Object.keys(ctx.subscriptions).length;
      if (running > maxOperations) {
        return [new GraphQLError(`A connection may run at most ${maxOperations} operations at once: complete one first`, {
          extensions: { code: ErrorCode.TOO_MANY_OPERATIONS },
        })];
      }
      try {
        const address = peerAddress(ctx.extra.request);
        // An operation by id comes with an empty query (graphql-ws requires the field): the pipeline gives its document.
        const query = await pipeline.resolve({ headers, address, query: payload.query || undefined, extensions: payload.extensions, transport: 'websocket' });
        await pipeline.admit({ headers, address, query, variables: payload.variables, transport: 'websocket' });
        const prepared = pipeline.prepare(transport.schema(), { ...payload, query: query ?? '' });
        if (Array.isArray(prepared)) return prepared;
        const contextValue = contextWith(await pipeline.context(headers), { expiresAt: ctx.extra.expiresAt });
        return { ...prepared as Omit<ExecutionArgs, 'contextValue'>, contextValue };
      } catch (error) {
        return [asGraphQLError(error)];
      }
    },
    ...(transport.subscribe ? { subscribe: transport.subscribe } : {}),
    execute: transport.execute ?? ((args) => pipeline.execute({
      query: args.document.loc?.source.body ?? print(args.document), variables: args.variableValues, operationName: args.operationName,
    }, args.contextValue as TContext) as Promise<ExecutionResult>),
    onNext: (_ctx, _id, _payload, _args, result) => masked(result),
    onError: (_ctx, _id, _payload, errors) => errors.map((e) => pipeline.format(e)),
  }, wss);
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(req.url ?? '/', 'http://service').pathname !== transport.path) return;
    socket.on('error', () => socket.destroy());
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  httpServer.on('upgrade', onUpgrade);
  return {
    upgradePath: transport.path,
    async dispose() {
      httpServer.off('upgrade', onUpgrade);
      await cleanup.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
