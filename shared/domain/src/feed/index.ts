export type { FeedEvent } from './FeedEvent';
export { canonicalRegionalCursor, decodeRegionalCursor, encodeRegionalCursor, positionIn, type Positions } from './regionalCursor';
export {
  ANY_KIND, CHANGE_POSITIONS_EXTENSION, MAX_KEYS_READ, RECORDS_READ_EXTENSION, SAME_FOR_EVERY_READER_EXTENSION, addRecordsRead, keyedRecordsRead, keysOfChange,
  noteRecordsRead, parseRecordRead, recordsReadExtension, sameForEveryReader, writtenChanges, type KindRead, type RecordRead, type RecordsRead, type WrittenChange,
} from './recordsRead';
