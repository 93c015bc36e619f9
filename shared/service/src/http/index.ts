export { postJson, isConnectionFailure, type JsonAnswer } from './postJson';
