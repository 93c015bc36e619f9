#!/usr/bin/env node
import { ProvinceRegistry, WEBHOOKS_DEFAULT_PORT } from '@yrd/domain';
import {
  DelegatedTokens, authConfigFrom, commandLine, limitsFromEnv, loadEnvironment, repositoryRoot, runService, startTracing, Authenticator,
} from '@yrd/service';
import { databaseConfigFor } from '@yrd/storage';
import { join } from 'node:path';
import { createWebhooksSubgraph } from './createWebhooksSubgraph';
import { openWebhooksDatabase } from './store';
import { webhooksSettingsFrom } from './webhooksEnvironment';

commandLine(`usage: node subgraphs/webhooks/dist/main.js

Serves the webhooks subgraph on PORT (default ${WEBHOOKS_DEFAULT_PORT}) and delivers its endpoints' events by signed POST
(WEBHOOK_WORKER=off for a replica that only serves). Subscribes through GATEWAY_URL, asks REGION_URL for the start
cursor, checks subscriptions against SUPERGRAPH_FILE; WEBHOOK_ALLOWED_HOSTS, WEBHOOK_RETRY_SCHEDULE (5s,5m,30m,2h,5h,10h)
WEBHOOK_DISABLE_AFTER_HOURS (72), WEBHOOK_MAX_ENDPOINTS (500 per worker) and WEBHOOK_LEASE_SECONDS (5) tune delivery. Keeps its state over DATABASE_URL or in SQLite under DATA_DIR.`, {});
const env = loadEnvironment();
startTracing('webhooks');
runService('webhooks', async () => {
  const settings = webhooksSettingsFrom(process.env);
  const registry = new ProvinceRegistry();
  const auth = authConfigFrom(process.env, env.DATA_DIR);
  const database = await openWebhooksDatabase(databaseConfigFor('webhooks', { dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL, databasePrefix: env.DATABASE_PREFIX }));
  const limits = limitsFromEnv();
  const { server } = createWebhooksSubgraph({
    database, authenticator: new Authenticator(auth, registry.codes), provinces: registry.codes,
    supergraphFile: settings.supergraphFile ?? join(repositoryRoot(__dirname), 'gateway', 'supergraph.graphql'),
    startCursor: settings.regionUrl, outbound: settings.outbound, subscriptionLimits: limits.operations,
    introspection: env.INTROSPECTION, rateLimit: limits.subgraphRate,
    worker: settings.worker ? {
      gatewayWsUrl: settings.gatewayWsUrl, tokens: new DelegatedTokens(auth), policy: settings.policy,
      maxEndpoints: settings.maxEndpoints, leaseMs: settings.leaseMs,
    } : null,
  });
  await server.start();
  const url = await server.listen(env.PORT ?? WEBHOOKS_DEFAULT_PORT, env.HOST);
  return { url, stop: async () => { await server.stop(); await database.close(); } };
});
