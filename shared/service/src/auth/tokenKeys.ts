import { exportJWK, exportPKCS8, generateKeyPair, type JWK } from 'jose';

/** A new RS256 key pair: the public key set services verify with, and the private key whoever issues tokens keeps. */
export async function generateTokenKeys(kid: string): Promise<{ jwks: { keys: JWK[] }; privateKeyPem: string }> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 3072 });
  const jwk: JWK = { ...await exportJWK(publicKey), kid, alg: 'RS256', use: 'sig' };
  return { jwks: { keys: [jwk] }, privateKeyPem: await exportPKCS8(privateKey) };
}
