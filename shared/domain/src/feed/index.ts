export type { FeedEvent } from './FeedEvent';
export { canonicalRegionalCursor, decodeRegionalCursor, encodeRegionalCursor, positionIn, type Positions } from './regionalCursor';
export {
  ANY_KIND, CHANGE_POSITIONS_EXTENSION, RECORDS_READ_EXTENSION, addRecordsRead, noteRecordsRead, recordsReadExtension, writtenChanges,
  type KindRead, type RecordsRead, type WrittenChange,
} from './recordsRead';
