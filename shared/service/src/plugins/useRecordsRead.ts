import type { BaseContext } from '@apollo/server';
import { RECORDS_READ_EXTENSION, SAME_FOR_EVERY_READER_EXTENSION, recordsReadExtension, type RecordsRead } from '@yrd/domain';
import type { ServicePlugin } from '../pipeline';

/**
 * Names in each query's answer the records it was read from (RECORDS_READ_EXTENSION), as `recordsRead` tells them
 * for the request (null when it cannot tell: the answer then says nothing, and may depend on anything). The
 * gateway's fetch cache keeps an answer until a change to one of them, and passes no subgraph's extensions on.
 * `around` sets up what the recording needs for each operation (useful where statements are noted as they run).
 * Where `readerConsulted` says nothing answering the query used who is calling, the answer says it is the same for
 * every reader (SAME_FOR_EVERY_READER_EXTENSION), and the gateway keeps it for readers of every scope.
 */
export function useRecordsRead<TContext extends BaseContext>(recordsRead: (context: TContext) => RecordsRead | null, options: {
  around?: <T>(run: () => Promise<T>) => Promise<T>;
  readerConsulted?: (context: TContext) => boolean;
} = {}): ServicePlugin<TContext> {
  const { around, readerConsulted } = options;
  return {
    name: 'records-read',
    ...(around ? { aroundOperation: around } : {}),
    apollo: [{
      async requestDidStart() {
        return {
          async willSendResponse({ contextValue, response, operation }) {
            if (response.body.kind !== 'single' || operation?.operation !== 'query') return;
            const read = recordsRead(contextValue);
            if (!read) return;
            const result = response.body.singleResult;
            result.extensions = {
              ...result.extensions, [RECORDS_READ_EXTENSION]: recordsReadExtension(read),
              ...(readerConsulted?.(contextValue) === false ? { [SAME_FOR_EVERY_READER_EXTENSION]: true } : {}),
            };
          },
        };
      },
    }],
  };
}
