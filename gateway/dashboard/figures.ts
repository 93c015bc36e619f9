// Each figure is built from the GraphQL answer once: the option ECharts draws and the CSV of exactly those values.
import type { ChartOption, LineSeriesOption } from './echarts';
import { FOREIGN, TEXT, placeLabel, type Lang } from './labels';
import type {
  ClearanceTimeSeriesData, ContainerCapacityData, OverdueMilestonesData, ProvinceValue, RouteModeValue,
  RoutesBetweenProvincesData,
} from './operations';

export interface Figure {
  /** What the chart draws (plain data: no functions, so a test can read it). */
  readonly option: ChartOption;
  /** The values plotted, with a header row (machine names: GraphQL fields and enum values). */
  readonly csv: string;
  /** How many values are plotted (nulls, the gaps, not counted). */
  readonly points: number;
}

type Cell = string | number | null;

/** RFC 4180: comma separated, CRLF, a field quoted when it holds a comma, a quote or a line break; null is empty. */
export function csvOf(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const field = (cell: Cell) => {
    const text = cell === null ? '' : String(cell);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

const KNOWN_ORDER: readonly string[] = ['ZHEJIANG', 'SHANGHAI', 'JIANGSU', 'ANHUI'];

/** Where a province stands in the dashboard's order: the known ones first, then others as they come, foreign last. */
const rank = (v: string) => (v === FOREIGN ? 1000 : KNOWN_ORDER.includes(v) ? KNOWN_ORDER.indexOf(v) : 100);

/** Each value once, in the dashboard's order. */
function ordered(values: Iterable<string>): string[] {
  return [...new Set(values)].sort((a, b) => rank(a) - rank(b));
}

const countOf = (values: readonly (number | null)[]) => values.filter((v) => v !== null).length;

const TITLE_HIDDEN = { show: false, left: 8, top: 4, textStyle: { fontSize: 15 }, subtextStyle: { fontSize: 11, overflow: 'break' } } as const;

export type Direction = 'import' | 'export';

/** Chart (a): one line per province, the target dashed; a month without records is a gap. */
export function clearanceFigure(data: ClearanceTimeSeriesData, lang: Lang, direction: Direction): Figure {
  const w = TEXT[lang];
  const months = data.clearanceTimeSeries.months;
  const periods = months.map((m) => m.period);
  const provinces = ordered(months.flatMap((m) => m.provinces.map((p) => p.province)));
  const field = direction === 'import' ? 'averageImportClearanceHours' : 'averageExportClearanceHours';
  const targetField = direction === 'import' ? 'importClearanceHours' : 'exportClearanceHours';
  const values = provinces.map((province) => months.map((m) => m.provinces.find((p) => p.province === province)?.[field] ?? null));
  const target = months.map((m) => m.region.target?.[targetField] ?? null);
  const sources = targetSources(data);
  const directionWord = direction === 'import' ? w.clearance.import : w.clearance.export;
  const option: ChartOption = {
    animation: false,
    title: { ...TITLE_HIDDEN, text: `${w.clearance.title} · ${directionWord}`, subtext: [w.clearance.source, ...sources.map((s) => `${w.clearance.targetSource}: ${s}`)].join('\n') },
    tooltip: { trigger: 'axis' },
    legend: { top: 4 },
    grid: { top: 56, left: 56, right: 24, bottom: 56 },
    xAxis: { type: 'category', name: w.clearance.axisX, nameLocation: 'middle', nameGap: 32, data: periods },
    yAxis: { type: 'value', name: `${directionWord} (${w.hours})` },
    series: [
      ...provinces.map((province, i): LineSeriesOption => ({
        type: 'line', name: placeLabel(province, lang), data: values[i], connectNulls: false, symbolSize: 6,
      })),
      {
        type: 'line', name: w.clearance.target, data: target, connectNulls: false, symbol: 'none',
        lineStyle: { type: 'dashed', width: 2, color: '#555' }, itemStyle: { color: '#555' },
      },
    ],
  };
  const header = ['period', ...provinces.map((p) => `${p}.${field}`), `region.target.${targetField}`];
  const rows = periods.map((period, m) => [period, ...values.map((v) => v[m]), target[m]]);
  return {
    option, csv: csvOf(header, rows),
    points: values.reduce((n, v) => n + countOf(v), 0) + countOf(target),
  };
}

/** The publications the target line is cited from, as the chart's source line shows them. */
export function targetSources(data: ClearanceTimeSeriesData): string[] {
  return [...new Set(data.clearanceTimeSeries.months.flatMap((m) => {
    const s = m.region.target?.source;
    return s ? [`${s.publisher}, ${s.title} (${s.year})`] : [];
  }))];
}

/** Chart (b): two bars per province, throughput in the month and design capacity a month (a year's / 12), in TEU. */
export function capacityFigure(data: ContainerCapacityData, lang: Lang): Figure {
  const w = TEXT[lang];
  const rows = capacityRows(data);
  const option: ChartOption = {
    animation: false,
    title: { ...TITLE_HIDDEN, text: `${w.capacity.title} · ${data.regionalCapacity.period}`, subtext: w.capacity.source },
    tooltip: { trigger: 'axis' },
    legend: { top: 4 },
    grid: { top: 56, left: 80, right: 24, bottom: 56 },
    xAxis: { type: 'category', name: w.capacity.axisX, nameLocation: 'middle', nameGap: 32, data: rows.map((r) => placeLabel(r.province, lang)) },
    yAxis: { type: 'value', name: w.teu },
    series: [
      { type: 'bar', name: w.capacity.throughput, data: rows.map((r) => r.throughput) },
      { type: 'bar', name: w.capacity.designPerMonth, data: rows.map((r) => r.designPerMonth) },
    ],
  };
  return {
    option,
    csv: csvOf(['period', 'province', 'throughputTeu', 'designCapacityTeuPerMonth'],
      rows.map((r) => [data.regionalCapacity.period, r.province, r.throughput, r.designPerMonth])),
    points: rows.length * 2,
  };
}

/** What chart (b) plots, a row a province. */
export function capacityRows(data: ContainerCapacityData): { province: ProvinceValue; throughput: number; designPerMonth: number }[] {
  return [...data.regionalCapacity.provinces]
    .sort((a, b) => rank(a.province) - rank(b.province))
    .map((p) => ({ province: p.province, throughput: p.throughputTeu, designPerMonth: p.designCapacityTeu / 12 }));
}

export type RouteNode = NonNullable<RoutesBetweenProvincesData['routes']['nodes'][number]>;

/** Chart (c): routes of one mode counted by origin province (x) and destination (y: a province or Foreign). */
export function routesFigure(routes: readonly RouteNode[], lang: Lang, mode: RouteModeValue): Figure {
  const w = TEXT[lang];
  const destinationOf = (r: RouteNode): string | null => (r.destination ? r.destination.province ?? FOREIGN : null);
  const counted = routes.filter((r) => r.origin.province !== null && destinationOf(r) !== null);
  // The axes are the same for both modes, so switching keeps every cell in its place.
  const origins = ordered(counted.map((r) => r.origin.province as ProvinceValue));
  const destinations = ordered(counted.map((r) => destinationOf(r) as string));
  const counts = new Map<string, number>();
  for (const r of counted) {
    if (r.mode !== mode) continue;
    const key = `${r.origin.province}\t${destinationOf(r)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const cells: [number, number, number][] = [];
  const rows: Cell[][] = [];
  origins.forEach((origin, x) => destinations.forEach((destination, y) => {
    const count = counts.get(`${origin}\t${destination}`);
    if (!count) return;
    cells.push([x, y, count]);
    rows.push([origin, destination, mode, count]);
  }));
  const max = Math.max(1, ...cells.map((c) => c[2]));
  const option: ChartOption = {
    animation: false,
    title: { ...TITLE_HIDDEN, text: `${w.routes.title} · ${mode === 'SEA' ? w.routes.sea : w.routes.air}`, subtext: w.routes.source },
    tooltip: { position: 'top' },
    grid: { top: 56, left: 96, right: 96, bottom: 56 },
    xAxis: { type: 'category', name: w.routes.axisOrigin, nameLocation: 'middle', nameGap: 32, data: origins.map((o) => placeLabel(o, lang)), splitArea: { show: true } },
    yAxis: { type: 'category', name: w.routes.axisDestination, data: destinations.map((d) => placeLabel(d, lang)), splitArea: { show: true } },
    visualMap: { type: 'continuous', min: 0, max, calculable: true, orient: 'vertical', right: 8, top: 'middle', itemHeight: 140 },
    series: [{ type: 'heatmap', name: w.routeCount, data: cells, label: { show: true } }],
  };
  return { option, csv: csvOf(['origin', 'destination', 'mode', 'routeCount'], rows), points: cells.length };
}

export type MilestoneNode = NonNullable<OverdueMilestonesData['overdueMilestones']['nodes'][number]>;

/** Chart (d): overdue milestones counted by responsible unit (a bar each), stacked by the lead province. */
export function milestonesFigure(milestones: readonly MilestoneNode[], lang: Lang): Figure {
  const w = TEXT[lang];
  const leads = ordered(milestones.map((m) => m.lead));
  const byUnit = new Map<string, Map<string, number>>();
  for (const m of milestones) {
    const unit = byUnit.get(m.responsibleUnit) ?? new Map<string, number>();
    unit.set(m.lead, (unit.get(m.lead) ?? 0) + 1);
    byUnit.set(m.responsibleUnit, unit);
  }
  const total = (unit: string) => [...(byUnit.get(unit)?.values() ?? [])].reduce((a, b) => a + b, 0);
  // Most overdue milestones first (at the top), then by name.
  const units = [...byUnit.keys()].sort((a, b) => total(b) - total(a) || a.localeCompare(b, 'zh'));
  const values = leads.map((lead) => units.map((unit) => byUnit.get(unit)?.get(lead) ?? null));
  const option: ChartOption = {
    animation: false,
    title: { ...TITLE_HIDDEN, text: w.milestones.title, subtext: w.milestones.source },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 4 },
    grid: { top: 56, left: 200, right: 24, bottom: 40 },
    xAxis: { type: 'value', name: w.milestoneCount, nameLocation: 'middle', nameGap: 26, minInterval: 1 },
    yAxis: { type: 'category', name: w.milestones.axisUnit, nameLocation: 'start', inverse: true, data: units, axisLabel: { width: 180, overflow: 'truncate' } },
    series: leads.map((lead, i) => ({ type: 'bar', name: placeLabel(lead, lang), stack: 'lead', data: values[i] })),
  };
  const rows: Cell[][] = [];
  units.forEach((unit, u) => leads.forEach((lead, l) => {
    const count = values[l][u];
    if (count !== null) rows.push([unit, lead, count]);
  }));
  return {
    option, csv: csvOf(['responsibleUnit', 'lead', 'overdueMilestoneCount'], rows),
    points: values.reduce((n, v) => n + countOf(v), 0),
  };
}
