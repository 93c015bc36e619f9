import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, type ExecutionArgs, type ExecutionResult, type FormattedExecutionResult, type GraphQLSchema } from 'graphql';
import type { OperationResult } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { ErrorCode } from '@yrd/domain';
import { maskAnyError } from '../server/reportMaskedError';
import { connectionHeaders } from './connectionHeaders';
import { prepareOperation, type OperationChecks } from './prepareOperation';

/** A GraphQL endpoint over WebSocket (protocol graphql-transport-ws) on a service's HTTP server. */
export interface WebSocketEndpoint<TContext extends object = object> extends OperationChecks {
  readonly path: string;
  /** The schema operations are validated against; a function when it can change (the gateway's). */
  readonly schema: GraphQLSchema | (() => GraphQLSchema);
  /** Checks a connection's token when it opens; a rejection closes it with 4401 and the reason. */
  authenticate(headers: Record<string, string>): Promise<unknown>;
  /** The context of an operation, from its connection's parameters read as request headers. */
  context(headers: Record<string, string>): Promise<TContext> | TContext;
  /** Admits one more operation of this caller, or throws (e.g. a rate limit). */
  admit?(headers: Record<string, string>): Promise<void>;
  /** Replaces graphql-js's subscribe, e.g. the gateway's federated subscriptions. */
  readonly subscribe?: (args: ExecutionArgs) => OperationResult;
  /** Replaces graphql-js's execute for queries and mutations. */
  readonly execute?: (args: ExecutionArgs) => OperationResult;
}

export interface WebSocketEndpoints {
  /** Closes every connection (clients reconnect elsewhere) and ends their subscriptions. */
  dispose(): Promise<void>;
}

/** The most operations one WebSocket connection may run at once. */
export const MAX_OPERATIONS_PER_CONNECTION = 50;

const masked = (service: string, result: ExecutionResult): FormattedExecutionResult | void =>
  result.errors ? { ...result, errors: result.errors.map((e) => maskAnyError(service, e)) } : undefined;

/**
 * Serves each endpoint with graphql-ws on `httpServer`, upgrades routed by path. Every error an operation sends,
 * in a result or as the operation's end, is masked like the HTTP ones, and a plain Error never reaches graphql-ws.
 */
export function serveWebSockets(
  service: string, httpServer: Server, endpoints: readonly WebSocketEndpoint[], maxMessageBytes = 1024 * 1024,
  maxOperations = MAX_OPERATIONS_PER_CONNECTION,
): WebSocketEndpoints {
  const servers = new Map(endpoints.map((endpoint) => {
    // A message as large as an HTTP body at most (ws would take 100 MiB, before the connection is authenticated).
    const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
    const cleanup = useServer<Record<string, unknown> | undefined>({
      schema: endpoint.schema,
      onConnect: async (ctx) => {
        try {
          await endpoint.authenticate(connectionHeaders(ctx.connectionParams));
          return true;
        } catch (error) {
          // 4401 Unauthorized: graphql-ws clients do not retry it, and the reason says what to fix.
          ctx.extra.socket.close(4401, (error instanceof Error ? error.message : 'Unauthorized').slice(0, 120));
          return false;
        }
      },
      // Parsed, validated and given its context here, so that every refusal is an error of this operation only.
      onSubscribe: async (ctx, _id, payload) => {
        const headers = connectionHeaders(ctx.connectionParams);
        // This one is reserved already: one connection may hold at most MAX_OPERATIONS_PER_CONNECTION, each a plan run
        // per event and a queue of its own.
        const running = Object.keys(ctx.subscriptions).length;
        if (running > maxOperations) {
          return [new GraphQLError(`A connection may run at most ${maxOperations} operations at once: complete one first`, {
            extensions: { code: ErrorCode.TOO_MANY_OPERATIONS },
          })];
        }
        try {
          await endpoint.admit?.(headers);
          const schema = typeof endpoint.schema === 'function' ? endpoint.schema() : endpoint.schema;
          const prepared = prepareOperation(schema, payload, endpoint);
          if (Array.isArray(prepared)) return prepared;
          return { ...prepared as Omit<ExecutionArgs, 'contextValue'>, contextValue: await endpoint.context(headers) };
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError('Internal server error', { originalError: error as Error })];
        }
      },
      ...(endpoint.subscribe ? { subscribe: endpoint.subscribe } : {}),
      ...(endpoint.execute ? { execute: endpoint.execute } : {}),
      onNext: (_ctx, _id, _payload, _args, result) => masked(service, result),
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => maskAnyError(service, e)),
    }, wss);
    return [endpoint.path, { wss, cleanup }] as const;
  }));
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const server = servers.get(new URL(req.url ?? '/', 'http://service').pathname);
    socket.on('error', () => socket.destroy());
    if (!server) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    server.wss.handleUpgrade(req, socket, head, (ws) => server.wss.emit('connection', ws, req));
  };
  if (servers.size) httpServer.on('upgrade', onUpgrade);
  return {
    async dispose() {
      httpServer.off('upgrade', onUpgrade);
      await Promise.all([...servers.values()].map(async ({ wss, cleanup }) => {
        await cleanup.dispose();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
      }));
    },
  };
}
