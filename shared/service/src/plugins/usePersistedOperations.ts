import { GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import { ROLES, isDelegated, type Role } from '@yrd/domain';
import type { Authenticator } from '../auth';
import { isProduction } from '../auth';
import { documentId, type PersistedManifest, type PersistedOperation } from '../persisted';
import type { ServicePlugin } from '../pipeline';

/** off: no operation by id; allow: by id, automatic persisted queries, and any document; require: the manifest's only. */
export type PersistedMode = 'off' | 'allow' | 'require';
const MODES: readonly PersistedMode[] = ['off', 'allow', 'require'];

export interface PersistedPolicy {
  readonly mode: PersistedMode;
  /** A role's own mode, where it differs (partner: require in production). */
  readonly byRole: Partial<Record<Role, PersistedMode>>;
}

const modeOf = (value: string | undefined, variable: string): PersistedMode | undefined => {
  if (value === undefined || value === '') return undefined;
  if (!MODES.includes(value as PersistedMode)) throw new Error(`${variable} must be one of ${MODES.join(', ')}, got "${value}"`);
  return value as PersistedMode;
};

/**
 * PERSISTED_OPERATIONS (every role; default allow) and PERSISTED_OPERATIONS_<ROLE> (OFFICE, PARTNER, ANALYST); in
 * production a partner system runs only the operations agreed with it (require) unless PERSISTED_OPERATIONS_PARTNER says otherwise.
 */
export function persistedPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): PersistedPolicy {
  const mode = modeOf(env.PERSISTED_OPERATIONS, 'PERSISTED_OPERATIONS') ?? 'allow';
  const byRole: Partial<Record<Role, PersistedMode>> = isProduction(env) ? { partner: 'require' } : {};
  for (const role of ROLES) {
    const variable = `PERSISTED_OPERATIONS_${role.toUpperCase()}`;
    const own = modeOf(env[variable], variable);
    if (own) byRole[role] = own;
  }
  return { mode, byRole };
}

const refusal = (code: string, message: string) => new GraphQLError(message, { extensions: { code, http: { status: 400 } } });

interface PersistedQuery { readonly sha256Hash: string }

/** extensions.persistedQuery, checked: version 1 and a sha256 in hex; undefined when the request has none. */
function persistedQueryOf(extensions: unknown): PersistedQuery | undefined {
  const given = (extensions as { persistedQuery?: unknown } | null | undefined)?.persistedQuery;
  if (given === undefined) return undefined;
  const { version, sha256Hash } = (given ?? {}) as { version?: unknown; sha256Hash?: unknown };
  if (version !== 1 || typeof sha256Hash !== 'string' || !/^[0-9a-f]{64}$/.test(sha256Hash)) {
    throw refusal('BAD_REQUEST', 'extensions.persistedQuery must be { version: 1, sha256Hash: <64 hex digits> }');
  }
  return { sha256Hash };
}

export interface PersistedOperationsOptions {
  readonly manifest: PersistedManifest;
  readonly policy: PersistedPolicy;
  /** Who is asking (the token was verified by useAuth before): its role picks the mode. */
  readonly authenticator: Authenticator;
  /** Bytes of automatic persisted queries kept, keys and bookkeeping counted (least recently used go first); default 16 MiB. */
  readonly cacheBytes?: number;
  /**
   * In require mode, the manifest's clients (clientName: its folder) a role may run; a role not named may run them
   * all. Default: a partner system only what was agreed with partners (partners/), not the explorer's or dashboard's.
   */
  readonly clientsOf?: Partial<Record<Role, readonly string[]>>;
}

/** What one automatic persisted query costs the cache: its text (UTF-16), its key, and the cache's own entry. */
const entryBytes = (query: string) => 2 * query.length + 2 * 64 + 200;
const MAX_AUTOMATIC_ENTRIES = 10_000;

/**
 * Persisted operations, over every transport: an operation by its id in the manifest (extensions.persistedQuery,
 * with no query), automatic persisted queries (a hash and its query registers it, the hash alone then runs it), and,
 * per role, require: only the manifest's operations written for that role's clients run (by id, or their exact
 * text), anything else is refused with PERSISTED_QUERY_NOT_IN_LIST. An unknown id is PERSISTED_QUERY_NOT_FOUND, as Apollo clients expect (they then send
 * the query with its hash).
 */
export function usePersistedOperations(options: PersistedOperationsOptions): ServicePlugin {
  const listed = new Map<string, PersistedOperation>(options.manifest.operations.map((o) => [o.id, o]));
  // One cache for every caller, bounded in bytes and entries: a caller who fills it only evicts documents that
  // clients register again (their next request by hash is answered PERSISTED_QUERY_NOT_FOUND, and they resend).
  const automatic = new LRUCache<string, string>({
    max: MAX_AUTOMATIC_ENTRIES, maxSize: options.cacheBytes ?? 16 * 1024 * 1024, sizeCalculation: entryBytes,
  });
  const clientsOf = options.clientsOf ?? { partner: ['partners'] };
  const modeFor = (role: Role) => options.policy.byRole[role] ?? options.policy.mode;
  /** The manifest's operation with this id, if this role may run it in require mode. */
  const agreed = (id: string, role: Role) => {
    const operation = listed.get(id);
    const clients = clientsOf[role];
    return operation && (!clients || (operation.clientName !== undefined && clients.includes(operation.clientName))) ? operation : undefined;
  };
  const notInList = () => refusal('PERSISTED_QUERY_NOT_IN_LIST', 'This caller may run only the operations agreed with it: send one of the manifest\'s ids');
  return {
    name: 'persisted-operations',
    async resolveDocument({ headers, query, extensions }) {
      const persisted = persistedQueryOf(extensions);
      const actor = await options.authenticator.actorFrom(headers.authorization);
      // The webhooks worker, for the webhook's owner: a document checked when the webhook was registered.
      if (!persisted && isDelegated(actor)) return undefined;
      const mode = modeFor(actor.role);
      if (!persisted) {
        if (mode !== 'require' || (query !== undefined && agreed(documentId(query), actor.role))) return undefined;
        throw notInList();
      }
      if (mode === 'off') throw refusal('PERSISTED_QUERY_NOT_SUPPORTED', 'Operations by id are off here: send the query');
      const { sha256Hash } = persisted;
      if (mode === 'require') {
        const operation = agreed(sha256Hash, actor.role);
        if (!operation) throw listed.has(sha256Hash) || query ? notInList() : refusal('PERSISTED_QUERY_NOT_FOUND', 'PersistedQueryNotFound');
        if (query && query !== operation.body) throw refusal('BAD_REQUEST', 'The query\'s sha256 is not the sha256Hash sent with it');
        return operation.body;
      }
      if (query) {
        if (documentId(query) !== sha256Hash) throw refusal('BAD_REQUEST', 'The query\'s sha256 is not the sha256Hash sent with it');
        if (!listed.has(sha256Hash)) automatic.set(sha256Hash, query);
        return query;
      }
      const document = listed.get(sha256Hash)?.body ?? (mode === 'allow' ? automatic.get(sha256Hash) : undefined);
      if (document === undefined) throw refusal('PERSISTED_QUERY_NOT_FOUND', 'PersistedQueryNotFound');
      return document;
    },
  };
}
