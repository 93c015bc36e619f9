import { DATE_TIME, PAGE_ARGS, PAGE_INFO, connectionTypes, doc, federationLink } from './commonTypeDefs';

/** The most endpoints one subject may register: each is a subscription the gateway holds for it. */
export const MAX_WEBHOOKS_PER_SUBJECT = 20;
/** The default and the longest grace period of a rotated secret, in minutes. */
export const DEFAULT_SECRET_GRACE_MINUTES = 24 * 60;
export const MAX_SECRET_GRACE_MINUTES = 7 * 24 * 60;

const ID_ARG = `${doc('The webhook\'s id (one of the caller\'s own).')} id: ID!`;
const payload = (mutation: string, extra = '') => `${doc(`What ${mutation} changed.`)}
type ${mutation[0].toUpperCase()}${mutation.slice(1)}Payload {
  ${doc('The webhook, as it is after the change.')} webhook: Webhook!${extra}
}`;
const SECRET_FIELD = `
  ${doc('The new signing secret (whsec_...), shown this once: keep it to verify each delivery\'s webhook-signature.')} secret: String!`;

/**
 * The webhooks subgraph's SDL: partners' endpoints, each a regional subscription delivered by signed HTTP POST
 * (Standard Webhooks), their deliveries and every attempt. Composed into the supergraph beside the region's.
 */
