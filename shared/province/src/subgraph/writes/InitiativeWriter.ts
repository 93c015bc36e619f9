import { badInput, commitmentId, conflict, parseInput, type Actor, type ProvinceRegistry } from '@yrd/domain';
import { CommitmentRow, InitiativeRow, MilestoneRow } from '../../db';
import type { PeerProvinces } from '../PeerProvinces';
import {
  MAX_MILESTONES, commitmentInput, commitmentRelease, commitmentWithdrawal, initiativeCancellation, initiativeInput,
  initiativeUpdate, milestoneAddition, milestoneCompletion, milestoneRescheduling, partnerChange,
} from '../../records/inputSchemas';
import { provenanceColumns, provenanceOf } from '../../records/provenance';
import {
  auditText, checkVersion, fieldChanges, newId, updateVersioned, versionArg, type WriteResult, type WriteRunner, type WriteScope,
} from './WriteRunner';

type Args = Record<string, unknown>;

/**
 * The office's writes of joint initiatives (as their lead) and commitments (as a partner): PROPOSED -> ACTIVE ->
 * COMPLETED, or CANCELLED with a reason; a closed initiative changes no more.
 */
export class InitiativeWriter {
  /** `peers` answers for the lead province before a commitment to its initiative. */
  constructor(
    private readonly runner: WriteRunner, private readonly registry: ProvinceRegistry, readonly province: string,
    private readonly peers: PeerProvinces,
  ) {}

  proposeInitiative(actor: Actor, args: Args): Promise<WriteResult> {
    return this.runner.run(actor, 'proposeInitiative', args, async (scope) => {
      const input = parseInput(initiativeInput, args.input, 'input');
      this.checkPartners(input.partners, 'input.partners');
      input.milestones.forEach((m, i) => {
        if (m.due < input.startOn) throw badInput(`input.milestones.${i}.due`, `must not be before startOn (${input.startOn})`);
      });
      const id = input.id ?? newId(this.registry.provinces.find((p) => p.code === this.province)?.subdivision ?? 'I');
      if (await scope.tx.findOneBy(InitiativeRow, { id })) throw conflict(`initiative ${id} already exists`);
      const provenance = provenanceOf(input.provenance, scope.now);
      await scope.tx.insert(InitiativeRow, {
        id, title: input.title, titleZh: input.titleZh ?? null, description: input.description ?? null, category: input.category,
        status: 'PROPOSED', partners: input.partners.join(','), startOn: input.startOn, provenance, version: 1, updatedAt: scope.now,
      });
      for (const [i, m] of input.milestones.entries()) {
        await scope.tx.insert(MilestoneRow, {
          initiativeId: id, seq: i + 1, title: m.title, due: m.due, doneOn: null, doneOnEstimated: false, responsibleUnit: m.responsibleUnit,
        });
      }
      await scope.record({
        entity: 'Initiative', id, kind: 'CREATED', changes: fieldChanges(null, {
          title: input.title, titleZh: input.titleZh, description: input.description, category: input.category,
          partners: input.partners, startOn: input.startOn,
          milestones: input.milestones.map((m, i) => ({ seq: i + 1, ...m })), provenance,
        }),
      });
      return id;
    });
  }

  /**
   * One of this province's initiatives at the version the caller read, still open to changes (not COMPLETED or
   * CANCELLED), with its milestones.
   */
  private async openInitiative(scope: WriteScope, id: string, args: Args): Promise<{ initiative: InitiativeRow; milestones: MilestoneRow[] }> {
    const expected = versionArg(args, true);
    const initiative = await scope.tx.findOneBy(InitiativeRow, { id });
    if (!initiative) throw badInput('initiativeId', `${this.province} leads no initiative ${id}`);
    // Closed whatever version the caller read: reloading would not help.
    if (initiative.status === 'COMPLETED' || initiative.status === 'CANCELLED') {
      throw badInput('initiativeId', `initiative ${id} is ${initiative.status} and can no longer change`);
    }
    checkVersion(initiative.version, expected, `initiative ${initiative.id}`);
    const milestones = await scope.tx.find(MilestoneRow, { where: { initiativeId: initiative.id }, order: { seq: 'ASC' } });
    return { initiative, milestones };
  }

