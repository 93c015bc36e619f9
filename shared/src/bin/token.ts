#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { loadAuthenticator } from '../auth';
import { ROLES, type Role } from '../domain';
import { ProvinceRegistry } from '../provinces';
import { loadEnvironment } from '../server';

/**
 * Prints a token signed with this platform's key (JWT_SECRET, JWT_PRIVATE_KEY_FILE, or the development secret
 * under DATA_DIR):  npm run token -- office ZHEJIANG | partner | analyst  [--subject name] [--expires 12h]
 */
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { subject: { type: 'string' }, expires: { type: 'string', default: '12h' } },
});
const [role, province] = positionals;
const codes = new ProvinceRegistry().codes;
if (!(ROLES as readonly string[]).includes(role) || (role === 'office' && !codes.includes(province?.toUpperCase()))) {
  console.error(`usage: npm run token -- office <${codes.join('|')}> | partner | analyst [--subject name] [--expires 12h]`);
  process.exit(2);
}
const env = loadEnvironment();
loadAuthenticator(env.DATA_DIR, codes).issue({
  role: role as Role, province: province?.toUpperCase(), expiresIn: values.expires,
  subject: values.subject ?? (role === 'office' ? `office@${province.toLowerCase()}` : role),
}).then((token) => console.log(token), (error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
