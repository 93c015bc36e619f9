import { IsNull } from 'typeorm';
import { CapacityRecordRow, PortRow, RouteRow, TerminalCargoClassRow, TerminalRow, TerminalStepRow } from '../../db';
import {
  badInput, conflict, locode, parseInput, recordId, type Actor, type ProvinceRegistry, type TerminalStage,
} from '@yrd/domain';
import {
  capacityRecordInput, portRegistration, portUpdateInput, retirement, routeInput, terminalAdvance, terminalRegistration,
  terminalUpdate,
} from '../../records/inputSchemas';
import { provenanceColumns, provenanceOf } from '../../records/provenance';
import {
  auditText, checkVersion, fieldChanges, newId, updateVersioned, versionArg, type WriteResult, type WriteRunner, type WriteScope,
} from './WriteRunner';

type Args = Record<string, unknown>;

/** Which stages may follow which: the opening workflow of DOMAIN.md. */
const NEXT_STAGES: Record<TerminalStage, readonly TerminalStage[]> = {
  PREPARATION: ['APPLICATION_FILED'],
  APPLICATION_FILED: ['ACCEPTANCE_INSPECTION', 'APPLICATION_REJECTED', 'APPLICATION_WITHDRAWN'],
  APPLICATION_REJECTED: ['APPLICATION_FILED'],
  APPLICATION_WITHDRAWN: ['APPLICATION_FILED'],
  ACCEPTANCE_INSPECTION: ['START_OF_USE', 'TEMPORARILY_OPENED', 'OPENED', 'APPLICATION_REJECTED'],
  START_OF_USE: ['TEMPORARILY_OPENED', 'OPENED'],
  TEMPORARILY_OPENED: ['OPENED'],
  OPENED: [],
};

/** The most steps a terminal's workflow keeps (a rejected or withdrawn application is filed again), as the schema states. */
const MAX_STEPS = 50;


/**
 * The office's writes of ports, terminals, capacity records and routes. Each validates all its input before it
 * touches the database, and returns the key of the record it wrote and its change's position; the resolver then
 * reads that record back.
 */
export class PortWriter {
  constructor(private readonly runner: WriteRunner, private readonly registry: ProvinceRegistry, readonly province: string) {}

  /** One of this province's ports; with its clearance period (a column read only where asked) if `withClearance`. */
  private async ownPort(scope: WriteScope, code: string, field: string, withClearance = false): Promise<PortRow> {
    const query = scope.tx.getRepository(PortRow).createQueryBuilder('p').where('p.code = :code', { code });
    const port = await (withClearance ? query.addSelect('p.clearancePeriod') : query).getOne();
    if (port) return port;
    const owner = this.registry.provinceOfPort(code);
    throw badInput(field, owner && owner !== this.province
      ? `${code} is published by ${owner}, not ${this.province}`
      : `${this.province} publishes no port ${code}`);
  }

  /** One of this province's ports in service: a terminal is registered on it, a port area under it. */
  private async portInService(scope: WriteScope, code: string, field: string): Promise<PortRow> {
    const port = await this.ownPort(scope, code, field);
    if (port.retiredOn) throw badInput(field, `port ${code} was retired on ${port.retiredOn}`);
    return port;
  }

  registerPort(actor: Actor, args: Args): Promise<WriteResult> {
    return this.runner.run(actor, 'registerPort', args, async (scope) => {
      const input = parseInput(portRegistration, args.input, 'input');
      const owner = this.registry.provinceOfPort(input.code);
      if (owner !== this.province) {
        throw badInput('input.code', owner ? `${input.code} is administered by ${owner}, not ${this.province}`
          : `${input.code} is not a port of ${this.province} in the UN/LOCODE directory`);
      }
      if (await scope.tx.findOneBy(PortRow, { code: input.code })) throw badInput('input.code', `${input.code} is registered already`);
      if (input.parentCode) await this.portInService(scope, input.parentCode, 'input.parentCode');
      const row = {
        code: input.code, kind: input.kind, nameZh: input.nameZh, nameEn: input.nameEn, city: input.city,
        customsDistrict: input.customsDistrict ?? null, parentCode: input.parentCode ?? null, openingStatus: input.openingStatus,
        clearance24x7: false, clearanceOnHolidays: false, eportConnection: 'NOT_CONNECTED' as const,
        iata: input.iata ?? null, icao: input.icao ?? null, commercialAlias: input.commercialAlias ?? null,
        provenance: provenanceOf(input.provenance, scope.now),
      };
      await scope.tx.insert(PortRow, {
        ...row, importClearanceHours: null, exportClearanceHours: null, clearancePeriod: null, retiredOn: null,
        retiredReason: null, version: 1, updatedAt: scope.now,
      });
      await scope.record({ entity: 'Port', id: input.code, kind: 'CREATED', changes: fieldChanges(null, row) });
      return input.code;
    });
  }