  completeMilestone(actor: Actor, args: Args): Promise<WriteResult> {
    return this.runner.run(actor, 'completeMilestone', args, async (scope) => {
      const input = parseInput(milestoneCompletion, {
        initiativeId: args.initiativeId, seq: args.seq, doneOn: args.doneOn,
      }, '');
      const { initiative, milestones } = await this.openInitiative(scope, input.initiativeId, args);
      const milestone = milestones.find((m) => m.seq === input.seq);
      if (!milestone) throw badInput('seq', `initiative ${initiative.id} has no milestone ${input.seq}`);
      if (milestone.doneOn) throw conflict(`milestone ${input.seq} was already completed on ${milestone.doneOn}`);
      if (input.doneOn < initiative.startOn) throw badInput('doneOn', `must not be before the start (${initiative.startOn})`);
      await scope.tx.update(MilestoneRow, { initiativeId: initiative.id, seq: input.seq }, { doneOn: input.doneOn, doneOnEstimated: false });
      const allDone = milestones.every((m) => m.seq === input.seq || m.doneOn);
      const patch: Partial<InitiativeRow> = allDone ? { status: 'COMPLETED' }
        : initiative.status === 'PROPOSED' ? { status: 'ACTIVE' } : {};
      await updateVersioned(scope, InitiativeRow, { id: initiative.id }, initiative, patch, `initiative ${initiative.id}`);
      await scope.record({ entity: 'Initiative', id: initiative.id, kind: 'UPDATED', changes: [
        { field: 'milestones', oldValue: auditText({ seq: input.seq, doneOn: null }), newValue: auditText({ seq: input.seq, doneOn: input.doneOn }) },
        ...fieldChanges(initiative, patch),
      ] });
      return initiative.id;
    });
  }

  updateInitiative(actor: Actor, args: Args): Promise<WriteResult> {
    return this.runner.run(actor, 'updateInitiative', args, async (scope) => {
      const { initiativeId, input } = parseInput(initiativeUpdate, { initiativeId: args.initiativeId, input: args.input }, '');
      const { initiative } = await this.openInitiative(scope, initiativeId, args);
      const { provenance: given, ...fields } = input;
      const patch = Object.fromEntries(Object.entries({ ...fields, provenance: given && provenanceColumns(given) })
        .filter(([, v]) => v !== undefined)) as Partial<InitiativeRow>;
      const changes = fieldChanges(initiative, patch);
      await updateVersioned(scope, InitiativeRow, { id: initiativeId }, initiative, patch, `initiative ${initiativeId}`);
      await scope.record({ entity: 'Initiative', id: initiativeId, kind: 'UPDATED', changes });
      return initiativeId;
    });
  }

  /** The partner provinces of `partners`, checked: provinces of the region, not the lead, none twice. */
  private checkPartners(partners: readonly string[], field: string): void {
    partners.forEach((p, i) => {
      if (!this.registry.isProvince(p)) throw badInput(`${field}.${i}`, `${p} is not a province of the region`);
      if (p === this.province) throw badInput(`${field}.${i}`, 'the lead province is not its own partner');
    });
  }

  /**
   * Names the partners of one of its open initiatives. An added partner may then commit; a removed one no longer, and
   * its commitment is released (releaseRemovedCommitments, after this commits).
   */
  setPartners(actor: Actor, args: Args): Promise<WriteResult> {
    return this.runner.run(actor, 'setPartners', args, async (scope) => {
      const input = parseInput(partnerChange, { initiativeId: args.initiativeId, partners: args.partners }, '');
      this.checkPartners(input.partners, 'partners');
      const { initiative } = await this.openInitiative(scope, input.initiativeId, args);
      const before = initiative.partners.split(',').filter(Boolean);
      if (auditText(before) === auditText(input.partners)) throw badInput('partners', 'are the partners already');
      await updateVersioned(scope, InitiativeRow, { id: initiative.id }, initiative, { partners: input.partners.join(',') },
        `initiative ${initiative.id}`);
      await scope.record({ entity: 'Initiative', id: initiative.id, kind: 'UPDATED', changes: [
        { field: 'partners', oldValue: auditText(before), newValue: auditText(input.partners) },
      ] });
      return initiative.id;
    });
  }

  /**
   * Asks every province the initiative no longer names to release its live commitment to it, and answers the ones that
   * could not be asked now (setPartners again retries them): the partner checks with this province that it was removed.
   */
  async releaseRemovedCommitments(initiativeId: string, authorization: string | undefined): Promise<string[]> {
    const initiative = await this.runner.dataSource.manager.findOneBy(InitiativeRow, { id: initiativeId });
    const partners = initiative?.partners.split(',') ?? [];
    const removed = this.registry.codes.filter((p) => p !== this.province && !partners.includes(p));
    const unreached: string[] = [];
    for (const partner of removed) {
      try {
        const live = await this.peers.liveCommitments(partner, [commitmentId(this.province, initiativeId, partner)], authorization);
        if (live.size) await this.peers.releaseCommitment(partner, this.province, initiativeId, authorization);
      } catch {
        unreached.push(partner);
      }
    }
    return unreached;
  }

