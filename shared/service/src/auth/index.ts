export {
  DELEGATION_ISSUER, authConfigFrom, authEnvironment, devSecret, isProduction, type AuthConfig, type AuthKeys, type DelegationKeys,
} from './authConfig';
export { Authenticator, loadAuthenticator, notAuthenticated, type TokenRequest } from './Authenticator';
export { DelegatedTokens, type DelegatedOwner } from './DelegatedTokens';
export { generateTokenKeys } from './tokenKeys';