  registerTerminal(actor: Actor, args: Args): Promise<WriteResult> {
    return this.runner.run(actor, 'registerTerminal', args, async (scope) => {
      const input = parseInput(terminalRegistration, args.input, 'input');
      await this.portInService(scope, input.portCode, 'input.portCode');
      // A terminal's id starts with its port's code, so that no two provinces' terminals share one.
      const id = input.id ?? newId(input.portCode);
      if (!id.startsWith(`${input.portCode}-`)) throw badInput('input.id', `must start with its port's code and a hyphen (${input.portCode}-...)`);
      if (await scope.tx.findOneBy(TerminalRow, { id })) throw badInput('input.id', `terminal ${id} is registered already`);
      const row = {
        portCode: input.portCode, nameZh: input.nameZh, name: input.nameEn, operator: input.operator, berths: input.berths,
        designCapacity: input.designCapacity, capacityUnit: input.capacityUnit, stage: 'PREPARATION' as const,
        provenance: provenanceOf(input.provenance, scope.now),
      };
      await scope.tx.insert(TerminalRow, { id, ...row, retiredOn: null, retiredReason: null, version: 1, updatedAt: scope.now });
      for (const cargoClass of input.cargoClasses) await scope.tx.insert(TerminalCargoClassRow, { terminalId: id, cargoClass });
      const step = { seq: 1, stage: 'PREPARATION' as const, on: input.preparationOn, note: null };
      await scope.tx.insert(TerminalStepRow, { terminalId: id, seq: 1, stage: step.stage, onDate: step.on, note: null });
      const { name: nameEn, ...rest } = row;
      await scope.record({ entity: 'Terminal', id, kind: 'CREATED', changes: fieldChanges(null, {
        ...rest, nameEn, cargoClasses: input.cargoClasses, steps: [step],
      }) });
      return id;
    });
  }

  updateTerminal(actor: Actor, args: Args): Promise<WriteResult> {
    return this.runner.run(actor, 'updateTerminal', args, async (scope) => {
      const { id, input } = parseInput(terminalUpdate, { id: args.id, input: args.input }, '');
      const expected = versionArg(args, true);
      const terminal = await this.terminalInService(scope, id);
      checkVersion(terminal.version, expected, `terminal ${id}`);
      const { cargoClasses, nameEn, provenance: given, ...rest } = input;
      const fields = { ...rest, provenance: given && provenanceColumns(given) };
      const patch = Object.fromEntries(Object.entries({ ...fields, name: nameEn }).filter(([, v]) => v !== undefined)) as Partial<TerminalRow>;
      const changes = fieldChanges({ ...terminal, nameEn: terminal.name }, { ...fields, nameEn });
      if (cargoClasses) {
        const before = (await scope.tx.find(TerminalCargoClassRow, { where: { terminalId: id } })).map((c) => c.cargoClass).sort();
        if (auditText(before) !== auditText([...cargoClasses].sort())) {
          await scope.tx.delete(TerminalCargoClassRow, { terminalId: id });
          for (const cargoClass of cargoClasses) await scope.tx.insert(TerminalCargoClassRow, { terminalId: id, cargoClass });
          changes.push({ field: 'cargoClasses', oldValue: auditText(before), newValue: auditText(cargoClasses) });
        }
      }
      await updateVersioned(scope, TerminalRow, { id }, terminal, patch, `terminal ${id}`);
      await scope.record({ entity: 'Terminal', id, kind: 'UPDATED', changes });
      return id;
    });
  }

