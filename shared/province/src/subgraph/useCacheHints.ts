import type { ApolloServerPlugin } from '@apollo/server';
import { CHANGE_POSITIONS_EXTENSION } from '@yrd/domain';
import type { ServicePlugin } from '@yrd/service';
import type { ProvinceContext } from './ProvinceContext';

/**
 * Tells the caller of a write where its changes stand in this province's feed, in the answer's extensions: the
 * gateway's fetch cache voids what a write changes when its answer comes, and so knows the change event that follows
 * through the feed as its own echo. The gateway does not pass subgraphs' extensions on to its callers.
 */
export function useChangePositions(province: string): ServicePlugin<ProvinceContext> {
  const plugin: ApolloServerPlugin<ProvinceContext> = {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (!contextValue.written.length || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, [CHANGE_POSITIONS_EXTENSION]: { [province]: [...contextValue.written] } };
        },
      };
    },
  };
  return { name: 'change-positions', apollo: [plugin] };
}
