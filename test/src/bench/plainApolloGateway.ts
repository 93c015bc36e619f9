#!/usr/bin/env node
/**
 * The benchmark's baseline: @apollo/gateway on @apollo/server with default settings over the same supergraph file
 * and subgraphs. The only addition is passing the caller's Authorization header on, without which the subgraphs
 * (which check every token) would refuse it.
 */
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { provinceServices } from '@yrd/domain';

process.env.APOLLO_TELEMETRY_DISABLED = 'true';
const urls: Record<string, string | undefined> = {
  region: process.env.REGION_URL, ...Object.fromEntries(provinceServices().map((s) => [s.code.toLowerCase(), process.env[`${s.code}_URL`]])),
};

class Forwarding extends RemoteGraphQLDataSource<{ authorization?: string }> {
  override willSendRequest({ request, context }: Parameters<RemoteGraphQLDataSource<{ authorization?: string }>['willSendRequest'] & object>[0]) {
    if (context?.authorization) request.http?.headers.set('authorization', context.authorization);
  }
}

async function main() {
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(process.env.SUPERGRAPH_FILE ?? '', 'utf8'),
    buildService: ({ name, url }) => new Forwarding({ url: urls[name] ?? url }),
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port: Number(process.env.PORT ?? 0), host: '127.0.0.1' },
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
  console.log(JSON.stringify({ level: 'info', msg: 'ready', url: `${url.replace(/\/$/, '')}/` }));
}

main().catch((error: unknown) => {
  console.error(JSON.stringify({ level: 'fatal', msg: String(error) }));
  process.exit(1);
});
