import type { DataSource, EntityManager, ObjectLiteral, EntityTarget } from 'typeorm';
import {
  CapacityRecordRow, CommitmentRow, InitiativeRow, MilestoneRow, PortRow, RouteRow, TerminalCargoClassRow, TerminalRow,
  TerminalStepRow,
} from '../db';
import { commitmentId, parseInput, type ProvinceRegistry } from '@yrd/domain';
import { provenanceColumns } from '../records/provenance';
import { seedData, type SeedData, type SeedProvenance } from './SeedData';

const CHUNK = 200;

async function insertAll<T extends ObjectLiteral>(tx: EntityManager, entity: EntityTarget<T>, rows: T[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await tx.insert(entity, rows.slice(i, i + CHUNK) as never);
}

/** Checks references the schema alone cannot: every port a record names is the province's own or known. */
function checkReferences(seed: SeedData, province: string, registry: ProvinceRegistry): void {
  const own = new Set(seed.ports.map((p) => p.code));
  const fail = (what: string) => { throw new Error(`seed data of ${province}: ${what}`); };
  for (const p of seed.ports) {
    const owner = registry.provinceOfPort(p.code);
    if (owner !== null && owner !== province) fail(`port ${p.code} is administered by ${owner}`);
  }
  for (const t of seed.terminals) if (!own.has(t.portCode)) fail(`terminal ${t.id} names port ${t.portCode}, not one of ours`);
  for (const c of seed.capacity) if (!own.has(c.portCode)) fail(`capacity record names port ${c.portCode}, not one of ours`);
  for (const r of seed.routes) {
    if (!own.has(r.originPortCode)) fail(`route ${r.id} starts at ${r.originPortCode}, not one of ours`);
    if (!own.has(r.destinationPortCode) && !registry.portRef(r.destinationPortCode)) fail(`route ${r.id} calls at unknown ${r.destinationPortCode}`);
  }
  for (const c of seed.commitments) if (!registry.isProvince(c.lead) || c.lead === province) fail(`commitment to ${c.initiativeId} names lead ${c.lead}`);
  const records = [...seed.ports, ...seed.terminals, ...seed.capacity, ...seed.routes, ...seed.initiatives, ...seed.commitments];
  for (const r of records) if (r.provenance.source && !seed.sources[r.provenance.source]) fail(`cites unknown source ${r.provenance.source}`);
}

/**
 * Loads a province's seed into an empty database in one transaction (a database that already has ports is left as
 * it is). Seed records are the starting state, so they write no change events. Returns whether it loaded.
 */
export async function loadSeed(ds: DataSource, province: string, registry: ProvinceRegistry, raw: unknown): Promise<boolean> {
  const seed = parseInput(seedData, raw, 'seed');
  checkReferences(seed, province, registry);
  const now = new Date().toISOString();
  const audit = { version: 1, updatedAt: now };
  const provenanceOf = (p: SeedProvenance) => provenanceColumns({ ...p, source: p.source ? seed.sources[p.source] : null });
  return ds.transaction(async (tx) => {
    if (await tx.count(PortRow) > 0) return false;
    const latestCustoms = new Map<string, (typeof seed.capacity)[number]>();
    for (const c of seed.capacity) {
      const seen = latestCustoms.get(c.portCode);
      if (c.agency === 'CUSTOMS' && (!seen || c.period > seen.period)) latestCustoms.set(c.portCode, c);
    }
    await insertAll(tx, PortRow, seed.ports.map((p) => {
      const customs = latestCustoms.get(p.code);
      return {
        ...p, customsDistrict: p.customsDistrict ?? null, iata: p.iata ?? null, icao: p.icao ?? null,
        commercialAlias: p.commercialAlias ?? null, parentCode: p.parentCode ?? null,
        importClearanceHours: customs?.importClearanceHours ?? null, exportClearanceHours: customs?.exportClearanceHours ?? null,
        clearancePeriod: customs?.period ?? null, retiredOn: null, retiredReason: null, provenance: provenanceOf(p.provenance), ...audit,
      };
    }));
    await insertAll(tx, TerminalRow, seed.terminals.map(({ cargoClasses: _c, steps, ...t }) => ({
      ...t, stage: steps[steps.length - 1].stage, provenance: provenanceOf(t.provenance), ...audit,
    })));
    await insertAll(tx, TerminalCargoClassRow, seed.terminals.flatMap((t) =>
      t.cargoClasses.map((cargoClass) => ({ terminalId: t.id, cargoClass }))));
    await insertAll(tx, TerminalStepRow, seed.terminals.flatMap((t) => t.steps.map((s, i) => ({
      terminalId: t.id, seq: i + 1, stage: s.stage, onDate: s.on, note: s.note ?? null,
    }))));
    await insertAll(tx, CapacityRecordRow, seed.capacity.map((c) => ({
      id: `${c.portCode}:${c.agency}:${c.period}`, portCode: c.portCode, agency: c.agency, period: c.period,
      throughputTeu: c.throughputTeu ?? null, throughputTonnes: c.throughputTonnes ?? null, flights: c.flights ?? null,
      passengers: c.passengers ?? null, importClearanceHours: c.importClearanceHours ?? null, exportClearanceHours: c.exportClearanceHours ?? null,
      clearance24x7: c.clearance24x7, provenance: provenanceOf(c.provenance), ...audit,
    })));
    await insertAll(tx, RouteRow, seed.routes.map((r) => ({ ...r, openedOn: r.openedOn ?? null, provenance: provenanceOf(r.provenance), ...audit })));
    await insertAll(tx, InitiativeRow, seed.initiatives.map((i) => ({
      id: i.id, title: i.title, category: i.category, status: i.status, partners: i.partners.join(','),
      startOn: i.startOn, provenance: provenanceOf(i.provenance), ...audit,
    })));
    await insertAll(tx, MilestoneRow, seed.initiatives.flatMap((i) => i.milestones.map((m, n) => ({
      initiativeId: i.id, seq: n + 1, title: m.title, due: m.due, doneOn: m.doneOn ?? null, doneOnEstimated: m.doneOnEstimated,
      responsibleUnit: m.responsibleUnit,
    }))));
    await insertAll(tx, CommitmentRow, seed.commitments.map((c) => ({
      id: commitmentId(c.lead, c.initiativeId, province), initiativeId: c.initiativeId, leadProvince: c.lead, summary: c.summary,
      responsibleUnit: c.responsibleUnit, due: c.due ?? null, status: c.status, provenance: provenanceOf(c.provenance), ...audit,
    })));
    return true;
  });
}
