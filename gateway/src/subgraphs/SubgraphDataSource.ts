import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '@yrd/shared';
import type { GatewayContext } from '../GatewayContext';

/**
 * The gateway's connection to one subgraph: passes on the caller's identity headers and turns any failure to
 * reach the subgraph (refused, timed out, not GraphQL) into SUBGRAPH_UNAVAILABLE naming the subgraph, so no URL,
 * connection error text or stack reaches the client.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(readonly name: string, url: string, private readonly timeoutMs: number) {
    super({ url });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const forward: Record<string, string> = context?.forward ?? {};
    for (const [key, value] of Object.entries(forward)) request.http?.headers.set(key, value);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    try {
      return await Promise.race([
        super.process(options),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), this.timeoutMs).unref()),
      ]);
    } catch (error) {
      if (error instanceof GraphQLError && error.extensions.code !== undefined && !('response' in error.extensions)) throw error;
      throw new GraphQLError(`The ${this.name} subgraph is unavailable`, {
        extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, subgraph: this.name },
      });
    }
  }
}
