import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';

/**
 * The service list: every province that runs a subgraph, read from the province folders (subgraphs/<province>/
 * province.json). Adding a province (Anhui, say) is a folder with its configuration and seed data; no code, and no
 * other file, names a province.
 */
export interface ProvinceService {
  /** Upper-case code used in the Province enum and in tokens: ZHEJIANG. */
  readonly code: string;
  /** ISO 3166-2:CN subdivision used by UN/LOCODE: ZJ. */
  readonly subdivision: string;
  /** Port its subgraph listens on by default. */
  readonly defaultPort: number;
  /** The province's own name, for people: 浙江, Zhejiang. */
  readonly name: { readonly zh: string; readonly en: string };
  readonly office: { readonly nameZh: string; readonly nameEn: string };
  /** The folder it was read from (configuration and seed data). */
  readonly folder: string;
}

export const REGION_DEFAULT_PORT = 4001;
export const GATEWAY_DEFAULT_PORT = 4000;
export const WEBHOOKS_DEFAULT_PORT = 4010;
/**
 * Node's options for the gateway, wherever it is started (npm start, the image, the deployment files, the tests and
 * the bench): a heap of 192 MiB, its own 80 MiB or so, the fetch cache's default 32 MiB and room for answers in
 * flight. Without it V8 lets the gateway's garbage (it serves thousands of requests a second from the cache) grow to
 * several times that before collecting it. A young generation of 4 MiB semi-spaces (16 by default) took about 22 MiB
 * off its resident memory under the bench's load, at no CPU per request the bench could tell.
 */
export const GATEWAY_NODE_ARGS: readonly string[] = ['--max-old-space-size=192', '--max-semi-space-size=4'];
const RESERVED_PORTS = [GATEWAY_DEFAULT_PORT, REGION_DEFAULT_PORT, WEBHOOKS_DEFAULT_PORT];
const RESERVED_NAMES = ['GATEWAY', 'REGION', 'WEBHOOKS', 'MIGRATE', 'MARIADB'];

/** A JSON file's content, or an error naming the file. */
function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

export const provinceConfigSchema = z.strictObject({
  // Letters only: the code names a folder, a service, a database, a Kubernetes object (no underscore there).
  code: z.string().regex(/^[A-Z]{2,30}$/, 'upper-case letters only, such as ANHUI').refine((c) => !RESERVED_NAMES.includes(c), 'names another service of the platform'),
  subdivision: z.string().regex(/^[A-Z]{2}$/, 'the two letters of ISO 3166-2:CN, such as AH'),
  defaultPort: z.number().int().min(1024).max(65535),
  name: z.strictObject({ zh: z.string().min(1), en: z.string().min(1) }),
  office: z.strictObject({ nameZh: z.string().min(1), nameEn: z.string().min(1) }),
});

/** The folder that holds the province folders: PROVINCES_DIR, else subgraphs/ of the workspace this code is in. */
export function provincesDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return env.PROVINCES_DIR ? resolve(env.PROVINCES_DIR) : join(workspaceRoot(), 'subgraphs');
}

let foundRoot: string | undefined;

/** The workspace this code is in, found once (every registry asks, and the answer never changes). */
function workspaceRoot(): string {
  for (let dir = __dirname; !foundRoot && dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && 'workspaces' in (readJson(manifest) as object)) foundRoot = dir;
  }
  if (!foundRoot) throw new Error(`no workspace root above ${__dirname}: set PROVINCES_DIR to the folder of the province folders`);
  return foundRoot;
}

/** Reads and checks every province folder under `dir` (a folder with a province.json), in default-port order. */
export function readProvinceServices(dir: string): ProvinceService[] {
  const services = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'province.json')))
    .map((entry) => {
      const folder = join(dir, entry.name);
      const file = join(folder, 'province.json');
      const parsed = provinceConfigSchema.safeParse(readJson(file));
      if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
      if (parsed.data.code.toLowerCase() !== entry.name) {
        throw new Error(`${file}: the folder of province ${parsed.data.code} must be named ${parsed.data.code.toLowerCase()}`);
      }
      return { ...parsed.data, folder };
    })
    .sort((a, b) => a.defaultPort - b.defaultPort);
  if (!services.length) throw new Error(`no province folders (with a province.json) in ${dir}`);
  const ports = [...RESERVED_PORTS];
  const subdivisions: string[] = [];
  for (const s of services) {
    if (ports.includes(s.defaultPort)) throw new Error(`${s.folder}/province.json: defaultPort ${s.defaultPort} is taken (by the gateway, the region, webhooks or another province)`);
    if (subdivisions.includes(s.subdivision)) throw new Error(`${s.folder}/province.json: subdivision ${s.subdivision} is another province's`);
    ports.push(s.defaultPort);
    subdivisions.push(s.subdivision);
  }
  return services;
}

let cached: { dir: string; services: ProvinceService[] } | undefined;

/** The provinces of this installation, read once from provincesDirectory(). */
export function provinceServices(): readonly ProvinceService[] {
  const dir = provincesDirectory();
  if (cached?.dir !== dir) cached = { dir, services: readProvinceServices(dir) };
  return cached.services;
}
