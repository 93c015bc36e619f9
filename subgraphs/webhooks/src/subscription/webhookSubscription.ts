import { getOperationAST, getVariableValues, parse, print, specifiedRules, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { badInput } from '@yrd/domain';
import {
  checkVariableValues, limitRules, parseWithinLimits, resumableOperation, type OperationLimits, type ResumeNames,
} from '@yrd/service';

/** The longest subscription document and variables (as JSON) kept for a webhook. */
export const MAX_QUERY_CHARS = 20_000;
export const MAX_VARIABLES_CHARS = 20_000;

/** What the worker adds to a webhook's subscription to know where each event stands, stripped before delivery. */
export const WEBHOOK_RESUME: ResumeNames = { after: '_webhookAfter', hidden: { _webhookCursor: 'cursor', _webhookAt: 'at' } };

export interface WebhookSubscription {
  readonly query: string;
  readonly variables: Record<string, unknown>;
  readonly operationName: string | null;
}

/**
 * A webhook's subscription, checked as a live one is at the gateway (size, depth, aliases, cost, variables) and
 * against the supergraph's API schema, and resumable: one regional subscription (with `after` and `cursor`) as its
 * one root field, so that delivery can go on from the last event delivered. BAD_USER_INPUT saying why otherwise.
 */
export function checkWebhookSubscription(schema: GraphQLSchema, given: WebhookSubscription, limits: OperationLimits): { document: DocumentNode } & WebhookSubscription {
  if (given.query.length > MAX_QUERY_CHARS) throw badInput('query', `must be at most ${MAX_QUERY_CHARS} characters`);
  if (given.operationName && given.operationName.length > 100) throw badInput('operationName', 'must be at most 100 characters');
  const variablesJson = JSON.stringify(given.variables);
  if (variablesJson.length > MAX_VARIABLES_CHARS) throw badInput('variables', `must be at most ${MAX_VARIABLES_CHARS} characters as JSON`);
  checkVariableValues(given.variables, limits);
  const document = parseWithinLimits(given.query, limits);
  const errors = validate(schema, document, [...specifiedRules, ...limitRules(limits)]);
  if (errors.length) throw badInput('query', errors.slice(0, 5).map((e) => e.message).join('; '));
  const operation = getOperationAST(document, given.operationName);
  if (!operation) throw badInput('operationName', given.operationName ? `names no operation of query` : 'is needed: query holds several operations');
  if (operation.operation !== 'subscription') throw badInput('query', `must be a subscription, not a ${operation.operation}`);
  if (operation.variableDefinitions?.some((v) => v.variable.name.value === WEBHOOK_RESUME.after)) {
    throw badInput('query', `must not use the variable $${WEBHOOK_RESUME.after}: delivery binds it`);
  }
  if (!resumableOperation(schema, document, given.operationName, given.variables, WEBHOOK_RESUME)) {
    const fields = Object.keys(schema.getSubscriptionType()?.getFields() ?? {}).join(', ');
    throw badInput('query', `must have exactly one root field, one of the resumable subscriptions (${fields}), so that no event is lost across a restart`);
  }
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], given.variables, { maxErrors: 5 });
  if (coerced.errors) throw badInput('variables', coerced.errors.map((e) => e.message).join('; '));
  return { document, query: given.query, variables: given.variables, operationName: given.operationName };
}

/**
 * What the worker subscribes with for a webhook: its subscription with `after: $_webhookAfter` bound to the cursor to
 * resume after, and the event's cursor and commit time selected under hidden aliases (removed before delivery).
 */
export function deliverySubscription(schema: GraphQLSchema, webhook: WebhookSubscription, cursor: string): { query: string; variables: Record<string, unknown>; operationName?: string } {
  const rewritten = resumableOperation(schema, parse(webhook.query), webhook.operationName, webhook.variables, WEBHOOK_RESUME);
  if (!rewritten) throw new Error('the webhook\'s subscription is no longer resumable in the supergraph: update its query');
  return {
    query: print(rewritten.document),
    variables: { ...rewritten.variables, [WEBHOOK_RESUME.after]: cursor },
    ...(webhook.operationName ? { operationName: webhook.operationName } : {}),
  };
}