export function webhookTypeDefs(): string {
  return `${federationLink(['@shareable'])}
${DATE_TIME}
${doc('A JSON object.')}
scalar JSONObject
${PAGE_INFO}

${doc('Where a webhook stands.')}
enum WebhookStatus {
  ${doc('Delivering: every event so far delivered, or the next one on its way.')} ACTIVE
  ${doc('The last attempts failed: retried on the schedule, and disabled if it goes on failing (see statusReason).')} FAILING
  ${doc('Paused by its owner: events wait, none is lost; resumeWebhook delivers them.')} PAUSED
  ${doc('Stopped by the platform: it answered 410 Gone or failed too long (statusReason says which). Events wait; resumeWebhook starts again.')} DISABLED
}

${doc('Where one event\'s delivery stands.')}
enum WebhookDeliveryStatus {
  ${doc('Not yet delivered: being tried, or waiting for its next attempt (nextAttemptAt).')} PENDING
  ${doc('The endpoint answered 2xx.')} DELIVERED
  ${doc('Given up: the endpoint answered 410 Gone, failed for too long, or a replay replaced it.')} FAILED
}

${doc('What one attempt came to.')}
enum WebhookAttemptOutcome {
  ${doc('The endpoint answered 2xx.')} DELIVERED
  ${doc('No answer in time, a refused connection, a blocked address, or an answer other than 2xx and 410: retried.')} FAILED
  ${doc('The endpoint answered 410 Gone: it is disabled.')} GONE
}

${doc('An endpoint a partner system or an office registered: its subscription\'s events are POSTed to it one at a time, in order, signed by the Standard Webhooks scheme.')}
type Webhook {
  ${doc('The webhook\'s id.')} id: ID!
  ${doc('Where events are POSTed.')} url: String!
  ${doc('The GraphQL subscription whose events are delivered, as registered.')} query: String!
  ${doc('Its variables.')} variables: JSONObject!
  ${doc('The operation of query to run, when it holds several.')} operationName: String
  ${doc('Where it stands.')} status: WebhookStatus!
  ${doc('Why it is FAILING or DISABLED, in a few words; null otherwise.')} statusReason: String
  ${doc('The cursor of the last event delivered (or where delivery started): the next event is the one after it.')} cursor: String!
  ${doc('Since when every attempt failed; null while deliveries succeed.')} failingSince: DateTime
  ${doc('Until when the secret replaced by the last rotation still signs beside the new one; null when no rotation is in its grace period.')} previousSecretExpiresAt: DateTime
  ${doc('When it was registered.')} createdAt: DateTime!
  ${doc('When it last changed.')} updatedAt: DateTime!
}

${doc('One attempt to deliver an event.')}
type WebhookAttempt {
  ${doc('When it started.')} at: DateTime!
  ${doc('What it came to.')} outcome: WebhookAttemptOutcome!
  ${doc('The endpoint\'s HTTP status; null when none came (refused, timed out, blocked).')} httpStatus: Int
  ${doc('How long it took, in milliseconds.')} durationMs: Int!
  ${doc('Why it failed, in a few words; null when delivered.')} error: String
  ${doc('The start of the endpoint\'s answer, at most 1,000 characters.')} responseExcerpt: String!
}

${doc('One event of a webhook\'s subscription and its delivery.')}
type WebhookDelivery {
  ${doc('The webhook-id header: the same on every attempt, so that the receiver can drop a duplicate.')} id: ID!
  ${doc('The event\'s cursor: once delivered, the webhook\'s cursor.')} cursor: String!
  ${doc('The body POSTed: the event as the subscription delivers it over a WebSocket ({"data": ...}).')} payload: String!
  ${doc('Where it stands.')} status: WebhookDeliveryStatus!
  ${doc('When it committed in its province; null when the subscription does not say.')} committedAt: DateTime
  ${doc('When the platform took it for delivery.')} createdAt: DateTime!
  ${doc('When the endpoint accepted it.')} deliveredAt: DateTime
  ${doc('When it will be tried again, if it is PENDING after a failure.')} nextAttemptAt: DateTime
  ${doc('How many attempts were made.')} attemptCount: Int!
  ${doc('The latest attempts, oldest first: at most 20.')} attempts: [WebhookAttempt!]!
}

${connectionTypes('Webhook', 'webhooks')}
${connectionTypes('WebhookDelivery', 'deliveries')}

${doc('A webhook to register.')}
input RegisterWebhookInput {
  ${doc('Where to POST each event: https (http outside production), no credentials, at most 2,048 characters; an address that is loopback, private, link-local or a cloud\'s metadata service is refused, now and whenever the name resolves to one.')} url: String!
  ${doc('A subscription over the supergraph with one of the regional subscriptions as its one root field, selecting any fields of any subgraph; checked with the limits of a live subscription.')} query: String!
  ${doc('Its variables.')} variables: JSONObject
  ${doc('The operation of query to run, when it holds several.')} operationName: String
  ${doc('A cursor from an earlier event or write: every change after it is delivered first. Omit to start now.')} after: String
}

${doc('What to change of a webhook; omitted fields stay as they are. A new query starts from the webhook\'s cursor.')}
input UpdateWebhookInput {
  ${ID_ARG}
  ${doc('Where to POST each event (as registerWebhook checks it).')} url: String
  ${doc('A new subscription (as registerWebhook checks it).')} query: String
  ${doc('Its variables (with query, or for the current one).')} variables: JSONObject
  ${doc('The operation of query to run.')} operationName: String
}

${doc('A secret to rotate.')}
input RotateWebhookSecretInput {
  ${ID_ARG}
  ${doc(`How long the old secret still signs beside the new one, in minutes: ${DEFAULT_SECRET_GRACE_MINUTES} (a day) by default, at most ${MAX_SECRET_GRACE_MINUTES} (a week), 0 to stop it at once.`)} gracePeriodMinutes: Int
}

${doc('A webhook to pause, resume or delete.')}
input WebhookIdInput {
  ${ID_ARG}
}

${doc('A webhook to deliver again from a cursor.')}
input ReplayWebhookInput {
  ${ID_ARG}
  ${doc('A cursor from an earlier event (a delivery\'s cursor) or write: every change after it is delivered again, under new webhook-ids.')} after: String!
}

${payload('registerWebhook', SECRET_FIELD)}
${payload('updateWebhook')}
${payload('rotateWebhookSecret', SECRET_FIELD)}
${payload('pauseWebhook')}
${payload('resumeWebhook')}
${payload('replayWebhook')}
${doc('What deleteWebhook did.')}
type DeleteWebhookPayload {
  ${doc('The id of the webhook deleted, with its deliveries.')} id: ID!
}

type Query {
  ${doc(`The caller's own webhooks, oldest first (a caller has at most ${MAX_WEBHOOKS_PER_SUBJECT}); another subject's are never listed.`)}
  webhooks(${PAGE_ARGS}): WebhookConnection!
  ${doc('One of the caller\'s own webhooks; null for any other id.')}
  webhook(${ID_ARG}): Webhook
  ${doc('The deliveries of one of the caller\'s webhooks, newest first, with each attempt.')}
  webhookDeliveries(${doc('The webhook\'s id.')} endpoint: ID!, ${doc('Only these; omit for all.')} status: WebhookDeliveryStatus, ${PAGE_ARGS}): WebhookDeliveryConnection!
}

type Mutation {
  ${doc(`Registers an endpoint for a subscription's events (an office or a partner; at most ${MAX_WEBHOOKS_PER_SUBJECT} each). The signing secret is in the payload, this once.`)}
  registerWebhook(${doc('The webhook.')} input: RegisterWebhookInput!): RegisterWebhookPayload
  ${doc('Changes a webhook\'s URL or subscription.')}
  updateWebhook(${doc('What to change.')} input: UpdateWebhookInput!): UpdateWebhookPayload
  ${doc('Makes a new signing secret (shown this once); the old one signs beside it for the grace period.')}
  rotateWebhookSecret(${doc('Which, and the grace period.')} input: RotateWebhookSecretInput!): RotateWebhookSecretPayload
  ${doc('Stops delivering; events wait and none is lost.')}
  pauseWebhook(${doc('Which.')} input: WebhookIdInput!): PauseWebhookPayload
  ${doc('Delivers again a PAUSED, FAILING or DISABLED webhook: its waiting events go now, in order.')}
  resumeWebhook(${doc('Which.')} input: WebhookIdInput!): ResumeWebhookPayload
  ${doc('Deletes a webhook with its deliveries and attempts.')}
  deleteWebhook(${doc('Which.')} input: WebhookIdInput!): DeleteWebhookPayload
  ${doc('Delivers every change after a cursor again, under new webhook-ids; the pending delivery, if any, is replaced.')}
  replayWebhook(${doc('Which, and from where.')} input: ReplayWebhookInput!): ReplayWebhookPayload
}

type Subscription {
  ${doc('The caller\'s webhooks as their status changes (FAILING, DISABLED, ACTIVE again), as it happens.')}
  webhookStatusChanged: Webhook!
}
`;
}
