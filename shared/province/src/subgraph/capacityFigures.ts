import { Between, In, IsNull, type DataSource } from 'typeorm';
import { CapacityRecordRow, PortRow, TerminalCargoClassRow, TerminalRow } from '../db';
import { byPeriod, mean, monthsBetween, type PortKind } from '@yrd/domain';
import { readingKeys } from '@yrd/storage';

/** Stages at which a terminal is open to foreign trade: only these count towards design capacity. */
const OPEN_STAGES = new Set(['OPENED', 'TEMPORARILY_OPENED']);


/** Where a port's figures roll up to: the port itself, or the port its area belongs to (an area of an area too). */
function topPorts(ports: readonly Pick<PortRow, 'code' | 'kind' | 'parentCode'>[]) {
  const byCode = new Map(ports.map((p) => [p.code, p]));
  const top = new Map<string, Pick<PortRow, 'code' | 'kind' | 'parentCode'>>();
  for (const port of ports) {
    let at = port;
    // Bounded by the number of ports, so that a cycle in parent codes cannot loop.
    for (let hops = 0; at.parentCode && byCode.has(at.parentCode) && hops < ports.length; hops++) at = byCode.get(at.parentCode)!;
    top.set(port.code, at);
  }
  return top;
}

type FigureRow = Pick<CapacityRecordRow, 'portCode' | 'agency' | 'period' | 'throughputTeu' | 'throughputTonnes' | 'flights'
  | 'passengers' | 'importClearanceHours' | 'exportClearanceHours'>;

/**
 * One port's figure for a month: its own record when there is one, else its areas' records (a figure recorded on a
 * port already holds its areas', so it counts once).
 */
function perPort(rows: readonly FigureRow[], top: ReadonlyMap<string, { code: string }>) {
  const byPort = new Map<string, { own: FigureRow[]; areas: FigureRow[] }>();
  for (const row of rows) {
    const port = top.get(row.portCode)?.code ?? row.portCode;
    const key = `${port}|${row.agency}|${row.period}`;
    const entry = byPort.get(key) ?? { own: [], areas: [] };
    (row.portCode === port ? entry.own : entry.areas).push(row);
    byPort.set(key, entry);
  }
  return [...byPort.entries()].map(([key, { own, areas }]) => {
    const [port, agency, period] = key.split('|');
    return { port, agency, period, rows: own.length ? own : areas };
  });
}


const total = (rows: readonly FigureRow[], field: 'throughputTeu' | 'throughputTonnes' | 'flights' | 'passengers') =>
  rows.reduce((sum, r) => sum + (r[field] ?? 0), 0);
const hasAny = (rows: readonly FigureRow[], field: keyof FigureRow) => rows.some((r) => r[field] !== null);

/** What the region asks: the months, the cargo class of the terminals, and the kinds of port. */
export interface FigureQuestion {
  readonly from: string;
  readonly to: string;
  readonly cargoClass: string | null;
  readonly portKinds: readonly PortKind[] | null;
}

/** The province's ports (kind by the port their area rolls up to), and the agencies' records of the months. */
async function figuresOf(ds: DataSource, question: FigureQuestion, agencies: readonly string[]) {
  const months = monthsBetween(question.from, question.to);
  const ports = await ds.getRepository(PortRow).find({ select: { code: true, kind: true, parentCode: true } });
  const top = topPorts(ports);
  const kinds = question.portKinds ? new Set(question.portKinds) : null;
  const wanted = (code: string) => {
    const kind = top.get(code)?.kind;
    return kind !== undefined && (!kinds || kinds.has(kind));
  };
  // Only these months' records: what the figures depend on (a record of another month changes none of them).
  const rows = await readingKeys(months, () => ds.getRepository(CapacityRecordRow).find({
    select: {
      portCode: true, agency: true, period: true, throughputTeu: true, throughputTonnes: true, flights: true, passengers: true,
      importClearanceHours: true, exportClearanceHours: true,
    },
    where: { period: Between(months[0], months[months.length - 1]), agency: In([...agencies]) },
    order: { portCode: 'ASC', period: 'ASC' },
  }));
  return { months, top, wanted, rows: rows.filter((r) => wanted(r.portCode)) };
}

