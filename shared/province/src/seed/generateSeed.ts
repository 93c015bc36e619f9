import {
  AGENCIES, CARGO_CLASSES, EPORT_CONNECTIONS, INITIATIVE_CATEGORIES, OPENING_STATUSES, type CargoClass, type ProvinceRegistry,
} from '@yrd/domain';
import type { SeedData } from './SeedData';

/** A small deterministic generator (mulberry32), so the same scale always gives the same data. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)],
  };
}

const LOCODE_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ23456789';
const MAX_SCALE = 8000;

/**
 * Synthetic codes for a province: `CN` and three characters whose first is drawn from the province's own slice of
 * the alphabet, skipping every code in the directory, so generated ports never collide across provinces.
 */
function syntheticCodes(registry: ProvinceRegistry, province: string, count: number): string[] {
  const index = registry.provinces.findIndex((p) => p.code === province);
  const slice = Math.floor(LOCODE_CHARS.length / registry.provinces.length);
  const firsts = LOCODE_CHARS.slice(index * slice, (index + 1) * slice);
  const codes: string[] = [];
  for (const a of firsts) for (const b of LOCODE_CHARS) for (const c of LOCODE_CHARS) {
    const code = `CN${a}${b}${c}`;
    if (!registry.directory.get(code)) codes.push(code);
    if (codes.length === count) return codes;
  }
  throw new Error(`at most ${codes.length} synthetic ports fit ${province}'s slice of codes`);
}

/**
 * Seed data of the same shape as a province's real seed, at any scale: `scale` ports, each with terminals,
 * a year of monthly capacity for two agencies, routes to real directory ports, and initiatives with milestones.
 */
export function generateSeed(registry: ProvinceRegistry, province: string, scale: number, seed = 2006): SeedData {
  if (!Number.isInteger(scale) || scale < 1 || scale > MAX_SCALE) throw new Error(`scale must be 1 to ${MAX_SCALE}`);
  const rnd = random(seed + province.length * 7919 + scale);
  const codes = syntheticCodes(registry, province, scale);
  const destinations = registry.directory.all().filter((e) => registry.portRef(e.code) && registry.provinceOfPort(e.code) !== province)
    .map((e) => e.code);
  const partners = registry.provinces.map((p) => p.code).filter((p) => p !== province);
  const months = Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`);
  const data: SeedData = { sources: {}, ports: [], terminals: [], capacity: [], routes: [], initiatives: [], commitments: [] };
  const provenance = { source: null, asOf: '2024-12-31', estimated: true, estimateBasis: 'Synthetic record, generated for load and scale tests' };
  for (const [n, code] of codes.entries()) {
    const airport = rnd.next() < 0.15;
    data.ports.push({
      code, kind: airport ? 'AIRPORT' : rnd.pick(['SEAPORT', 'RIVER_PORT'] as const), nameZh: `合成港口${n + 1}`,
      nameEn: `Synthetic Port ${code}`, city: `City ${n % 97}`, customsDistrict: `${2200 + (n % 9) * 100} Synthetic`,
      openingStatus: rnd.pick(OPENING_STATUSES), clearance24x7: rnd.next() < 0.4, clearanceOnHolidays: rnd.next() < 0.5,
      eportConnection: rnd.pick(EPORT_CONNECTIONS), iata: null, icao: null, commercialAlias: null, parentCode: null, provenance,
    });
    for (let t = 1; t <= rnd.int(1, 3); t++) {
      const classes = [...new Set<CargoClass>([rnd.pick(CARGO_CLASSES), rnd.pick(CARGO_CLASSES)])];
      data.terminals.push({
        id: `${code}-T${t}`, portCode: code, name: `${code} terminal ${t}`, operator: `Operator ${n % 13}`,
        cargoClasses: classes, berths: rnd.int(1, 12), designCapacity: rnd.int(1, 500) * 10_000,
        capacityUnit: classes.includes('CONTAINER') ? 'TEU_PER_YEAR' : 'TONNES_PER_YEAR',
        steps: [{ stage: 'PREPARATION', on: '2020-01-15', note: null }, { stage: 'APPLICATION_FILED', on: '2020-06-01', note: null }],
        provenance,
      });
    }
    for (const period of months) {
      for (const agency of [AGENCIES[0], rnd.pick(AGENCIES.slice(1, 3))]) {
        data.capacity.push({
          portCode: code, agency, period, throughputTeu: airport ? null : rnd.int(1, 3_000_000),
          throughputTonnes: airport ? rnd.int(1, 300_000) : rnd.int(1, 50_000_000), flights: airport ? rnd.int(100, 30_000) : null,
          passengers: airport ? rnd.int(10_000, 5_000_000) : null, importClearanceHours: Math.round(rnd.next() * 9600) / 100,
          exportClearanceHours: Math.round(rnd.next() * 300) / 100, clearance24x7: rnd.next() < 0.5, provenance,
        });
      }
    }
    data.routes.push({
      id: `${code}-R1`, mode: airport ? 'AIR' : 'SEA', carrier: `Carrier ${n % 17}`, originPortCode: code,
      destinationPortCode: rnd.pick(destinations), weeklyFrequency: rnd.int(1, 21), status: rnd.pick(['PLANNED', 'OPERATING', 'SUSPENDED'] as const),
      openedOn: '2021-03-01', provenance,
    });
  }
  const initiatives = Math.max(1, Math.floor(scale / 10));
  for (let i = 1; i <= initiatives; i++) {
    const id = `${province.slice(0, 2)}-SYN-${i}`;
    data.initiatives.push({
      id, title: `Synthetic initiative ${i}`, category: rnd.pick(INITIATIVE_CATEGORIES), partners,
      status: 'ACTIVE', startOn: '2024-01-01',
      milestones: [1, 2, 3].map((m) => ({
        title: `Milestone ${m}`, due: `2024-0${m * 3}-30`, responsibleUnit: 'Synthetic agency', doneOn: m === 1 ? '2024-03-20' : null,
        doneOnEstimated: false,
      })),
      provenance,
    });
  }
  // Commit to every synthetic initiative the other provinces lead (their ids follow the same rule).
  for (const lead of partners) {
    for (let i = 1; i <= initiatives; i++) {
      data.commitments.push({
        initiativeId: `${lead.slice(0, 2)}-SYN-${i}`, lead, summary: `Commitment of ${province}`,
        responsibleUnit: 'Synthetic agency', due: '2024-12-31', status: 'COMMITTED', provenance,
      });
    }
  }
  return data;
}
