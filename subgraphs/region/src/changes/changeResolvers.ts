import {
  badInput, decodeRegionalCursor, encodeRegionalCursor, locode, parseInput, type EntityKind, type FeedEvent,
  type ProvinceRegistry,
} from '@yrd/domain';
import type { RegionContext } from '../provinces/RegionContext';
import type { ProvinceFeeds, RegionalEvent } from './ProvinceFeeds';


interface SubscriptionArgs {
  provinces?: string[] | null;
  after?: string | null;
}

/** The regional subscriptions: each a filter over the merged province feeds. */
export function changeResolvers(registry: ProvinceRegistry, feeds: ProvinceFeeds) {
  const subscribe = (args: SubscriptionArgs, ctx: RegionContext, entities: readonly EntityKind[] | null,
    accept: (event: FeedEvent) => boolean = () => true) => {
    const all = feeds.provinces;
    const provinces = args.provinces ? all.filter((p) => args.provinces?.includes(p)) : all;
    if (!provinces.length) throw badInput('provinces', 'names no province: omit it for all, or name at least one');
    return feeds.subscribe({
      provinces, entities, accept, headers: ctx.forward,
      after: args.after ? decodeRegionalCursor(args.after, all) : null,
    });
  };
  const field = <TArgs extends SubscriptionArgs>(
    start: (args: TArgs, ctx: RegionContext) => Promise<AsyncIterableIterator<RegionalEvent>>,
  ) => ({
    subscribe: (_: unknown, args: TArgs, ctx: RegionContext) => start(args, ctx),
    resolve: (event: RegionalEvent) => event,
  });
  const record = (event: RegionalEvent) => (registry.isProvince(event.province)
    ? { __typename: registry.names(event.province).typeName(event.entity), [event.entity === 'Port' ? 'code' : 'id']: event.id }
    : null);

  return {
    Query: {
      changeCursor: async (_: unknown, _args: unknown, ctx: RegionContext) =>
        encodeRegionalCursor(await feeds.heads(feeds.provinces, ctx.forward)),
    },
    Subscription: {
      changes: field((args: SubscriptionArgs & { entities?: EntityKind[] | null }, ctx) =>
        subscribe(args, ctx, args.entities ?? null)),
      clearanceCapacityChanged: field((args: SubscriptionArgs & { portCodes?: string[] | null }, ctx) => {
        const ports = args.portCodes && new Set(args.portCodes.map((code, i) => parseInput(locode, code, `portCodes.${i}`)));
        // A capacity record's id is <port>:<agency>:<period>.
        return subscribe(args, ctx, ['CapacityRecord'], (e) => !ports || ports.has(e.id.split(':')[0]));
      }),
      routeChanged: field((args: SubscriptionArgs, ctx) => subscribe(args, ctx, ['Route'])),
      initiativeChanged: field((args: SubscriptionArgs, ctx) => subscribe(args, ctx, ['Initiative', 'Commitment'])),
    },
    ChangedRecord: { __resolveType: (o: { __typename: string }) => o.__typename },
    ChangeEvent: {
      id: (event: RegionalEvent) => `${event.province}:${event.position}`,
      recordId: (event: RegionalEvent) => event.id,
      record,
    },
  };
}
