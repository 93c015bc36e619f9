import { randomBytes } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import { JSONObjectResolver } from 'graphql-scalars';
import {
  DEFAULT_SECRET_GRACE_MINUTES, DateTimeScalar, MAX_SECRET_GRACE_MINUTES, MAX_WEBHOOKS_PER_SUBJECT, badInput, connection,
  decodeRegionalCursor, encodeCursor, forbidden, isReadOnly, listPage, notFound, pageRequest, unauthenticated, type Actor,
  type ListOrder, type PageArgs,
} from '@yrd/domain';
import type { OperationLimits } from '@yrd/service';
import { endpointUrl, type OutboundPolicy } from '../delivery/outboundAddress';
import { newWebhookSecret } from '../delivery/webhookSigning';
import { WebhookAttemptRow, WebhookDeliveryRow, WebhookEndpointRow, type DeliveryStatus, type Transactions } from '../store';
import { checkWebhookSubscription } from '../subscription/webhookSubscription';
import type { SupergraphSchema } from '../subscription/supergraphSchema';
import type { StartCursor } from './regionStartCursor';
import type { StatusChanges } from './StatusChanges';
import type { WebhookContext } from './WebhookContext';

export interface WebhookResolverOptions {
  readonly transactions: Transactions;
  readonly supergraph: SupergraphSchema;
  readonly limits: OperationLimits;
  readonly outbound: OutboundPolicy;
  readonly provinces: readonly string[];
  readonly startCursor: StartCursor;
  readonly statusChanges: StatusChanges;
}

interface RegisterInput { url: string; query: string; variables?: Record<string, unknown> | null; operationName?: string | null; after?: string | null }
interface UpdateInput { id: string; url?: string | null; query?: string | null; variables?: Record<string, unknown> | null; operationName?: string | null }
interface DeliveriesArgs extends PageArgs { endpoint: string; status?: DeliveryStatus | null }

const ATTEMPTS_SHOWN = 20;
/** The lists' orders, in their cursors ("province": the service that publishes them). */
const WEBHOOK_ORDER: ListOrder = { list: 'webhooks', columns: [{ expr: 'createdAt', direction: 'ASC' }, { expr: 'id', direction: 'ASC' }] };
const DELIVERY_ORDER: ListOrder = { list: 'webhookDeliveries', columns: [{ expr: 'd.created_at', direction: 'DESC' }, { expr: 'd.id', direction: 'DESC' }] };
const PUBLISHER = 'WEBHOOKS';

/** Registering and changing webhooks is for offices and partners, with a token of their own (not a delivery's). */
function writer(actor: Actor): Actor {
  if (actor.subject === 'anonymous') throw unauthenticated('registering webhooks needs a token');
  if (isReadOnly(actor)) throw forbidden('this token may read but not change webhooks');
  if (actor.role !== 'office' && actor.role !== 'partner') throw forbidden(`an ${actor.role} may not register webhooks: offices and partners may`);
  return actor;
}

