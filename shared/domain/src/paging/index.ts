export { compareValues, type SortColumn } from './keyset';
export { MAX_CURSOR_LENGTH, decodeCursor, encodeCursor, type Position, type SortValue } from './pageCursor';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageRequest, type ListOrder, type PageArgs, type PageRequest } from './pageRequest';
export {
  comparePositions, connection, listPage, mapConnection, mergePages, settled, type Connection, type PageInfo, type ProvincePage,
} from './connection';
export {
  AUDIT_ORDER, DEFAULT_PORT_ORDER, LIST_ORDERS, portListOrder, portSortValues, type PortOrder, type PortOrderField, type SortablePort,
} from './listOrders';