  retirePort(actor: Actor, args: Args): Promise<WriteResult> {
    return this.runner.run(actor, 'retirePort', args, async (scope) => {
      const code = parseInput(locode, args.code, 'code');
      const { on, reason } = parseInput(retirement, { on: args.on, reason: args.reason }, '');
      const expected = versionArg(args, true);
      const port = await this.portInService(scope, code, 'code');
      const terminals = await scope.tx.countBy(TerminalRow, { portCode: code, retiredOn: IsNull() });
      if (terminals) throw badInput('code', `port ${code} has ${terminals} terminals in service: retire them first`);
      const areas = await scope.tx.countBy(PortRow, { parentCode: code, retiredOn: IsNull() });
      if (areas) throw badInput('code', `port ${code} has ${areas} port areas in service: retire them first`);
      checkVersion(port.version, expected, `port ${code}`);
      const patch = { retiredOn: on, retiredReason: reason };
      await updateVersioned(scope, PortRow, { code }, port, patch, `port ${code}`);
      await scope.record({ entity: 'Port', id: code, kind: 'UPDATED', changes: fieldChanges(port, patch) });
      return code;
    });
  }

  retireTerminal(actor: Actor, args: Args): Promise<WriteResult> {
    return this.runner.run(actor, 'retireTerminal', args, async (scope) => {
      const id = parseInput(recordId, args.id, 'id');
      const { on, reason } = parseInput(retirement, { on: args.on, reason: args.reason }, '');
      const expected = versionArg(args, true);
      const terminal = await this.terminalInService(scope, id);
      checkVersion(terminal.version, expected, `terminal ${id}`);
      const patch = { retiredOn: on, retiredReason: reason };
      await updateVersioned(scope, TerminalRow, { id }, terminal, patch, `terminal ${id}`);
      await scope.record({ entity: 'Terminal', id, kind: 'UPDATED', changes: fieldChanges(terminal, patch) });
      return id;
    });
  }

  /** One of this province's terminals that is not retired; `field` names the argument that gave its id. */
  private async terminalInService(scope: WriteScope, id: string, field = 'id'): Promise<TerminalRow> {
    const terminal = await scope.tx.findOneBy(TerminalRow, { id });
    if (!terminal) throw badInput(field, `${this.province} has no terminal ${id}`);
    if (terminal.retiredOn) throw badInput(field, `terminal ${id} was retired on ${terminal.retiredOn}`);
    return terminal;
  }

  updatePort(actor: Actor, args: Args): Promise<WriteResult> {
    return this.runner.run(actor, 'updatePort', args, async (scope) => {
      const code = parseInput(locode, args.code, 'code');
      const { provenance: given, ...fields } = parseInput(portUpdateInput, args.input, 'input');
      const patch = { ...fields, provenance: given && provenanceColumns(given) };
      const expected = versionArg(args, true);
      const port = await this.ownPort(scope, code, 'code');
      checkVersion(port.version, expected, `port ${code}`);
      const changes = fieldChanges(port, patch);
      await updateVersioned(scope, PortRow, { code }, port, patch, `port ${code}`);
      await scope.record({ entity: 'Port', id: code, kind: 'UPDATED', changes });
      return code;
    });
  }

  recordClearanceCapacity(actor: Actor, args: Args): Promise<WriteResult> {
    return this.runner.run(actor, 'recordClearanceCapacity', args, async (scope) => {
      const input = parseInput(capacityRecordInput, args.input, 'input');
      const expected = versionArg(args, false);
      const port = await this.ownPort(scope, input.portCode, 'input.portCode', true);
      const id = `${input.portCode}:${input.agency}:${input.period}`;
      const values = {
        throughputTeu: input.throughputTeu ?? null, throughputTonnes: input.throughputTonnes ?? null,
        flights: input.flights ?? null, passengers: input.passengers ?? null,
        importClearanceHours: input.importClearanceHours ?? null, exportClearanceHours: input.exportClearanceHours ?? null,
        clearance24x7: input.clearance24x7, provenance: provenanceOf(input.provenance, scope.now),
      };
      const existing = await scope.tx.findOneBy(CapacityRecordRow, { id });
      if (existing) {
        checkVersion(existing.version, expected, `capacity record ${id}`);
        const changes = fieldChanges(existing, values);
        await updateVersioned(scope, CapacityRecordRow, { id }, existing, values, `capacity record ${id}`);
        await scope.record({ entity: 'CapacityRecord', id, kind: 'UPDATED', changes });
      } else {
        if (expected != null) throw conflict(`capacity record ${id} does not exist yet; omit expectedVersion to create it`);
        await scope.tx.insert(CapacityRecordRow, {
          id, portCode: input.portCode, agency: input.agency, period: input.period, ...values, version: 1,
          updatedAt: scope.now,
        });
        await scope.record({ entity: 'CapacityRecord', id, kind: 'CREATED', changes: fieldChanges(null, values) });
      }
      // The port keeps its latest customs clearance hours, for indexed filters and sorts.
      if (input.agency === 'CUSTOMS' && (port.clearancePeriod === null || input.period >= port.clearancePeriod)) {
        await scope.tx.update(PortRow, { code: port.code }, {
          importClearanceHours: values.importClearanceHours, exportClearanceHours: values.exportClearanceHours,
          clearancePeriod: input.period,
        });
      }
      return id;
    });
  }