/**
 * A province's capacity totals for each month: the design capacity of its open terminals of the cargo class, counted
 * where they are, and the throughput recorded at its ports that have a terminal of the class (every port without a
 * class), each port once with its areas rolled up. Water ports' cargo and airports' cargo are kept apart, and so are
 * all passengers (customs) and international ones (border inspection).
 */
export async function capacitySummaries(ds: DataSource, province: string, question: FigureQuestion) {
  const { months, top, wanted, rows } = await figuresOf(ds, question, ['CUSTOMS', 'BORDER_INSPECTION']);
  // Only the columns the totals need, and the cargo class's rows only when one is asked for.
  const terminals = (await ds.getRepository(TerminalRow).find({
    select: { id: true, portCode: true, stage: true, designCapacity: true, capacityUnit: true }, where: { retiredOn: IsNull() },
  })).filter((t) => wanted(t.portCode));
  const handles = new Set(question.cargoClass ? (await ds.getRepository(TerminalCargoClassRow).find({
    select: { terminalId: true }, where: { cargoClass: question.cargoClass as TerminalCargoClassRow['cargoClass'] },
  })).map((c) => c.terminalId) : []);
  const ofClass = question.cargoClass ? terminals.filter((t) => handles.has(t.id)) : terminals;
  const open = ofClass.filter((t) => OPEN_STAGES.has(t.stage));
  const design = (unit: string) => open.filter((t) => t.capacityUnit === unit).reduce((sum, t) => sum + t.designCapacity, 0);
  // The ports whose throughput counts: with a terminal of the class in their own hierarchy, or every port.
  const counted = question.cargoClass ? new Set(ofClass.map((t) => top.get(t.portCode)?.code)) : null;
  const figures = perPort(rows, top).filter((f) => !counted || counted.has(f.port));
  const isAirport = (port: string) => top.get(port)?.kind === 'AIRPORT';
  const ofMonth = byPeriod(figures);
  return months.map((period) => {
    const customs = ofMonth(period).filter((f) => f.agency === 'CUSTOMS');
    const border = ofMonth(period).filter((f) => f.agency === 'BORDER_INSPECTION');
    const water = customs.filter((f) => !isAirport(f.port)).flatMap((f) => f.rows);
    const air = customs.filter((f) => isAirport(f.port)).flatMap((f) => f.rows);
    return {
      province, period, cargoClass: question.cargoClass,
      terminalCount: open.length,
      designCapacityTeu: design('TEU_PER_YEAR'), designCapacityTonnes: design('TONNES_PER_YEAR'),
      designCapacityPassengers: design('PASSENGERS_PER_YEAR'),
      portCount: customs.length,
      throughputTeu: total(water, 'throughputTeu'), throughputTonnes: total(water, 'throughputTonnes'),
      airCargoTonnes: total(air, 'throughputTonnes'),
      passengers: total(air, 'passengers'), flights: total(air, 'flights'),
      internationalPassengers: total(border.flatMap((f) => f.rows), 'passengers'),
      internationalFlights: total(border.flatMap((f) => f.rows), 'flights'),
    };
  });
}

/**
 * One clearance sample per port and month, from customs: the port's own record, else the mean of its areas' (a port
 * and its areas are one port), with the kind of the port.
 */
export async function clearanceSamples(ds: DataSource, question: Omit<FigureQuestion, 'cargoClass'>) {
  const { top, rows } = await figuresOf(ds, { ...question, cargoClass: null }, ['CUSTOMS']);
  const meanOf = (values: (number | null)[]) => mean(values.filter((v): v is number => v !== null));
  return perPort(rows, top)
    .filter((f) => hasAny(f.rows, 'importClearanceHours') || hasAny(f.rows, 'exportClearanceHours'))
    .map((f) => ({
      period: f.period, portCode: f.port, portKind: top.get(f.port)!.kind,
      importClearanceHours: meanOf(f.rows.map((r) => r.importClearanceHours)),
      exportClearanceHours: meanOf(f.rows.map((r) => r.exportClearanceHours)),
    }));
}
