import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { responsePathAsArray } from 'graphql';
import { provinceUnavailable, type ProvinceClient } from './ProvinceClient';
import type { RegionContext } from './RegionContext';

/**
 * Asks the given provinces in parallel. A province that fails adds a SUBGRAPH_UNAVAILABLE error naming it and is
 * left out; the others' answers come back in service-list order.
 */
export async function fanOut<T>(
  clients: readonly ProvinceClient[], ctx: RegionContext, info: GraphQLResolveInfo,
  ask: (client: ProvinceClient) => Promise<T>,
): Promise<{ province: string; value: T }[]> {
  const settled = await Promise.allSettled(clients.map(ask));
  const answers: { province: string; value: T }[] = [];
  settled.forEach((result, i) => {
    const province = clients[i].endpoint.province;
    if (result.status === 'fulfilled') answers.push({ province, value: result.value });
    else if (result.reason instanceof GraphQLError) throw result.reason;
    else ctx.problems.push(provinceUnavailable(province, responsePathAsArray(info.path)));
  });
  return answers;
}
