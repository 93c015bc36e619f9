import { createHash, randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { recordingTables, type TablesTouched } from '@yrd/storage';
import { ChangeEventRow, IdempotencyRow, checkTablesWritten, constraintError } from '../../db';
import {
  badInput, conflict, isReadOnly, expectedVersion as expectedVersionRule, forbidden, idempotencyKey as idempotencyKeyRule, parseInput,
  unauthenticated, type Actor, type ChangeKind, type EntityKind, type WrittenChange,
} from '@yrd/domain';

/** One field a change touched, with its value before and after, as text (JSON for lists and objects). */
export interface FieldChange {
  readonly field: string;
  readonly oldValue: string | null;
  readonly newValue: string | null;
}

/** What one change writes to the outbox beside the record itself. */
export interface Change {
  entity: EntityKind;
  id: string;
  kind: ChangeKind;
  changes: readonly FieldChange[];
}

/**
 * What a write answers: the key of the record it wrote, the outbox position of its (last) change event, and every
 * change it made now (none for a retry answered from its idempotency record).
 */
export interface WriteResult {
  readonly key: string;
  readonly position: number;
  readonly changes: readonly WrittenChange[];
}

/** A write in progress: the transaction's entity manager, and the outbox to record each change in. */
export interface WriteScope {
  readonly tx: EntityManager;
  readonly now: string;
  record(change: Change): Promise<void>;
}

const stableJson = (value: unknown): string => JSON.stringify(value, (_k, v: unknown) =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
    : v);

/** What identifies a call for idempotency: the mutation and its arguments but the key. */
function requestHashOf(mutation: string, args: Record<string, unknown>): string {
  const { idempotencyKey: _ignored, ...rest } = args;
  return createHash('sha256').update(stableJson({ mutation, rest })).digest('hex');
}

/**
 * Runs every mutation of one province: checks the caller may write here, replays an idempotent retry, and commits
 * the record, its change event and the idempotency record in one transaction, so that nothing is half written.
 */
export class WriteRunner {
  // better-sqlite3 has one connection: TypeORM would interleave two transactions on it, so writes queue here.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly ds: DataSource, readonly province: string, private readonly committed: () => void = () => undefined) {}

  /** The province's database, for reads outside a write. */
  get dataSource(): DataSource {
    return this.ds;
  }

  /** Throws unless `actor` is an office of `province` (this runner's own, unless a write allows another). */
  authorize(actor: Actor, province = this.province): void {
    if (actor.subject === 'anonymous') throw unauthenticated('writing needs a province office token');
    if (actor.role !== 'office') throw forbidden(`a ${actor.role} may read but not write`);
    if (isReadOnly(actor)) throw forbidden('this token may read but not write (a webhook delivery\'s, or one issued read-only)');
    if (actor.province !== province) {
      throw forbidden(`the ${actor.province} office may not write ${this.province}'s records`);
    }
  }

  /** The result of an earlier call with this idempotency key and these arguments, if there was one. */
  async previous(actor: Actor, mutation: string, args: Record<string, unknown>): Promise<WriteResult | null> {
    const key = parseInput(idempotencyKeyRule, args.idempotencyKey, 'idempotencyKey');
    if (!key) return null;
    const seen = await this.ds.getRepository(IdempotencyRow).findOneBy({ actor: actor.subject, idempotencyKey: key });
    if (!seen) return null;
    if (seen.requestHash !== requestHashOf(mutation, args)) {
      throw badInput('idempotencyKey', 'was already used for a different mutation or different arguments');
    }
    const position = seen.changePosition ?? (await this.ds.getRepository(ChangeEventRow).findOneBy({
      entityId: seen.resultKey, actor: actor.subject, at: seen.createdAt,
    }))?.id ?? 0;
    return { key: seen.resultKey, position, changes: [] };
  }

  /**
   * Applies `work` once per idempotency key: a retry with the same key and arguments returns the first call's
   * result key without writing; the same key with other arguments is refused.
   */
  async run(
    actor: Actor, mutation: string, args: Record<string, unknown>, work: (scope: WriteScope) => Promise<string>,
    /** The office that may make this write, when it is not this province's own (a lead releasing a partner's commitment). */
    writer: string = this.province,
  ): Promise<WriteResult> {
    this.authorize(actor, writer);
    const key = parseInput(idempotencyKeyRule, args.idempotencyKey, 'idempotencyKey');
    const requestHash = requestHashOf(mutation, args);
    const replay = () => this.previous(actor, mutation, args);
    const task = this.queue.then(async () => {
      const earlier = await replay();
      if (earlier) return earlier;
      try {
        const touched: TablesTouched = { read: new Set(), written: new Set(), columnsWritten: new Map() };
        const result = await recordingTables(touched, () => this.ds.transaction(async (tx): Promise<WriteResult> => {
          const now = new Date().toISOString();
          let position = 0;
          const changes: WrittenChange[] = [];
          const scope: WriteScope = {
            tx, now,
            record: async (change) => {
              const inserted = await tx.insert(ChangeEventRow, {
                province: this.province, entity: change.entity, entityId: change.id, kind: change.kind, at: now,
                actor: actor.subject, changedFields: JSON.stringify(change.changes.map((c) => c.field)),
                fieldChanges: JSON.stringify(change.changes),
              });
              position = Number((inserted.identifiers[0] as { id: number }).id);
              changes.push({ position, entity: change.entity, id: change.id });
            },
          };
          const resultKey = await work(scope);
          if (key) {
            await tx.insert(IdempotencyRow, {
              actor: actor.subject, idempotencyKey: key, mutation, requestHash, resultKey, changePosition: position, createdAt: now,
            });
          }
          // Before the commit: a table its changes do not name would leave cached reads of it stale.
          checkTablesWritten(touched.written, changes.map((c) => c.entity), touched.columnsWritten);
          return { key: resultKey, position, changes };
        }));
        this.committed();
        return result;
      } catch (error) {
        // A concurrent retry with the same key won the race: answer with its result.
        const winner = await replay().catch(() => null);
        if (winner) return winner;
        throw constraintError(error) ?? error;
      }
    });
    this.queue = task.catch(() => undefined);
    return task;
  }
}

/** Throws CONFLICT unless the stored version is the one the caller based its change on. */
export function checkVersion(stored: number, expected: number | null | undefined, what: string): void {
  if (expected == null) throw conflict(`${what} already exists; send expectedVersion ${stored} to change it`, { currentVersion: stored });
  if (expected !== stored) {
    throw conflict(`${what} is at version ${stored}, not ${expected}: reload it and apply your change again`, {
      currentVersion: stored,
    });
  }
}

/** A value as the audit trail keeps it: text as it is, anything else as JSON, absent as null. */
export const auditText = (value: unknown): string | null =>
  (value == null ? null : typeof value === 'string' ? value : JSON.stringify(value));

/**
 * The fields of `patch` whose values differ from `current` (null for a record being created), each with its old and
 * new value.
 */
export function fieldChanges(current: object | null, patch: Record<string, unknown>): FieldChange[] {
  const before = (current ?? {}) as Record<string, unknown>;
  return Object.keys(patch)
    .filter((k) => patch[k] !== undefined && auditText(patch[k]) !== auditText(before[k]))
    .map((field) => ({ field, oldValue: auditText(before[field]), newValue: auditText(patch[field]) }));
}

/**
 * Updates one row only if it is still at `expected` and bumps its version: the guard against a concurrent writer
 * (another request or replica) that read the same version.
 */
export async function updateVersioned<T extends { version: number; updatedAt: string }>(
  scope: WriteScope, entity: new () => T, where: Partial<T>, current: T, patch: Partial<T>, what: string,
): Promise<void> {
  const result = await scope.tx.update(entity, { ...where, version: current.version } as never, {
    ...patch, version: current.version + 1, updatedAt: scope.now,
  } as never);
  if (result.affected !== 1) throw conflict(`${what} was changed by someone else meanwhile: reload it and try again`);
}

/** The expectedVersion argument, checked; null when it is optional and absent. */
export function versionArg(args: Record<string, unknown>, required: boolean): number | null {
  const value = args.expectedVersion;
  if (value == null && !required) return null;
  return parseInput(expectedVersionRule, value, 'expectedVersion');
}

/** A new record id: the prefix and eight hex digits. */
export const newId = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;
