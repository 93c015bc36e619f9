import type { BaseContext } from '@apollo/server';
import { GraphQLError, type FormattedExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { ValidatedDocuments, prepareOperation } from './prepareOperation';
import { toFormatted } from './reportMaskedError';
import type { CallerHeaders, OperationPipeline, OperationRequest, ServicePlugin, Session } from './ServicePlugin';

export interface PipelineParts<TContext extends BaseContext> {
  readonly name: string;
  readonly plugins: readonly ServicePlugin<TContext>[];
  readonly context: (headers: CallerHeaders) => Promise<TContext>;
  readonly execute: (request: OperationRequest, context: TContext) => Promise<FormattedExecutionResult>;
  readonly schema: () => GraphQLSchema | undefined;
  readonly maxBodyBytes: number;
}

/** The plugins' hooks, run in list order, as the one pipeline every transport of a service runs. */
export function operationPipeline<TContext extends BaseContext>(parts: PipelineParts<TContext>): OperationPipeline<TContext> {
  const { plugins } = parts;
  const parse = plugins.find((p) => p.parse)?.parse;
  const validationRules = plugins.flatMap((p) => p.validationRules ?? []);
  const introspection = !plugins.some((p) => p.introspection === false);
  const checks = { parse, validationRules, introspection, validated: new ValidatedDocuments() };
  const formatError = (formatted: GraphQLFormattedError, original: unknown) => plugins.reduce(
    (shown, p) => (p.formatError ? p.formatError(shown, original) : shown), formatted);
  const format = (error: unknown): GraphQLFormattedError => formatError(toFormatted(error), error);
  // Only the plugins with each hook, called without an await where one answers at once: every request runs the three,
  // and an await of nothing still makes a promise (with AsyncLocalStorage on, one that async_hooks notes as well).
  const authenticators = plugins.filter((p) => p.onAuthenticate);
  const resolvers = plugins.filter((p) => p.resolveDocument);
  const admitters = plugins.filter((p) => p.onOperation);
  return {
    name: parts.name,
    introspection,
    maxBodyBytes: parts.maxBodyBytes,
    async authenticate(request) {
      let session: Session = {};
      for (const plugin of authenticators) {
        const found = await plugin.onAuthenticate?.(request);
        if (found) session = { ...session, ...found };
      }
      return session;
    },
    async resolve(request) {
      let query = request.query;
      for (const plugin of resolvers) {
        const given = plugin.resolveDocument?.({ ...request, query });
        query = (isPromise(given) ? await given : given) ?? query;
      }
      return query;
    },
    async admit(attempt) {
      for (const plugin of admitters) {
        const admitted = plugin.onOperation?.(attempt);
        if (isPromise(admitted)) await admitted;
      }
    },
    prepare: (schema, request) => prepareOperation(schema, request, checks),
    context: parts.context,
    format,
    formatError,
    execute: parts.execute,
    schema: parts.schema,
  };
}

/** Any thenable, not only a native promise: a refusal a hook answers later must never go unawaited. */
const isPromise = <T>(value: PromiseLike<T> | T): value is PromiseLike<T> =>
  typeof (value as { then?: unknown } | null | undefined)?.then === 'function';

/** A refusal that is not a GraphQLError (a bug in a hook) is an internal error, never its message. */
export const asGraphQLError = (error: unknown) => (error instanceof GraphQLError ? error
  : new GraphQLError('Internal server error', { originalError: error instanceof Error ? error : new Error(String(error)) }));

/**
 * A context with more fields, keeping its prototype: a context may keep getters there (a province notes each look at
 * who is calling), which a spread would read at once and drop. As Apollo Server copies a context for an operation.
 */
export const contextWith = <T extends object, E extends object>(context: T, extra: E): T & E =>
  Object.assign(Object.create(Object.getPrototypeOf(context) as object) as T, context, extra);
