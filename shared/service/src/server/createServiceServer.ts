import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  ApolloServer, HeaderMap, type ApolloServerOptions, type ApolloServerPlugin, type BaseContext, type ContextFunction,
} from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  GraphQLError, type FormattedExecutionResult, type GraphQLFormattedError, type GraphQLSchema, type ValidationRule,
} from 'graphql';
import { ErrorCode, HTTP_STATUS, maskError, withoutSuggestions } from '@yrd/domain';
import { serveWebSockets, type WebSocketEndpoint } from '../subscriptions/serveWebSockets';
import { BodyTooLargeError, readBody } from './readBody';
import { loggerFor, ServiceMetrics } from '../observability';
import { reportMaskedError } from './reportMaskedError';

export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

/** A request a capability serves itself (e.g. Server-Sent Events), checked before the built-in routes. */
export interface HttpRoute {
  matches(req: IncomingMessage, url: URL): boolean;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

export type RequestGuard = (request: { readonly headers: IncomingHttpHeaders; readonly query: string | undefined }) => Promise<void>;

export interface OperationRequest {
  readonly query: string;
  readonly variables?: Record<string, unknown> | null;
  readonly operationName?: string | null;
}

export interface ServiceServerOptions<TContext extends BaseContext> {
  readonly name: string;
  /** What serves the operations: a subgraph's schema, or the federated gateway. */
  readonly schema?: GraphQLSchema;
  readonly gateway?: Extract<ApolloServerOptions<TContext>, { gateway: object }>['gateway'];
  readonly plugins?: readonly ApolloServerPlugin<TContext>[];
  readonly context: (req: IncomingMessage) => Promise<TContext>;
  /** Each must resolve for /health/ready to answer 200; a function when the list can change. */
  readonly readiness?: readonly ReadinessCheck[] | (() => readonly ReadinessCheck[]);
  /** Largest request body accepted, in bytes. Default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** Default true: the embedded default is for exploring. */
  readonly introspection?: boolean;
  /**
   * Checks the caller from the headers alone, before the body is read: an unauthenticated caller's body is never read
   * or parsed. A throw is the answer (UNAUTHENTICATED, 401).
   */
  readonly authenticate?: (headers: IncomingMessage['headers']) => Promise<unknown>;
  /** Checks each HTTP operation before Apollo Server sees it (token, rate, size); a throw is the answer. */
  readonly guards?: readonly RequestGuard[];
  /** Validation rules beyond graphql-js's own (operation limits). */
  readonly validationRules?: readonly ValidationRule[];
  /** GraphQL over WebSocket endpoints on the same HTTP server. */
  readonly webSockets?: readonly WebSocketEndpoint[];
  readonly routes?: readonly HttpRoute[];
  /** Metrics shared with what the service builds around it (the gateway's data sources); default a new set. */
  readonly metrics?: ServiceMetrics;
  /** Releases what the service holds (upstream connections), after it stopped serving. */
  readonly onStop?: () => Promise<void>;
}

export interface ServiceServer<TContext extends BaseContext = BaseContext> {
  readonly httpServer: Server;
  /** Its Prometheus metrics (served at /metrics): register gauges of what it holds here. */
  readonly metrics: ServiceMetrics;
  /** Runs one operation through Apollo Server's pipeline (plugins, masking), e.g. a query sent over WebSocket. */
  execute(request: OperationRequest, context: TContext): Promise<FormattedExecutionResult>;
  /** Starts Apollo Server; the HTTP server is not listening yet (use listen, or hand httpServer to supertest). */
  start(): Promise<void>;
  listen(port: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
};

/**
 * Apollo Server files every validation error under GRAPHQL_VALIDATION_FAILED; a rule that reported its own code
 * (an operation limit) keeps it.
 */
function ruleCode(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = (error as { originalError?: unknown } | null)?.originalError;
  const code = original instanceof GraphQLError ? original.extensions.code : undefined;
  if (formatted.extensions?.code !== 'GRAPHQL_VALIDATION_FAILED' || typeof code !== 'string') return formatted;
  return { ...formatted, extensions: { ...formatted.extensions, code } };
}

/** A guard's refusal as the HTTP answer: the status its code stands for, the error masked like any other. */
function refuse(res: ServerResponse, error: unknown) {
  const graphQLError = error instanceof GraphQLError ? error : new GraphQLError('Internal server error');
  const code = String(graphQLError.extensions.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
  const http = graphQLError.extensions.http as { status?: number; headers?: Map<string, string> } | undefined;
  const { http: _http, ...extensions } = graphQLError.extensions;
  const formatted = maskError({ message: graphQLError.message, extensions });
  json(res, http?.status ?? HTTP_STATUS[code as ErrorCode] ?? 500, { errors: [formatted] }, Object.fromEntries(http?.headers ?? []));
}

/**
 * One subgraph's HTTP service on node:http: /graphql through Apollo Server, /health/live and /health/ready.
 * Errors are masked in one place (maskError); Apollo's landing page, which loads from a CDN, is off.
 */
export function createServiceServer<TContext extends BaseContext>(options: ServiceServerOptions<TContext>): ServiceServer<TContext> {
  const httpServer = createServer();
  const metrics = options.metrics ?? new ServiceMetrics(options.name);
  const log = loggerFor(options.name);
  /** One log line and one count per operation, with the request id that came with it (or was given here). */
  const observe: ApolloServerPlugin<TContext> = {
    async requestDidStart({ request }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, response, errors }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const operation = metrics.operationLabel(operationName ?? request.operationName);
          const failed = Boolean(errors?.length) || (response.body.kind === 'single' && Boolean(response.body.singleResult.errors?.length));
          metrics.requests.inc({ operation, outcome: failed ? 'error' : 'ok' });
          metrics.requestDuration.observe({ operation }, seconds);
          log.info({ requestId: request.http?.headers.get('x-request-id'), operation: operationName ?? null, ms: Math.round(seconds * 1000), outcome: failed ? 'error' : 'ok' }, 'operation');
        },
      };
    },
  };
  const apollo = new ApolloServer<TContext>({
    ...(options.gateway ? { gateway: options.gateway } : { schema: options.schema as GraphQLSchema }),
    introspection: options.introspection ?? true,
    // With introspection off, no "Did you mean ...?" either: it would spell out the schema field by field.
    hideSchemaDetailsFromClientErrors: !(options.introspection ?? true),
    validationRules: [...(options.validationRules ?? [])],
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => {
      const shown = reportMaskedError(options.name, ruleCode(formatted, error), error);
      // Apollo hides suggestions in validation errors only; a variable's ("Did you mean portCode?") spells the schema too.
      return options.introspection === false ? { ...shown, message: withoutSuggestions(shown.message) } : shown;
    },
    // Inline traces only feed Apollo's hosted usage reporting, which never runs here.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(), observe, ...(options.plugins ?? []),
    ],
  });
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const contextFn: ContextFunction<[IncomingMessage], TContext> = (req) => options.context(req);

  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL) {
    try {
      await options.authenticate?.(req.headers);
    } catch (error) {
      // The body stays unread: the connection closes after the answer instead of draining it.
      res.setHeader('connection', 'close');
      return refuse(res, error);
    }
    let body: unknown;
    try {
      const raw = req.method === 'POST' ? await readBody(req, maxBody) : '';
      body = raw ? JSON.parse(raw) : undefined;
    } catch (error) {
      const tooLarge = error instanceof BodyTooLargeError;
      return json(res, tooLarge ? 413 : 400, { errors: [{
        message: tooLarge ? `Request body is larger than ${maxBody} bytes` : 'Request body is not valid JSON',
        extensions: { code: tooLarge ? ErrorCode.PAYLOAD_TOO_LARGE : 'BAD_REQUEST' },
      }] });
    }
    const query = typeof (body as { query?: unknown } | undefined)?.query === 'string'
      ? (body as { query: string }).query : url.searchParams.get('query') ?? undefined;
    try {
      for (const guard of options.guards ?? []) await guard({ headers: req.headers, query });
    } catch (error) {
      return refuse(res, error);
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: () => contextFn(req),
    });
    for (const [key, value] of result.headers) res.setHeader(key, value);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') return res.end(result.body.string);
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }

  async function ready(res: ServerResponse) {
    const readiness = typeof options.readiness === 'function' ? options.readiness() : options.readiness ?? [];
    const checks = await Promise.all(readiness.map(async (c) => {
      try {
        await c.check();
        return { name: c.name, status: 'up' };
      } catch {
        return { name: c.name, status: 'down' };
      }
    }));
    const up = checks.every((c) => c.status === 'up');
    json(res, up ? 200 : 503, { status: up ? 'ready' : 'unready', service: options.name, checks });
  }

  async function metricsPage(res: ServerResponse) {
    res.writeHead(200, { 'content-type': metrics.registry.contentType });
    res.end(await metrics.registry.metrics());
  }

  httpServer.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', 'http://service');
    // The request id follows the request: taken from the caller if sane, else made here, and forwarded onwards.
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    req.headers['x-request-id'] = requestId;
    res.setHeader('x-request-id', requestId);
    const own = options.routes?.find((r) => r.matches(req, url));
    const route = own ? own.handle(req, res)
      : url.pathname === '/graphql' ? graphql(req, res, url)
        : url.pathname === '/health/live' ? Promise.resolve(json(res, 200, { status: 'live', service: options.name }))
          : url.pathname === '/health/ready' ? ready(res)
            : url.pathname === '/metrics' ? metricsPage(res)
              : Promise.resolve(json(res, 404, { error: 'not found' }));
    route.catch((error: unknown) => {
      log.error({ requestId, path: url.pathname, error: error instanceof Error ? error.message : String(error) }, 'request failed');
      if (!res.headersSent) json(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    });
  });

  let webSockets: ReturnType<typeof serveWebSockets> | null = null;
  return {
    httpServer,
    metrics,
    async execute(request, contextValue) {
      const response = await apollo.executeOperation({
        query: request.query, variables: request.variables ?? undefined, operationName: request.operationName ?? undefined,
      }, { contextValue });
      if (response.body.kind !== 'single') throw new Error('incremental delivery is not served here');
      return response.body.singleResult;
    },
    async start() {
      await apollo.start();
      webSockets = serveWebSockets(options.name, httpServer, (options.webSockets ?? [])
        .map((endpoint) => ({ introspection: options.introspection ?? true, ...endpoint })), maxBody);
    },
    listen: (port, host = '127.0.0.1') => new Promise((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(port, host, () => {
        const address = httpServer.address();
        resolve(`http://${host}:${typeof address === 'object' && address ? address.port : port}/graphql`);
      });
    }),
    async stop() {
      // WebSocket connections are not HTTP requests the drain waits for: close them first.
      await webSockets?.dispose();
      await apollo.stop();
      await options.onStop?.();
    },
  };
}
