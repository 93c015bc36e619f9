import {
  buildOperationContext, executeQueryPlan, type ApolloGateway, type GraphQLDataSource, type ServiceMap,
} from '@apollo/gateway';
import { Supergraph, operationFromDocument, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode, type QueryPlan } from '@apollo/query-planner';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import {
  GraphQLError, OperationTypeNode, print, visit, type DocumentNode, type ExecutionArgs, type ExecutionResult, type GraphQLSchema,
} from 'graphql';
import { ErrorCode, canonicalRegionalCursor } from '@yrd/domain';
import {
  RESUME_AFTER, RESUME_CURSOR, SpanKind, UpstreamClients, inSpan, linkToActive, resumableOperation, resumableSubscription,
} from '@yrd/service';
import type { GatewayContext } from '../subgraphs/GatewayContext';
import { SharedStreams } from './SharedStreams';

interface SupergraphState {
  readonly apiSchema: GraphQLSchema;
  readonly planner: QueryPlanner;
  readonly plannerApiSchema: Schema;
  readonly supergraphSchema: GraphQLSchema;
  readonly urls: Readonly<Record<string, string>>;
  readonly services: ServiceMap;
  readonly plans: Map<string, QueryPlan['node']>;
}

const PLAN_CACHE_SIZE = 500;

/** The pseudo-subgraph that "answers" the subscription's primary fetch with the event received. */
const EVENT_SOURCE = '__subscription_event__';

const asGraphQLError = (error: unknown) => (error instanceof GraphQLError ? error
  : new GraphQLError(error instanceof Error ? error.message : String(error), {
    originalError: error instanceof Error ? error : undefined,
  }));

const webSocketUrl = (url: string) => url.replace(/^http/, 'ws');

/**
 * Subscriptions through the federated gateway, which @apollo/gateway refuses: the operation is planned with the
 * gateway's query planner; its primary part goes to the owning subgraph over graphql-ws, and each event runs the
 * rest of the plan through @apollo/gateway's executor, so a payload may select fields of any subgraph. A resumable
 * subscription (see resumableOperation) survives the subgraph restarting: it resumes after the last cursor delivered.
 * Identical subscriptions share one stream (SharedStreams).
 */
export class FederatedSubscriptions {
  private state: SupergraphState | null = null;
  private readonly upstreams = new Map<string, UpstreamClients>();
  private readonly streams: SharedStreams;

