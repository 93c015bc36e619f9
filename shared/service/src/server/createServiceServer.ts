import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApolloServer, HeaderMap, type ApolloServerOptions, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { GraphQLError, type FormattedExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { ErrorCode, HTTP_STATUS } from '@yrd/domain';
import { loggerFor } from '../observability';
import { inCallerTrace, serveTraced } from '../tracing';
import {
  BodyTooLargeError, asGraphQLError, forwardedHeaders, operationPipeline, peerAddress, readBody, type Attached, type CallerHeaders,
  type OperationPipeline, type OperationRequest, type ServicePlugin,
} from '../pipeline';
import { responseMediaType, specificationStatus, type ResponseMediaType } from './graphqlOverHttp';

export interface ServiceServerOptions<TContext extends BaseContext> {
  readonly name: string;
  /** What serves the operations: a subgraph's schema, or the federated gateway. */
  readonly schema?: GraphQLSchema;
  readonly gateway?: Extract<ApolloServerOptions<TContext>, { gateway: object }>['gateway'];
  /** An operation's context from its caller's headers, whichever transport brought it. */
  readonly context: (headers: CallerHeaders) => Promise<TContext>;
  /** The service's capabilities, in order (useAuth, useRateLimit, useLimits, useMasking, useHealth, ...). */
  readonly plugins: readonly ServicePlugin<TContext>[];
  /** Largest request body (and WebSocket message) accepted, in bytes. Default 1 MiB. */
  readonly maxBodyBytes?: number;
}

export interface ServiceServer<TContext extends BaseContext = BaseContext> {
  readonly httpServer: Server;
  /** The pipeline every transport runs, for what the service builds around it. */
  readonly pipeline: OperationPipeline<TContext>;
  /** Runs one operation through Apollo Server's pipeline (plugins, masking), e.g. a query sent over WebSocket. */
  execute(request: OperationRequest, context: TContext): Promise<FormattedExecutionResult>;
  /** Starts Apollo Server and the plugins' transports; the HTTP server is not listening yet (use listen, or supertest). */
  start(): Promise<void>;
  listen(port: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, media: ResponseMediaType = 'application/json') => {
  res.writeHead(status, { 'content-type': `${media}; charset=utf-8`, ...headers });
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

/**
 * A refusal before Apollo Server (authentication, admission) as the HTTP answer: the status its code stands for, as
 * the specification has it for the media type the caller takes.
 */
function refuse(res: ServerResponse, pipeline: Pick<OperationPipeline, 'formatError'>, error: unknown, media: ResponseMediaType = 'application/json'): void {
  const graphQLError = asGraphQLError(error);
  const code = String(graphQLError.extensions.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
  const http = graphQLError.extensions.http as { status?: number; headers?: Map<string, string> } | undefined;
  const { http: _http, ...extensions } = graphQLError.extensions;
  const formatted = pipeline.formatError({ message: graphQLError.message, extensions }, graphQLError);
  const status = specificationStatus(media, http?.status ?? HTTP_STATUS[code as ErrorCode] ?? 500, [code]);
  json(res, status, { errors: [formatted] }, Object.fromEntries(http?.headers ?? []), media);
}

/**
 * A document of several operations without operationName (or with one it lacks) is the caller's error, answered as
 * the specification says; through the gateway's executor it was an unmasked internal error (500).
 */
const operationResolution: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, request }) {
        if (operation) return;
        throw new GraphQLError(request.operationName ? `No operation named "${request.operationName}" in the document`
          : 'The document has several operations: name the one to run (operationName)', {
          extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } },
        });
      },
    };
  },
};

