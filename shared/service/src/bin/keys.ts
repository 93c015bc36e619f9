#!/usr/bin/env node
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandLine, usageError } from '../cli';
import { generateTokenKeys } from '../auth';

const USAGE = `usage: node shared/service/dist/bin/keys.js <folder> [--kid ID] [--prefix NAME]

Writes an RS256 key pair for the platform's tokens into <folder>: jwks.json, the public key set every service
verifies with (JWT_JWKS_FILE), and private.pem, the signing key (JWT_PRIVATE_KEY_FILE) that only whoever issues
tokens keeps: no service needs it, so a compromised service cannot mint tokens. Refuses to overwrite either file.
  --kid ID       the key's id in the set (default: the date, yrd-YYYYMMDD)
  --prefix NAME  put NAME before both file names: --prefix webhooks- writes the webhook worker's read-only key
                 (webhooks-jwks.json for every service's WEBHOOK_TOKEN_JWKS_FILE, webhooks-private.pem for the
                 webhooks service's WEBHOOK_TOKEN_PRIVATE_KEY_FILE)`;
const { positionals, values } = commandLine(USAGE, { kid: { type: 'string' }, prefix: { type: 'string' } }, true);
const [folder] = positionals;
if (!folder || positionals.length > 1) usageError(folder ? 'name one folder' : 'name the folder to write the keys into', USAGE);
const prefix = values.prefix ?? '';
if (!/^[a-z0-9-]{0,40}$/.test(prefix)) usageError('--prefix is lower-case letters, digits and - only', USAGE);
const files = { jwks: join(folder, `${prefix}jwks.json`), privateKey: join(folder, `${prefix}private.pem`) };
if (existsSync(files.jwks) || existsSync(files.privateKey)) usageError(`${folder} already holds keys: remove them first`, USAGE);
const kid = values.kid ?? `yrd-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`;
generateTokenKeys(kid).then(({ jwks, privateKeyPem }) => {
  mkdirSync(folder, { recursive: true });
  writeFileSync(files.jwks, `${JSON.stringify(jwks, null, 2)}\n`);
  writeFileSync(files.privateKey, privateKeyPem, { mode: 0o600 });
  console.log(`wrote ${files.jwks} (public, for every service) and ${files.privateKey} (private, for the token issuer only)`);
}, (error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