  constructor(gateway: ApolloGateway, private readonly options: {
    readonly subgraphUrls?: Readonly<Record<string, string>>;
    dataSource(name: string, url: string): GraphQLDataSource<GatewayContext>;
    /** Counts each event handed to a subscriber. */
    delivered?(): void;
    /** The cursor a resumable subscription without `after` starts from (the region's changeCursor). */
    startCursor?(context: GatewayContext): Promise<string>;
  }) {
    this.streams = new SharedStreams(options.delivered);
    // The gateway's own planner, made from this supergraph just before it tells its listeners: one copy in memory
    // (another Supergraph and QueryPlanner took 14 MiB of heap).
    gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => this.load(apiSchema, coreSupergraphSdl, gateway.__testing().queryPlanner));
  }

  /** Each subgraph's URL in the supergraph now (with the configured overrides). */
  get subgraphUrls(): Readonly<Record<string, string>> {
    return this.state?.urls ?? {};
  }

  /** Subscriptions open through the gateway now. */
  get openSubscriptions(): number {
    return this.streams.openSubscriptions;
  }

  /** The API schema subscriptions are validated against (the gateway's, reloaded with the supergraph). */
  get schema(): GraphQLSchema {
    if (!this.state) throw new Error('the gateway has not loaded its supergraph');
    return this.state.apiSchema;
  }

  private load(apiSchema: GraphQLSchema, coreSupergraphSdl: string, gatewayPlanner: QueryPlanner | undefined): void {
    const planner = gatewayPlanner ?? new QueryPlanner(Supergraph.build(coreSupergraphSdl));
    const { supergraph } = planner;
    const urls = Object.fromEntries(supergraph.subgraphs().values()
      .map((s) => [s.name, this.options.subgraphUrls?.[s.name] ?? s.url]));
    this.state = {
      apiSchema, planner, plannerApiSchema: supergraph.apiSchema(),
      supergraphSchema: supergraph.schema.toGraphQLJSSchema(), urls,
      services: Object.fromEntries(Object.entries(urls).map(([name, url]) => [name, this.options.dataSource(name, url)])),
      plans: new Map(),
    };
  }

  private clients(subgraph: string, url: string): UpstreamClients {
    const key = `${subgraph} ${url}`;
    let clients = this.upstreams.get(key);
    if (!clients) {
      clients = new UpstreamClients(webSocketUrl(url));
      this.upstreams.set(key, clients);
    }
    return clients;
  }

  /** graphql-ws's and graphql-sse's `subscribe`: the events of one subscription, or errors when it cannot start. */
  readonly subscribe = async (args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
    try {
      return await this.start(args);
    } catch (error) {
      // Thrown here, graphql-ws would close the whole socket: the error goes to this operation only (and is masked).
      return { errors: [asGraphQLError(error)] };
    }
  };

  private async start(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    const state = this.state;
    if (!state) return { errors: [new GraphQLError('The gateway is starting', { extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE } })] };
    const context = (args.contextValue ?? { forward: {} }) as GatewayContext;
    const operationName = args.operationName ?? undefined;
    const resumable = resumableOperation(state.apiSchema, args.document, operationName, args.variableValues ?? {});
    const document = resumable?.document ?? args.document;
    const variables = resumable?.variables ?? { ...args.variableValues };
    const source = print(document);
    const planKey = `${operationName ?? ''}\n${source}`;
    let node = state.plans.get(planKey);
    if (!node) {
      node = state.planner.buildQueryPlan(operationFromDocument(state.plannerApiSchema, document, { operationName })).node;
      // Partners subscribe with a few operations, many times: each is planned once per supergraph.
      if (state.plans.size >= PLAN_CACHE_SIZE) state.plans.delete(state.plans.keys().next().value as string);
      state.plans.set(planKey, node);
    }
    if (node?.kind !== 'Subscription') {
      return { errors: [new GraphQLError('Not a subscription', { extensions: { code: 'BAD_REQUEST' } })] };
    }
    const { primary, rest } = node;
    const clients = this.clients(primary.serviceName, state.urls[primary.serviceName]);
    // Without a cursor to start after, take the current one: should the subgraph restart before the first event,
    // the subscription resumes from there rather than from whenever it reconnects.
    if (resumable && variables[RESUME_AFTER] === null && this.options.startCursor) {
      variables[RESUME_AFTER] = await this.options.startCursor(context);
    }
    // Shared by operation, the variables it uses and position: only a resumable subscription knows where it stands.
    // (The subscriber's own `$after` is no longer used once the rewrite put `$_resumeAfter` in its place.)
    const after = variables[RESUME_AFTER];
    const used = [...referencedVariables(document)].filter((name) => name !== RESUME_AFTER).sort();
    const base = resumable ? `${planKey}\n${JSON.stringify(used.map((name) => [name, variables[name] ?? null]))}` : null;
    const keyAt = (cursor: unknown) => (base !== null && typeof cursor === 'string' ? `${base}\n${canonicalRegionalCursor(cursor)}` : null);
    const joined = this.streams.join(keyAt(after), context);
    if (joined) return joined;

    const { stream, queue, current } = this.streams.create(keyAt(after), context);
    /** The cursor an upstream event stands at (the hidden field the rewrite added), for resuming and for joining. */
    const cursorOf = (event: ExecutionResult) => (resumable
      ? (event.data?.[resumable.responseKey] as Record<string, unknown> | null | undefined)?.[RESUME_CURSOR] ?? null : null);
    const upstream = resumableSubscription<unknown>({
      subscribe: (request, sink) => clients.subscribe(current().forward, request, sink),
      request: (after) => ({
        query: primary.operation,
        operationName: primary.operationName,
        variables: Object.fromEntries((primary.variableUsages ?? [])
          .map((name) => [name, resumable && name === RESUME_AFTER ? after : variables[name]])
          .filter(([, value]) => value !== undefined)),
      }),
      positionAfter: cursorOf,
      from: after ?? null,
    });
    stream.close = () => upstream.return();
    const run = eventRunner(state, planAfterEvent(primary, rest), primary.serviceName, document, source, operationName, variables, current);
    // Each event is a trace of its own (its fetches, the subgraphs' spans), linked to the request that subscribed.
    const traced = {
      kind: SpanKind.CONSUMER, root: true, links: linkToActive(),
      attributes: { 'graphql.operation.type': 'subscription', ...(operationName ? { 'graphql.operation.name': operationName } : {}) },
    };
    void (async () => {
      let failure: GraphQLError | undefined;
      try {
        for await (const event of upstream) {
          const position = cursorOf(event);
          const delivered = await inSpan(`subscription event ${operationName ?? 'anonymous'}`, traced, async (span) => {
            const result = await run(event);
            if (resumable) {
              const root = result.data?.[resumable.responseKey] as Record<string, unknown> | null | undefined;
              if (root) delete root[RESUME_CURSOR];
            }
            span.setAttribute('yrd.subscribers', stream.members.size);
            // On from here with what every subscriber of it has now; or its subscribers went on with another stream.
            return this.streams.deliver(stream, result, keyAt(position));
          });
          if (!delivered) break;
        }
      } catch (error) {
        failure = asGraphQLError(error);
      }
      this.streams.end(stream, failure);
    })();
    return queue;
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.upstreams.values()].map((c) => c.dispose()));
    this.upstreams.clear();
  }
}

