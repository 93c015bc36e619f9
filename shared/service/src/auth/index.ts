export { authConfigFrom, authEnvironment, devSecret, isProduction, type AuthConfig, type AuthKeys } from './authConfig';
export { Authenticator, loadAuthenticator, notAuthenticated, type TokenRequest } from './Authenticator';
export { generateTokenKeys } from './tokenKeys';