  upsertRoute(actor: Actor, args: Args): Promise<WriteResult> {
    return this.runner.run(actor, 'upsertRoute', args, async (scope) => {
      const input = parseInput(routeInput, args.input, 'input');
      const expected = versionArg(args, false);
      await this.ownPort(scope, input.originPortCode, 'input.originPortCode');
      if (!this.registry.portRef(input.destinationPortCode)) {
        throw badInput('input.destinationPortCode', `${input.destinationPortCode} is not a port in the region's directory or its foreign port list`);
      }
      const { id: givenId, ...values } = input;
      const row = { ...values, openedOn: values.openedOn ?? null, provenance: provenanceOf(values.provenance, scope.now) };
      const existing = givenId ? await scope.tx.findOneBy(RouteRow, { id: givenId }) : null;
      if (existing) {
        checkVersion(existing.version, expected, `route ${existing.id}`);
        const changes = fieldChanges(existing, row);
        await updateVersioned(scope, RouteRow, { id: existing.id }, existing, row, `route ${existing.id}`);
        await scope.record({ entity: 'Route', id: existing.id, kind: 'UPDATED', changes });
        return existing.id;
      }
      if (expected != null) throw conflict(`route ${givenId ?? '(new)'} does not exist yet; omit expectedVersion to open it`);
      const id = givenId ?? newId(`${input.originPortCode}-${input.destinationPortCode}`);
      await scope.tx.insert(RouteRow, { id, ...row, version: 1, updatedAt: scope.now });
      await scope.record({ entity: 'Route', id, kind: 'CREATED', changes: fieldChanges(null, row) });
      return id;
    });
  }

  advanceTerminalOpening(actor: Actor, args: Args): Promise<WriteResult> {
    return this.runner.run(actor, 'advanceTerminalOpening', args, async (scope) => {
      const input = parseInput(terminalAdvance, {
        terminalId: args.terminalId, stage: args.stage, on: args.on, note: args.note,
      }, '');
      const expected = versionArg(args, true);
      const terminal = await this.terminalInService(scope, input.terminalId, 'terminalId');
      checkVersion(terminal.version, expected, `terminal ${terminal.id}`);
      if (!NEXT_STAGES[terminal.stage].includes(input.stage)) {
        const allowed = NEXT_STAGES[terminal.stage];
        throw badInput('stage', `a terminal at ${terminal.stage} can move to ${allowed.length ? allowed.join(' or ') : 'no further stage'}, not ${input.stage}`);
      }
      const steps = await scope.tx.find(TerminalStepRow, { where: { terminalId: terminal.id }, order: { seq: 'DESC' } });
      if (steps.length >= MAX_STEPS) throw badInput('stage', `terminal ${terminal.id} has ${MAX_STEPS} steps already`);
      const last = steps[0];
      if (last && input.on < last.onDate) throw badInput('on', `must not be before the previous step (${last.onDate})`);
      const step = { seq: (last?.seq ?? 0) + 1, stage: input.stage, on: input.on, note: input.note ?? null };
      await scope.tx.insert(TerminalStepRow, {
        terminalId: terminal.id, seq: step.seq, stage: step.stage, onDate: step.on, note: step.note,
      });
      await updateVersioned(scope, TerminalRow, { id: terminal.id }, terminal, { stage: input.stage }, `terminal ${terminal.id}`);
      await scope.record({ entity: 'Terminal', id: terminal.id, kind: 'UPDATED', changes: [
        { field: 'stage', oldValue: terminal.stage, newValue: input.stage },
        { field: 'steps', oldValue: null, newValue: auditText(step) },
      ] });
      return terminal.id;
    });
  }
}