  /**
   * Marks this province's commitment to a lead's initiative withdrawn, at the lead office's request, once the lead
   * (asked here, not believed) names this province a partner no more.
   */
  async releaseCommitment(actor: Actor, args: Args, authorization?: string): Promise<WriteResult> {
    const input = parseInput(commitmentRelease, { initiativeId: args.initiativeId, lead: args.lead }, '');
    if (!this.registry.isProvince(input.lead) || input.lead === this.province) throw badInput('lead', `${input.lead} is not another province of the region`);
    this.runner.authorize(actor, input.lead);
    if (await this.peers.isPartner(input.lead, input.initiativeId, this.province, authorization)) {
      throw badInput('initiativeId', `${this.province} is still a partner of ${input.lead}'s initiative ${input.initiativeId}`);
    }
    return this.runner.run(actor, 'releaseCommitment', args, async (scope) => {
      const id = commitmentId(input.lead, input.initiativeId, this.province);
      const existing = await scope.tx.findOneBy(CommitmentRow, { id });
      if (!existing) throw badInput('initiativeId', `${this.province} has no commitment to ${input.lead}'s initiative ${input.initiativeId}`);
      if (existing.status === 'WITHDRAWN' || existing.status === 'DELIVERED') return id;
      const patch: Partial<CommitmentRow> = { status: 'WITHDRAWN' };
      await updateVersioned(scope, CommitmentRow, { id }, existing, patch, `commitment ${id}`);
      await scope.record({ entity: 'Commitment', id, kind: 'UPDATED', changes: [
        ...fieldChanges(existing, patch), { field: 'statusReason', oldValue: null, newValue: `${input.lead} removed ${this.province} from the partners` },
      ] });
      return id;
    }, input.lead);
  }

  addMilestone(actor: Actor, args: Args): Promise<WriteResult> {
    return this.runner.run(actor, 'addMilestone', args, async (scope) => {
      const { initiativeId, input } = parseInput(milestoneAddition, { initiativeId: args.initiativeId, input: args.input }, '');
      const { initiative, milestones } = await this.openInitiative(scope, initiativeId, args);
      if (milestones.length >= MAX_MILESTONES) throw badInput('input', `initiative ${initiativeId} has ${MAX_MILESTONES} milestones already`);
      if (input.due < initiative.startOn) throw badInput('input.due', `must not be before startOn (${initiative.startOn})`);
      const added = { seq: (milestones.at(-1)?.seq ?? 0) + 1, ...input };
      await scope.tx.insert(MilestoneRow, { initiativeId, ...added, doneOn: null, doneOnEstimated: false });
      // The initiative's version moves with every change to its milestones.
      await updateVersioned(scope, InitiativeRow, { id: initiativeId }, initiative, {}, `initiative ${initiativeId}`);
      await scope.record({ entity: 'Initiative', id: initiativeId, kind: 'UPDATED', changes: [
        { field: 'milestones', oldValue: null, newValue: auditText(added) },
      ] });
      return initiativeId;
    });
  }

  rescheduleMilestone(actor: Actor, args: Args): Promise<WriteResult> {
    return this.runner.run(actor, 'rescheduleMilestone', args, async (scope) => {
      const input = parseInput(milestoneRescheduling, {
        initiativeId: args.initiativeId, seq: args.seq, due: args.due, reason: args.reason,
      }, '');
      const { initiative, milestones } = await this.openInitiative(scope, input.initiativeId, args);
      const milestone = milestones.find((m) => m.seq === input.seq);
      if (!milestone) throw badInput('seq', `initiative ${initiative.id} has no milestone ${input.seq}`);
      if (milestone.doneOn) throw badInput('seq', `milestone ${input.seq} was done on ${milestone.doneOn}: a done milestone keeps its date`);
      if (input.due === milestone.due) throw badInput('due', `is the milestone's due date already (${milestone.due})`);
      if (input.due < initiative.startOn) throw badInput('due', `must not be before startOn (${initiative.startOn})`);
      await scope.tx.update(MilestoneRow, { initiativeId: initiative.id, seq: input.seq }, { due: input.due });
      await updateVersioned(scope, InitiativeRow, { id: initiative.id }, initiative, {}, `initiative ${initiative.id}`);
      // The earlier due date and the reason stay in the audit trail.
      await scope.record({ entity: 'Initiative', id: initiative.id, kind: 'UPDATED', changes: [{
        field: 'milestones', oldValue: auditText({ seq: input.seq, due: milestone.due }),
        newValue: auditText({ seq: input.seq, due: input.due, reason: input.reason }),
      }] });
      return initiative.id;
    });
  }

