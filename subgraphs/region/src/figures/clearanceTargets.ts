/** What a clearance-time record states: a baseline, a target to reach by the end of its year, or an outcome. */
export type TargetKind = 'BASELINE' | 'TARGET' | 'ACTUAL';

/** A published figure of overall clearance time (整体通关时间), national or one province's, with its source. */
export interface ClearanceTarget {
  readonly scope: 'NATIONAL' | 'PROVINCIAL';
  readonly province: string | null;
  readonly year: number;
  readonly kind: TargetKind;
  readonly importClearanceHours: number;
  readonly exportClearanceHours: number;
  readonly source: { readonly publisher: string; readonly title: string; readonly year: number };
  readonly estimated: boolean;
  readonly estimateBasis: string | null;
}

const GACC = { publisher: '海关总署 (General Administration of Customs)' };
const STATE_COUNCIL_2018 = {
  publisher: '国务院 (State Council)', title: '优化口岸营商环境促进跨境贸易便利化工作方案 (国发〔2018〕37号)', year: 2018,
};
const BASELINE_2017 = { importClearanceHours: 97.39, exportClearanceHours: 12.29 };
const hours = (share: number) => ({
  importClearanceHours: Math.round(BASELINE_2017.importClearanceHours * share * 100) / 100,
  exportClearanceHours: Math.round(BASELINE_2017.exportClearanceHours * share * 100) / 100,
});

/**
 * The clearance-time baseline, targets and outcomes the region compares its ports with. National only: no province
 * of the region has published hours of its own target that this list could cite.
 */
export const CLEARANCE_TARGETS: readonly ClearanceTarget[] = [
  {
    scope: 'NATIONAL', province: null, year: 2017, kind: 'BASELINE', ...BASELINE_2017,
    source: { ...GACC, title: '全国进口、出口整体通关时间 (2017年基准)', year: 2018 }, estimated: false, estimateBasis: null,
  },
  {
    scope: 'NATIONAL', province: null, year: 2018, kind: 'TARGET', ...hours(2 / 3), source: STATE_COUNCIL_2018, estimated: true,
    estimateBasis: 'The plan cuts overall clearance time by a third from 2017 by the end of 2018: the 2017 baseline times 2/3.',
  },
  {
    scope: 'NATIONAL', province: null, year: 2021, kind: 'TARGET', ...hours(1 / 2), source: STATE_COUNCIL_2018, estimated: true,
    estimateBasis: 'The plan halves overall clearance time from 2017 by the end of 2021: the 2017 baseline times 1/2.',
  },
  {
    scope: 'NATIONAL', province: null, year: 2022, kind: 'ACTUAL', importClearanceHours: 32.02, exportClearanceHours: 1.03,
    source: { ...GACC, title: '全国进口、出口整体通关时间 (2022年)', year: 2023 }, estimated: false, estimateBasis: null,
  },
];

/**
 * The target in force for a province in a year: its own latest target of that year or before, else the nation's;
 * null before the first target.
 */
export function targetInForce(year: number, province: string | null, targets = CLEARANCE_TARGETS): ClearanceTarget | null {
  const latest = (scope: ClearanceTarget['scope']) => targets
    .filter((t) => t.kind === 'TARGET' && t.scope === scope && t.year <= year && (scope === 'NATIONAL' || t.province === province))
    .sort((a, b) => b.year - a.year)[0] ?? null;
  return (province ? latest('PROVINCIAL') : null) ?? latest('NATIONAL');
}
