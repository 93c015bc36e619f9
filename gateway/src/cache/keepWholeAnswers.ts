import { HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { answerDay, bodyDigest, type FetchCache, type Stamped } from './FetchCache';

/**
 * What a request's subgraph fetches depended on, so that its whole answer can be kept as long as they stand: null
 * once one fetch could not be kept (a write, who asks, a partial answer), and then neither can the whole.
 */
export interface FetchLog {
  stamps: Stamped[] | null;
  /** Whether every fetch's answer was the same for every reader (its province said so): then so is the whole. */
  sameForEveryReader: boolean;
}

/** What of a request's context whole answers need: who reads (by scope), and what its fetches depended on. */
export interface WholeAnswerContext extends BaseContext {
  readonly readScope?: string;
  readonly fetchLog?: FetchLog;
}

/**
 * An answer's data is counted as its JSON's UTF-16 bytes: parsed answers shaped like the bench's (ports, pages,
 * routes, aggregates) took 0.4 to 0.6 of that on the heap (keys are shared, Latin-1 strings take a byte a letter), so
 * the cache's bound holds with room.
 */
const answerBytes = (data: unknown) => JSON.stringify(data).length * 2;

/**
 * Whole answers to queries, kept in the fetch cache as long as every subgraph answer they were made from stands:
 * a repeated query is answered without planning, fetching or merging anything. Everything before the answer still
 * runs for each request (authentication, rate limits, persisted operations, cost limits); what an answer may be is
 * decided as for its fetches (the reader's scope, the day), and one that any fetch could not keep (a partial
 * answer, who asks, a write) is not kept whole either. Only the data is kept: extensions (a trace id) are each
 * request's own.
 */
export function keepWholeAnswers<TContext extends WholeAnswerContext>(cache: FetchCache): ApolloServerPlugin<TContext> {
  // Answers are planned against a schema: one loaded anew (the supergraph file changed) starts afresh.
  const schemas = new WeakMap<GraphQLSchema, number>();
  let loaded = 0;
  const schemaId = (schema: GraphQLSchema) => {
    let id = schemas.get(schema);
    if (id === undefined) schemas.set(schema, (id = ++loaded));
    return id;
  };
  return {
    async requestDidStart() {
      let key: string | null = null;
      let everyReaderKey: string | null = null;
      let hit = false;
      return {
        async responseForOperation({ operation, contextValue, queryHash, operationName, request, schema }) {
          const log = contextValue.fetchLog;
          if (operation.operation !== 'query' || !contextValue.readScope || !log || !cache.serving) return null;
          // The variables are bounded by the body's limit before this; the key by its digest.
          const identity = JSON.stringify([schemaId(schema), queryHash, operationName ?? null, request.variables ?? {}]);
          const digest = bodyDigest(identity);
          const day = answerDay();
          key = `whole\n${contextValue.readScope}\n${day}\n${digest}`;
          everyReaderKey = `whole\n*\n${day}\n${digest}`;
          const data = cache.lookup(everyReaderKey, false)?.value ?? cache.get(key);
          if (data === undefined) return null;
          hit = true;
          cache.counts.wholeAnswerHits++;
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: data as Record<string, unknown> } } };
        },
        async willSendResponse({ response, contextValue }) {
          const log = contextValue.fetchLog;
          const stamps = log?.stamps;
          if (hit || key === null || !stamps?.length || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (!data || errors?.length) return;
          // Made only of answers the same for every reader, the whole is too: the gateway adds nothing of the reader's.
          cache.set(log?.sameForEveryReader && everyReaderKey ? everyReaderKey : key, stamps, data, answerBytes(data));
        },
      };
    },
  };
}
