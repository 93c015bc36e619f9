#!/usr/bin/env node
import { GATEWAY_DEFAULT_PORT, ProvinceRegistry } from '@yrd/domain';
import { readFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import {
  commandLine, isProduction, limitsFromEnv, loadAuthenticator, loadEnvironment, persistedPolicyFromEnv, readManifest, runService, startTracing,
} from '@yrd/service';
import { checkHeapRoom, fetchCacheFromEnv } from './cache/fetchCacheFromEnv';
import { createGateway } from './createGateway';
import { PERSISTED_OPERATIONS_FILE } from './operations';
import { subgraphUrlsFromEnv } from './subgraphUrlsFromEnv';
import { SUPERGRAPH_FILE } from './supergraph/supergraphFile';

commandLine(`usage: node gateway/dist/main.js

Serves the federated gateway on PORT (default ${GATEWAY_DEFAULT_PORT}): queries, mutations and subscriptions (WebSocket
and SSE) at /graphql, the explorer at /explorer/, /health/live, /health/ready and /metrics. Reads the subgraphs'
URLs from REGION_URL, ZHEJIANG_URL, ...; the limits from MAX_BODY_BYTES, MAX_DEPTH, ... (see the README); with
REDIS_URL, replicas share their per-subject counts there. Persisted operations: the build's manifest (or
PERSISTED_OPERATIONS_FILE), and PERSISTED_OPERATIONS=off|allow|require, PERSISTED_OPERATIONS_<ROLE> per role
(partner: require in production). The fetch cache: GATEWAY_CACHE=off turns it off; GATEWAY_CACHE_MAX_MB bounds it
(default 32; Node's heap must hold it and 160 MiB more: npm start and the image give --max-old-space-size=192);
CACHE_FEED_TOKEN is the reader's token it follows the change feed with (default one it issues itself, where its key
can sign).`, {});
const env = loadEnvironment();
const limits = limitsFromEnv();
// The edge: callers' traceparent continues their trace, but the gateway decides what is recorded.
startTracing('gateway', process.env, { edge: true });
const cache = fetchCacheFromEnv(process.env);
checkHeapRoom(cache, getHeapStatistics().heap_size_limit);
const manifestFile = process.env.PERSISTED_OPERATIONS_FILE ?? PERSISTED_OPERATIONS_FILE;
runService('gateway', async () => {
  const authenticator = loadAuthenticator(env.DATA_DIR, new ProvinceRegistry().codes);
  const { server } = createGateway({
    supergraphFile: process.env.SUPERGRAPH_FILE ?? SUPERGRAPH_FILE,
    subgraphUrls: subgraphUrlsFromEnv(),
    authenticator,
    // Only where the platform runs on its embedded default (development key, not production) does the explorer
    // open with a token; anywhere else the analyst brings one.
    explorerToken: authenticator.development && !isProduction()
      ? () => authenticator.issue({ subject: 'explorer', role: 'analyst', expiresIn: '12h' }) : undefined,
    introspection: env.INTROSPECTION,
    limits,
    maxBodyBytes: limits.maxBodyBytes,
    counters: limits.counters(),
    cache,
    persistedOperations: { manifest: readManifest(readFileSync(manifestFile, 'utf8'), manifestFile), policy: persistedPolicyFromEnv() },
  });
  await server.start();
  return { url: await server.listen(env.PORT ?? GATEWAY_DEFAULT_PORT, env.HOST), stop: () => server.stop() };
});
