import {
  GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, type GraphQLNullableType,
} from 'graphql';
import { ENTITY_KINDS, badInput, type EntityKind, type FeedEvent } from '@yrd/domain';
import type { ChangeFeed } from './ChangeFeed';

const nonNull = <T extends GraphQLNullableType>(type: T) => new GraphQLNonNull(type);
const text = { type: nonNull(GraphQLString) };

const FeedEventType = new GraphQLObjectType<FeedEvent>({
  name: 'FeedEvent',
  description: 'One change of a record of this province, in the order the changes committed.',
  fields: {
    position: { type: nonNull(GraphQLInt), description: 'The outbox id: pass it as `after` to resume after it.' },
    province: text, entity: text, id: text, kind: text, at: text, actor: text,
    changedFields: { type: nonNull(new GraphQLList(nonNull(GraphQLString))) },
  },
});

/**
 * The province's own change feed, served over graphql-ws at /feed for the region subgraph, which merges the
 * provinces' feeds into the regional subscriptions. It is not part of the supergraph.
 */
export function feedSchema(feed: ChangeFeed): GraphQLSchema {
  return new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        head: { type: nonNull(GraphQLInt), description: 'The position of the last change.', resolve: () => feed.end() },
      },
    }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        changes: {
          type: nonNull(FeedEventType),
          description: 'Every change after position `after` (of the given entities), then each new one as it commits.',
          args: { after: { type: nonNull(GraphQLInt) }, entities: { type: new GraphQLList(nonNull(GraphQLString)) } },
          subscribe: async (_source, args: { after: number; entities?: string[] | null }) => {
            const unknown = args.entities?.find((e) => !(ENTITY_KINDS as readonly string[]).includes(e));
            if (unknown) throw badInput('entities', `${unknown} is not one of ${ENTITY_KINDS.join(', ')}`);
            const entities = args.entities ? new Set<EntityKind>(args.entities as EntityKind[]) : null;
            return feed.subscribe(args.after, (event) => !entities || entities.has(event.entity));
          },
          resolve: (event: FeedEvent) => event,
        },
      },
    }),
  });
}
