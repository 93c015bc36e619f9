import { responsePathAsArray, type GraphQLResolveInfo } from 'graphql';
import { trace } from '@opentelemetry/api';
import { inSpan } from './spans';

type Resolver = (parent: unknown, args: unknown, context: unknown, info: GraphQLResolveInfo) => unknown;

/**
 * The resolvers of `typeName` with a span around each (`resolve Type.field`, with its path): for the fields that do
 * the work (a list read from the database, a write), not every trivial field. Field resolvers only: a reference
 * resolver or type resolver is left as it is. Costs one check when the request is not recorded.
 */
export function traceResolvers<T extends object>(typeName: string, resolvers: T): T {
  return Object.fromEntries(Object.entries(resolvers).map(([field, resolve]) => {
    if (typeof resolve !== 'function' || field.startsWith('__')) return [field, resolve];
    const name = `resolve ${typeName}.${field}`;
    const traced: Resolver = (parent, args, context, info) => {
      if (!trace.getActiveSpan()?.isRecording()) return (resolve as Resolver)(parent, args, context, info);
      return inSpan(name, {
        attributes: { 'graphql.field.name': field, 'graphql.field.path': responsePathAsArray(info.path).join('.'), 'graphql.field.type': String(info.returnType) },
      }, async () => (resolve as Resolver)(parent, args, context, info));
    };
    return [field, traced];
  })) as T;
}

/** A DataLoader's batch function in a span (`dataloader <name>`, with the number of keys), as one statement's parent. */
export function traceBatch<K, V>(name: string, batch: (keys: readonly K[]) => PromiseLike<ArrayLike<V | Error>>) {
  return (keys: readonly K[]): PromiseLike<ArrayLike<V | Error>> => (trace.getActiveSpan()?.isRecording()
    ? inSpan(`dataloader ${name}`, { attributes: { 'yrd.dataloader.name': name, 'yrd.dataloader.keys': keys.length } }, async () => batch(keys))
    : batch(keys));
}