/** A GET's `extensions` parameter (JSON), refused as a bad request if it is not JSON. */
function extensionsParameter(url: URL): unknown {
  const given = url.searchParams.get('extensions');
  if (given === null) return undefined;
  try {
    return JSON.parse(given);
  } catch {
    throw new GraphQLError('The extensions parameter is not valid JSON', { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
  }
}

const withoutPersistedQuery = (extensions: unknown): unknown => {
  if (!extensions || typeof extensions !== 'object') return extensions;
  const { persistedQuery: _resolved, ...rest } = extensions as Record<string, unknown>;
  return rest;
};

/** A GET's parameters with the resolved document as its query. */
function withDocument(url: URL, query: string | undefined, extensions: unknown): string {
  const params = new URLSearchParams(url.search);
  if (query !== undefined) params.set('query', query);
  params.set('extensions', JSON.stringify(withoutPersistedQuery(extensions) ?? {}));
  return `?${params}`;
}

/** The codes of a GraphQL response's errors (a 400's body: a few bytes); none if it is not one. */
function errorCodes(body: string): unknown[] {
  try {
    const parsed = JSON.parse(body) as { errors?: { extensions?: { code?: unknown } }[] };
    return (parsed.errors ?? []).map((e) => e.extensions?.code);
  } catch {
    return [];
  }
}

/**
 * One service's HTTP server on node:http, running its plugins as one pipeline: /graphql through Apollo Server after
 * the plugins authenticated the caller (before the body is read) and admitted the operation, the plugins' own
 * routes (health, metrics, explorer, SSE) and transports (WebSocket). Apollo's landing page, which loads from a CDN,
 * is off.
 */
export function createServiceServer<TContext extends BaseContext>(options: ServiceServerOptions<TContext>): ServiceServer<TContext> {
  const httpServer = createServer();
  const log = loggerFor(options.name);
  const { plugins } = options;
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const pipeline = operationPipeline<TContext>({
    name: options.name, plugins, context: options.context, maxBodyBytes: maxBody,
    execute: (request, contextValue) => execute(request, contextValue),
    schema: () => options.schema,
  });
  const apollo = new ApolloServer<TContext>({
    ...(options.gateway ? { gateway: options.gateway } : { schema: options.schema as GraphQLSchema }),
    introspection: pipeline.introspection,
    // Operations by id are the pipeline's (usePersistedOperations), alike over HTTP, WebSocket and SSE.
    persistedQueries: false,
    // With introspection off, no "Did you mean ...?" either: it would spell out the schema field by field.
    hideSchemaDetailsFromClientErrors: !pipeline.introspection,
    validationRules: plugins.flatMap((p) => p.validationRules ?? []),
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => pipeline.formatError(ruleCode(formatted, error), error),
    // Inline traces only feed Apollo's hosted usage reporting, which never runs here. Cache hints neither: no field
    // has one, every answer is no-store (below), and the hint's hook on every field cost a province 3 % of its CPU.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), operationResolution,
      ...plugins.flatMap((p) => p.apollo ?? []),
    ],
  });
  const routes = plugins.flatMap((p) => p.routes ?? []);
  const wrappers = plugins.filter((p) => p.aroundOperation);
  /** `run` within every plugin's aroundOperation, the first outermost. */
  const around = <T>(run: () => Promise<T>, from = 0): Promise<T> =>
    (from < wrappers.length ? wrappers[from].aroundOperation!(() => around(run, from + 1)) : run());

  async function execute(request: OperationRequest, contextValue: TContext): Promise<FormattedExecutionResult> {
    const response = await around(() => apollo.executeOperation({
      query: request.query, variables: request.variables ?? undefined, operationName: request.operationName ?? undefined,
    }, { contextValue }));
    if (response.body.kind !== 'single') throw new Error('incremental delivery is not served here');
    return response.body.singleResult;
  }

  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL) {
    // An answer is for its caller's token and the records as they are now: no cache on the way may keep it.
    res.setHeader('cache-control', 'no-store');
    const headers: CallerHeaders = forwardedHeaders(req.headers);
    const caller = { headers, address: peerAddress(req) };
    try {
      await pipeline.authenticate(caller);
    } catch (error) {
      // The body stays unread: the connection closes after the answer instead of draining it.
      res.setHeader('connection', 'close');
      return refuse(res, pipeline, error, responseMediaType(req.headers.accept) ?? 'application/json');
    }
    const media = responseMediaType(req.headers.accept);
    if (!media) {
      return json(res, 406, { errors: [{
        message: 'The accept header takes neither application/graphql-response+json nor application/json', extensions: { code: 'BAD_REQUEST' },
      }] });
    }
    // A POST body is JSON (the specification's request media type); a form a browser could send cross-site is not run.
    if (req.method === 'POST' && !/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
      res.setHeader('connection', 'close');
      return json(res, 415, { errors: [{ message: 'A POST body must be application/json', extensions: { code: 'BAD_REQUEST' } }] }, {}, media);
    }
    let body: unknown;
    try {
      const raw = req.method === 'POST' ? await readBody(req, maxBody) : '';
      body = raw ? JSON.parse(raw) : undefined;
      // One operation per request, as an object: null, a number or an array (a batch: off) is not one.
      if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
        return json(res, 400, { errors: [{ message: 'The request body must be a JSON object: one operation (batches are off)', extensions: { code: 'BAD_REQUEST' } }] }, {}, media);
      }
    } catch (error) {
      const tooLarge = error instanceof BodyTooLargeError;
      return json(res, tooLarge ? 413 : 400, { errors: [{
        message: tooLarge ? `Request body is larger than ${maxBody} bytes` : 'Request body is not valid JSON',
        extensions: { code: tooLarge ? ErrorCode.PAYLOAD_TOO_LARGE : 'BAD_REQUEST' },
      }] }, {}, media);
    }
    const sent = typeof (body as { query?: unknown } | undefined)?.query === 'string'
      ? (body as { query: string }).query : url.searchParams.get('query') ?? undefined;
    let query: string | undefined;
    let search = url.search;
    try {
      const extensions = body === undefined ? extensionsParameter(url) : (body as { extensions?: unknown }).extensions;
      // A persisted operation's id (or an automatic persisted query's hash) becomes its document here, for every plugin after.
      query = await pipeline.resolve({ ...caller, query: sent || undefined, extensions, transport: 'http' });
      const variables = (body as { variables?: unknown } | undefined)?.variables ?? url.searchParams.get('variables') ?? undefined;
      await pipeline.admit({ ...caller, query, variables, transport: 'http' });
      if (query !== sent || (extensions as { persistedQuery?: unknown } | null | undefined)?.persistedQuery !== undefined) {
        // Apollo Server runs the resolved document, without the extension it would otherwise look up itself.
        if (body !== undefined) body = { ...(body as object), query, extensions: withoutPersistedQuery(extensions) };
        else search = withDocument(url, query, extensions);
      }
    } catch (error) {
      return refuse(res, pipeline, error, media);
    }
    const httpHeaders = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) httpHeaders.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const result = await around(() => apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers: httpHeaders, search, body },
      context: () => pipeline.context(headers),
    }));
    for (const [key, value] of result.headers) res.setHeader(key, value);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      if (res.statusCode === 400) res.statusCode = specificationStatus(media, 400, errorCodes(result.body.string));
      return res.end(result.body.string);
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }

  httpServer.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', 'http://service');
    // The request id follows the request: taken from the caller if sane, else made here, and forwarded onwards.
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    req.headers['x-request-id'] = requestId;
    res.setHeader('x-request-id', requestId);
    const own = routes.find((r) => r.matches(req, url));
    // In the caller's trace (W3C traceparent): an operation in a span of its own; streams and probes without one.
    const route = own ? inCallerTrace(req, () => own.handle(req, res))
      : url.pathname === '/graphql' ? serveTraced(req, res, url.pathname, () => graphql(req, res, url))
        : Promise.resolve(json(res, 404, { error: 'not found' }));
    route.catch((error: unknown) => {
      log.error({ requestId, path: url.pathname, error: error instanceof Error ? error.message : String(error) }, 'request failed');
      if (!res.headersSent) json(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    });
  });

  let attached: Attached[] = [];
  return {
    httpServer,
    pipeline,
    execute,
    async start() {
      await apollo.start();
      attached = plugins.flatMap((p) => p.onStart?.(httpServer, pipeline) ?? []);
      const upgradePaths = new Set(attached.map((a) => a.upgradePath));
      httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
        if (upgradePaths.has(new URL(req.url ?? '/', 'http://service').pathname)) return;
        socket.on('error', () => socket.destroy());
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      });
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
      await Promise.all(attached.map((a) => a.dispose()));
      await apollo.stop();
      for (const plugin of plugins) await plugin.onStop?.();
    },
  };
}