  cancelInitiative(actor: Actor, args: Args): Promise<WriteResult> {
    return this.runner.run(actor, 'cancelInitiative', args, async (scope) => {
      const input = parseInput(initiativeCancellation, { initiativeId: args.initiativeId, reason: args.reason }, '');
      const { initiative } = await this.openInitiative(scope, input.initiativeId, args);
      const patch: Partial<InitiativeRow> = { status: 'CANCELLED', statusReason: input.reason };
      await updateVersioned(scope, InitiativeRow, { id: initiative.id }, initiative, patch, `initiative ${initiative.id}`);
      await scope.record({ entity: 'Initiative', id: initiative.id, kind: 'UPDATED', changes: fieldChanges(initiative, patch) });
      return initiative.id;
    });
  }

  /** A partner withdraws its commitment, one not yet delivered; it stays listed, WITHDRAWN, with the reason in its history. */
  withdrawCommitment(actor: Actor, args: Args): Promise<WriteResult> {
    return this.runner.run(actor, 'withdrawCommitment', args, async (scope) => {
      const input = parseInput(commitmentWithdrawal, { initiativeId: args.initiativeId, lead: args.lead, reason: args.reason }, '');
      const expected = versionArg(args, true);
      const id = commitmentId(input.lead, input.initiativeId, this.province);
      const existing = await scope.tx.findOneBy(CommitmentRow, { id });
      if (!existing) {
        throw badInput('initiativeId', `${this.province} has no commitment to ${input.lead}'s initiative ${input.initiativeId}`);
      }
      checkVersion(existing.version, expected, `commitment ${id}`);
      if (existing.status === 'WITHDRAWN' || existing.status === 'DELIVERED') {
        throw badInput('initiativeId', `commitment ${id} is ${existing.status} and cannot be withdrawn`);
      }
      const patch: Partial<CommitmentRow> = { status: 'WITHDRAWN' };
      await updateVersioned(scope, CommitmentRow, { id }, existing, patch, `commitment ${id}`);
      await scope.record({ entity: 'Commitment', id, kind: 'UPDATED', changes: [
        ...fieldChanges(existing, patch), { field: 'statusReason', oldValue: null, newValue: input.reason },
      ] });
      return id;
    });
  }

  /** `authorization`: the caller's token, with which the lead province is asked about its initiative. */
  async commitToInitiative(actor: Actor, args: Args, authorization?: string): Promise<WriteResult> {
    // Checked before the lead is asked (outside the transaction: a network call must not hold the write queue). A retry
    // of a call that already committed is answered without asking the lead, which may be down.
    this.runner.authorize(actor);
    const earlier = await this.runner.previous(actor, 'commitToInitiative', args);
    if (earlier) return earlier;
    const checked = parseInput(commitmentInput, args.input, 'input');
    if (!this.registry.isProvince(checked.lead)) throw badInput('input.lead', `${checked.lead} is not a province of the region`);
    if (checked.lead === this.province) {
      throw badInput('input.lead', 'a province commits to other provinces\' initiatives; its own are its initiatives');
    }
    await this.peers.checkPartner(checked.lead, checked.initiativeId, this.province, authorization);
    return this.runner.run(actor, 'commitToInitiative', args, async (scope) => {
      const input = parseInput(commitmentInput, args.input, 'input');
      const expected = versionArg(args, false);
      const id = commitmentId(input.lead, input.initiativeId, this.province);
      const values = {
        initiativeId: input.initiativeId, leadProvince: input.lead, summary: input.summary,
        responsibleUnit: input.responsibleUnit, due: input.due ?? null, status: input.status,
        provenance: provenanceOf(input.provenance, scope.now),
      };
      const existing = await scope.tx.findOneBy(CommitmentRow, { id });
      if (existing) {
        checkVersion(existing.version, expected, `commitment ${id}`);
        const changes = fieldChanges(existing, values);
        await updateVersioned(scope, CommitmentRow, { id }, existing, values, `commitment ${id}`);
        await scope.record({ entity: 'Commitment', id, kind: 'UPDATED', changes });
      } else {
        if (expected != null) throw conflict(`commitment ${id} does not exist yet; omit expectedVersion to commit`);
        await scope.tx.insert(CommitmentRow, { id, ...values, version: 1, updatedAt: scope.now });
        await scope.record({ entity: 'Commitment', id, kind: 'CREATED', changes: fieldChanges(null, values) });
      }
      return id;
    });
  }
}
