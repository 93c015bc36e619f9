import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type {
  DocumentNode, ExecutionArgs, FormattedExecutionResult, GraphQLError, GraphQLFormattedError, GraphQLSchema, ValidationRule,
} from 'graphql';

/** A caller's headers as every transport hands them on: lower-case names, validated (forwardedHeaders). */
export type CallerHeaders = Readonly<Record<string, string>>;

/** Who is calling, as far as the transport knows before any body is read. */
export interface CallerRequest {
  readonly headers: CallerHeaders;
  /** The peer's address (behind a proxy, the proxy's). */
  readonly address: string;
}

/** One operation about to run, over any transport. */
export interface OperationAttempt extends CallerRequest {
  readonly query: string | undefined;
  /** As sent: nothing has coerced them yet. */
  readonly variables?: unknown;
  readonly transport: 'http' | 'websocket' | 'sse';
}

/** An operation's document as the caller names it: its text, or an id in its extensions (a persisted operation). */
export interface DocumentRequest extends CallerRequest {
  readonly query: string | undefined;
  /** The request's extensions, as sent (persistedQuery: { version, sha256Hash }). */
  readonly extensions?: unknown;
  readonly transport: OperationAttempt['transport'];
}

/** What an authentication tells the transports: when the caller's session ends (its token expires). */
export interface Session {
  readonly expiresAt?: number;
}

export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

/** A request a capability serves itself (health, metrics, the explorer, Server-Sent Events), before /graphql. */
export interface HttpRoute {
  matches(req: IncomingMessage, url: URL): boolean;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

export interface OperationRequest {
  readonly query: string;
  readonly variables?: Record<string, unknown> | null;
  readonly operationName?: string | null;
}

/**
 * The one pipeline every transport runs (HTTP, WebSocket, SSE): authenticate from the headers, admit the operation,
 * parse and validate it within the limits, give it its context, execute or subscribe, mask what it answers.
 */
export interface OperationPipeline<TContext extends BaseContext = BaseContext> {
  readonly name: string;
  /** Every plugin's onAuthenticate, in order; a throw is the answer (UNAUTHENTICATED, RATE_LIMITED). */
  authenticate(request: CallerRequest): Promise<Session>;
  /** The document to run: the query sent, or what a plugin's resolveDocument gives for it; a throw refuses it. */
  resolve(request: DocumentRequest): Promise<string | undefined>;
  /** Every plugin's onOperation, in order; a throw refuses this operation only. */
  admit(attempt: OperationAttempt): Promise<void>;
  /** Parses with the plugins' parser, validates with graphql-js's rules and the plugins', coerces the variables. */
  prepare(schema: GraphQLSchema, request: OperationRequest): Omit<ExecutionArgs, 'contextValue'> | readonly GraphQLError[];
  context(headers: CallerHeaders): Promise<TContext>;
  /** Any error as the caller may see it; what is hidden goes to the log. */
  format(error: unknown): GraphQLFormattedError;
  /** The same for an error already formatted (Apollo Server's formatError). */
  formatError(formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError;
  /** Runs a query or mutation through Apollo Server (its plugins, masking), e.g. one sent over WebSocket or SSE. */
  execute(request: OperationRequest, context: TContext): Promise<FormattedExecutionResult>;
  /** The schema subscriptions run against by default (the subgraph's; the gateway's subscriptions give their own). */
  schema(): GraphQLSchema | undefined;
  readonly introspection: boolean;
  readonly maxBodyBytes: number;
}

/** What a transport attached at start holds, released when the service stops. */
export interface Attached {
  /** The path whose HTTP upgrades it takes (the others are answered 404). */
  readonly upgradePath?: string;
  dispose(): Promise<void>;
}

/**
 * One capability of a service, in the style of envelop's plugins: each hook optional, the service an ordered list
 * of them. Hooks run in list order; the first that throws decides the answer.
 */
export interface ServicePlugin<TContext extends BaseContext = BaseContext> {
  readonly name: string;
  /** Requests it serves itself, checked in list order before /graphql. */
  readonly routes?: readonly HttpRoute[];
  /** From the headers alone, before any body is read. */
  onAuthenticate?(request: CallerRequest): Promise<Session | void>;
  /** The document a request names (a persisted operation's id), before it is admitted; undefined keeps the query sent. */
  resolveDocument?(request: DocumentRequest): Promise<string | undefined> | string | undefined;
  /** Before each operation, over every transport. */
  onOperation?(attempt: OperationAttempt): Promise<void> | void;
  /** Parses an operation (e.g. stopping at a token limit); graphql-js's parse when no plugin gives one. */
  readonly parse?: (source: string) => DocumentNode;
  readonly validationRules?: readonly ValidationRule[];
  /** False turns introspection off, and with it every "Did you mean ...?" in messages. */
  readonly introspection?: boolean;
  /** Shapes an error as the caller sees it; each plugin's in order, after masking. */
  formatError?(formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError;
  /**
   * Runs each query or mutation (from its context to its answer, over any transport) within what it sets up, e.g.
   * an AsyncLocalStorage that its resolvers' work is noted in.
   */
  aroundOperation?<T>(run: () => Promise<T>): Promise<T>;
  /** Apollo Server plugins for the HTTP path (and what runs through it). */
  readonly apollo?: readonly ApolloServerPlugin<TContext>[];
  /** Attaches a transport once the service starts (WebSocket upgrades on its HTTP server). */
  onStart?(httpServer: Server, pipeline: OperationPipeline<TContext>): Attached | void;
  /** Releases what it holds, after the service stopped serving. */
  onStop?(): Promise<void>;
}
