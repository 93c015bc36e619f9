export type { FeedEvent } from './FeedEvent';
export { canonicalRegionalCursor, decodeRegionalCursor, encodeRegionalCursor, positionIn, type Positions } from './regionalCursor';
export {
  ANY_KIND, CHANGE_POSITIONS_EXTENSION, MAX_PORTS_READ, RECORDS_READ_EXTENSION, addRecordsRead, noteRecordsRead, parseRecordRead, portOfChange,
  portRecordsRead, recordsReadExtension, writtenChanges, type KindRead, type RecordRead, type RecordsRead, type WrittenChange,
} from './recordsRead';
