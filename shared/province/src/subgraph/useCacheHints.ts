import type { ApolloServerPlugin } from '@apollo/server';
import { CHANGE_POSITIONS_EXTENSION, noteRecordsRead, type RecordsRead } from '@yrd/domain';
import { useRecordsRead, type ServicePlugin } from '@yrd/service';
import { recordingTables, tablesBeingRecorded } from '@yrd/storage';
import { WATCHED_COLUMNS, recordsReadIn } from '../db';
import type { ProvinceContext } from './ProvinceContext';

/**
 * Tells the gateway's fetch cache what an answer depends on and what a write changed, in the answer's extensions
 * (which the gateway does not pass on to its callers):
 * - a query's answer names the records it was read from: the kinds whose writes change the tables its statements
 *   read, however deep in its resolvers and loaders (only some ports' records of them, where every statement
 *   reading a table was a loader's batch by port), and what other provinces' answers to it said they read;
 * - a write's answer names its changes' feed positions, kinds and keys (CHANGE_POSITIONS_EXTENSION): the gateway voids what
 *   they change when the answer comes, and knows each change that follows through the feed as its own echo;
 * - a query's answer that nothing in its resolvers read the caller for says it is the same for every reader
 *   (SAME_FOR_EVERY_READER_EXTENSION): the gateway then shares it across readers' scopes.
 */
export function useCacheHints(province: string): ServicePlugin<ProvinceContext>[] {
  const recordsRead = (ctx: ProvinceContext): RecordsRead | null => {
    const tables = tablesBeingRecorded();
    if (!tables) return null;
    const read: RecordsRead = new Map(ctx.peerReads);
    noteRecordsRead(read, province, recordsReadIn(tables));
    return read;
  };
  const changes: ApolloServerPlugin<ProvinceContext> = {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response, operation }) {
          if (response.body.kind !== 'single' || operation?.operation !== 'mutation') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, [CHANGE_POSITIONS_EXTENSION]: { [province]: [...contextValue.written] } };
        },
      };
    },
  };
  return [
    useRecordsRead(recordsRead, {
      around: (run) => recordingTables({
        read: new Set(), written: new Set(), readByKey: new Map(), watchedColumns: WATCHED_COLUMNS,
        watchedColumnsRead: new Map(), watchedColumnsReadByKey: new Map(),
      }, run),
      readerConsulted: (ctx) => ctx.readerConsulted,
    }),
    { name: 'change-positions', apollo: [changes] },
  ];
}