/**
 * What runs the plan for each event of one subscription: its primary fetch answered by the event, the rest fetched
 * from the subgraphs. Everything that does not change between events is prepared once.
 */
function eventRunner(
  state: SupergraphState, plan: PlanNode, primaryService: string, document: DocumentNode, source: string,
  operationName: string | undefined, variables: Record<string, unknown>, context: () => GatewayContext,
): (event: ExecutionResult) => Promise<ExecutionResult> {
  const operationContext = buildOperationContext({ schema: state.apiSchema, operationDocument: document, operationName });
  const queryPlan: QueryPlan = { kind: 'QueryPlan', node: plan };
  return async (event) => {
    // The fetches go with the token of a subscriber there now (the stream's first may have left).
    const requestContext = {
      request: { query: source, variables, operationName },
      context: context(), metrics: {}, logger: console, document, operationName: operationName ?? null,
      operation: operationContext.operation, schema: state.apiSchema,
    } as unknown as GatewayGraphQLRequestContext<GatewayContext>;
    const services: ServiceMap = { ...state.services, [EVENT_SOURCE]: { process: async () => event } };
    const result = await executeQueryPlan(
      queryPlan, services, requestContext, operationContext, state.supergraphSchema, state.plannerApiSchema,
    );
    // executeQueryPlan may give plain Errors (a refused fetch); graphql-ws and masking expect GraphQLErrors. Errors
    // of the event itself name the subgraph that sent it, not the stand-in.
    const errors = result.errors?.map(asGraphQLError).map((e) => (e.extensions.serviceName === EVENT_SOURCE
      ? new GraphQLError(e.message, { path: e.path, extensions: { ...e.extensions, serviceName: primaryService } })
      : e));
    return { data: result.data ?? null, ...(errors?.length ? { errors } : {}) };
  };
}

/** The variables an operation refers to in its selections and directives (not only declares). */
function referencedVariables(document: DocumentNode): Set<string> {
  const names = new Set<string>();
  visit(document, {
    VariableDefinition: () => false,
    Variable: (node) => { names.add(node.name.value); },
  });
  return names;
}

/** The plan each event runs: the primary fetch (served from the event) then the rest. */
function planAfterEvent(primary: FetchNode, rest: PlanNode | undefined): PlanNode {
  const fromEvent: FetchNode = { ...primary, serviceName: EVENT_SOURCE, operationKind: OperationTypeNode.QUERY };
  return rest ? { kind: 'Sequence', nodes: [fromEvent, rest] } : fromEvent;
}