/** The webhooks subgraph's resolvers: each caller sees and changes its own webhooks only. */
export function webhookResolvers(options: WebhookResolverOptions) {
  const { transactions, supergraph, limits, outbound, provinces, startCursor, statusChanges } = options;
  const endpoints = () => transactions.dataSource.getRepository(WebhookEndpointRow);

  /** One of the caller's webhooks; another subject's is answered as missing (its existence is not told). */
  async function own(actor: Actor, id: string, tx?: EntityManager): Promise<WebhookEndpointRow> {
    const where = { id: String(id).slice(0, 40) };
    const row = tx ? await tx.getRepository(WebhookEndpointRow).findOne({ where, ...transactions.forUpdate }) : await endpoints().findOneBy(where);
    if (!row || row.ownerSubject !== actor.subject) throw notFound('id', `no webhook ${String(id).slice(0, 40)} of yours`);
    return row;
  }

  const checkedCursor = (cursor: string, field: string) => {
    if (cursor.length > 4096) throw badInput(field, 'must be at most 4096 characters');
    decodeRegionalCursor(cursor, provinces);
    return cursor;
  };

  const subscription = (input: { query: string; variables?: Record<string, unknown> | null; operationName?: string | null }) =>
    checkWebhookSubscription(supergraph.schema, { query: input.query, variables: input.variables ?? {}, operationName: input.operationName ?? null }, limits);

  /** A change to one of the caller's webhooks, in a transaction, with its version and time moved on. */
  async function change(actor: Actor, id: string, next: (row: WebhookEndpointRow, now: string, tx: EntityManager) => Promise<Partial<WebhookEndpointRow>> | Partial<WebhookEndpointRow>) {
    return transactions.run(async (tx) => {
      const row = await own(actor, id, tx);
      const now = new Date().toISOString();
      const patch = { ...await next(row, now, tx), version: row.version + 1, updatedAt: now };
      if (patch.status && patch.status !== row.status) patch.statusChangedAt = now;
      await tx.getRepository(WebhookEndpointRow).update({ id: row.id }, patch);
      return { webhook: { ...row, ...patch } };
    });
  }

  /** The pending delivery, tried now: a resumed webhook does not wait out a retry set hours ago. */
  const retryNow = (tx: EntityManager, endpointId: string) =>
    tx.getRepository(WebhookDeliveryRow).update({ endpointId, status: 'PENDING' }, { nextAttemptAt: null });

  return {
    DateTime: DateTimeScalar,
    JSONObject: JSONObjectResolver,
    Webhook: {
      variables: (row: WebhookEndpointRow) => JSON.parse(row.variables) as unknown,
      previousSecretExpiresAt: (row: WebhookEndpointRow) =>
        (row.previousSecret && row.previousSecretUntil && Date.parse(row.previousSecretUntil) > Date.now() ? row.previousSecretUntil : null),
    },
    WebhookDelivery: {
      attemptCount: (row: WebhookDeliveryRow) => row.attempts,
      attempts: async (row: WebhookDeliveryRow & { shownAttempts?: WebhookAttemptRow[] }) => row.shownAttempts ?? [],
    },
    WebhookAttempt: {
      httpStatus: (row: WebhookAttemptRow) => row.httpStatus,
    },
    Query: {
      webhooks: async (_: unknown, args: PageArgs, ctx: WebhookContext) => {
        const request = pageRequest(args, WEBHOOK_ORDER);
        const own = await endpoints().find({ where: { ownerSubject: ctx.actor.subject }, order: { createdAt: 'ASC', id: 'ASC' }, take: MAX_WEBHOOKS_PER_SUBJECT });
        return listPage(own, WEBHOOK_ORDER, request, (row) => ({ values: [row.createdAt, row.id], province: PUBLISHER }));
      },
      webhook: async (_: unknown, { id }: { id: string }, ctx: WebhookContext) => {
        const row = await endpoints().findOneBy({ id: String(id).slice(0, 40) });
        return row?.ownerSubject === ctx.actor.subject ? row : null;
      },
      webhookDeliveries: async (_: unknown, args: DeliveriesArgs, ctx: WebhookContext) => {
        const endpoint = await own(ctx.actor, args.endpoint);
        const request = pageRequest(args, DELIVERY_ORDER);
        const repo = transactions.dataSource.getRepository(WebhookDeliveryRow);
        const qb = repo.createQueryBuilder('d').where('d.endpoint_id = :endpoint', { endpoint: endpoint.id });
        if (args.status) qb.andWhere('d.status = :status', { status: args.status });
        // Newest first: "after" a delivery is older than it, "before" newer.
        for (const [bound, position, op] of [['a', request.after, '<'], ['b', request.before, '>']] as const) {
          if (!position) continue;
          const [createdAt, id] = position.values;
          qb.andWhere(`(d.created_at ${op} :${bound}At OR (d.created_at = :${bound}At AND d.id ${op} :${bound}Id))`, { [`${bound}At`]: createdAt, [`${bound}Id`]: id });
        }
        const direction = request.backward ? 'ASC' : 'DESC';
        const rows = await qb.orderBy('d.created_at', direction).addOrderBy('d.id', direction).take(request.size + 1).getMany();
        const page = rows.slice(0, request.size);
        if (request.backward) page.reverse();
        const more = rows.length > request.size;
        // Every attempt of the page in one query: the latest ATTEMPTS_SHOWN of each are shown.
        const attempts = page.length
          ? await transactions.dataSource.getRepository(WebhookAttemptRow).find({ where: { deliveryId: In(page.map((d) => d.id)) }, order: { id: 'ASC' } })
          : [];
        const nodes = page.map((d) => ({ ...d, shownAttempts: attempts.filter((a) => a.deliveryId === d.id).slice(-ATTEMPTS_SHOWN) }));
        return connection(nodes, (node) => encodeCursor({ list: DELIVERY_ORDER.list, province: PUBLISHER, values: [node.createdAt, node.id] }), {
          hasNextPage: request.backward ? Boolean(request.before) : more, hasPreviousPage: request.backward ? more : Boolean(request.after),
          totalCount: repo.countBy({ endpointId: endpoint.id, ...(args.status ? { status: args.status } : {}) }),
        });
      },
    },
    Mutation: {
      registerWebhook: async (_: unknown, { input }: { input: RegisterInput }, ctx: WebhookContext) => {
        const actor = writer(ctx.actor);
        const url = endpointUrl(input.url, outbound).toString();
        const checked = subscription(input);
        const cursor = input.after ? checkedCursor(input.after, 'after') : await startCursor(ctx.forward);
        const secret = newWebhookSecret();
        const now = new Date().toISOString();
        const row: WebhookEndpointRow = Object.assign(new WebhookEndpointRow(), {
          id: `wh_${randomBytes(12).toString('base64url')}`, ownerSubject: actor.subject, ownerRole: actor.role, ownerProvince: actor.province,
          url, query: checked.query, variables: JSON.stringify(checked.variables), operationName: checked.operationName,
          status: 'ACTIVE' as const, statusReason: null, statusChangedAt: now, secret, previousSecret: null, previousSecretUntil: null,
          cursor, failingSince: null, leaseHolder: null, leaseUntil: null, replays: 0, version: 1, createdAt: now, updatedAt: now,
        });
        await transactions.run(async (tx) => {
          // Counted in the transaction that inserts: two registrations at once cannot both pass the bound.
          const held = await tx.getRepository(WebhookEndpointRow).countBy({ ownerSubject: actor.subject });
          if (held >= MAX_WEBHOOKS_PER_SUBJECT) throw badInput('input', `a caller may register at most ${MAX_WEBHOOKS_PER_SUBJECT} webhooks: delete one first`);
          await tx.getRepository(WebhookEndpointRow).insert(row);
        });
        return { webhook: row, secret };
      },
      updateWebhook: async (_: unknown, { input }: { input: UpdateInput }, ctx: WebhookContext) => {
        const actor = writer(ctx.actor);
        return change(actor, input.id, (row) => {
          const patch: Partial<WebhookEndpointRow> = {};
          if (input.url != null) patch.url = endpointUrl(input.url, outbound).toString();
          if (input.query != null || input.variables != null || input.operationName !== undefined) {
            const checked = subscription({
              query: input.query ?? row.query,
              variables: input.variables ?? JSON.parse(row.variables) as Record<string, unknown>,
              operationName: input.operationName === undefined ? row.operationName : input.operationName,
            });
            Object.assign(patch, { query: checked.query, variables: JSON.stringify(checked.variables), operationName: checked.operationName });
          }
          if (!Object.keys(patch).length) throw badInput('input', 'changes nothing: give url, query, variables or operationName');
          return patch;
        });
      },
      rotateWebhookSecret: async (_: unknown, { input }: { input: { id: string; gracePeriodMinutes?: number | null } }, ctx: WebhookContext) => {
        const actor = writer(ctx.actor);
        const minutes = input.gracePeriodMinutes ?? DEFAULT_SECRET_GRACE_MINUTES;
        if (!Number.isInteger(minutes) || minutes < 0 || minutes > MAX_SECRET_GRACE_MINUTES) throw badInput('gracePeriodMinutes', `must be 0 to ${MAX_SECRET_GRACE_MINUTES}`);
        const secret = newWebhookSecret();
        const result = await change(actor, input.id, (row) => ({
          secret, previousSecret: minutes ? row.secret : null,
          previousSecretUntil: minutes ? new Date(Date.now() + minutes * 60e3).toISOString() : null,
        }));
        return { ...result, secret };
      },
      pauseWebhook: async (_: unknown, { input }: { input: { id: string } }, ctx: WebhookContext) =>
        change(writer(ctx.actor), input.id, () => ({ status: 'PAUSED' as const, statusReason: 'Paused by its owner' })),
      resumeWebhook: async (_: unknown, { input }: { input: { id: string } }, ctx: WebhookContext) =>
        change(writer(ctx.actor), input.id, async (row, _now, tx) => {
          await retryNow(tx, row.id);
          return { status: 'ACTIVE' as const, statusReason: null, failingSince: null };
        }),
      replayWebhook: async (_: unknown, { input }: { input: { id: string; after: string } }, ctx: WebhookContext) => {
        const actor = writer(ctx.actor);
        const cursor = checkedCursor(input.after, 'after');
        return change(actor, input.id, async (row, _now, tx) => {
          // The pending event is delivered again in its turn, under the replay's new webhook-id.
          await tx.getRepository(WebhookDeliveryRow).update({ endpointId: row.id, status: 'PENDING' }, { status: 'FAILED', nextAttemptAt: null });
          return { cursor, replays: row.replays + 1, ...(row.status === 'PAUSED' ? {} : { status: 'ACTIVE' as const, statusReason: null, failingSince: null }) };
        });
      },
      deleteWebhook: async (_: unknown, { input }: { input: { id: string } }, ctx: WebhookContext) => {
        const actor = writer(ctx.actor);
        return transactions.run(async (tx) => {
          const row = await own(actor, input.id, tx);
          const deliveries = tx.getRepository(WebhookDeliveryRow);
          // In slices: an endpoint may have many deliveries, and an IN list is bounded.
          for (;;) {
            const ids = (await deliveries.find({ select: { id: true }, where: { endpointId: row.id }, take: 500 })).map((d) => d.id);
            if (!ids.length) break;
            await tx.getRepository(WebhookAttemptRow).delete({ deliveryId: In(ids) });
            await deliveries.delete({ id: In(ids) });
          }
          await tx.getRepository(WebhookEndpointRow).delete({ id: row.id });
          return { id: row.id };
        });
      },
    },
    Subscription: {
      webhookStatusChanged: {
        subscribe: (_: unknown, _args: unknown, ctx: WebhookContext) => {
          if (ctx.actor.subject === 'anonymous') throw unauthenticated('following webhooks needs a token');
          return statusChanges.follow(ctx.actor.subject);
        },
        resolve: (row: WebhookEndpointRow) => row,
      },
    },
  };
}
