// The analysts' dashboard: four figures, each drawn with ECharts from one named GraphQL operation this page sends to
// the gateway it came from. Everything it loads is in its bundle: it works on an intranet without the internet.
import { init, type ChartOption, type EChartsType } from './echarts';
import {
  capacityFigure, capacityRows, clearanceFigure, milestonesFigure, routesFigure, targetSources, type Direction, type Figure, type MilestoneNode,
  type RouteNode,
} from './figures';
import { OperationError, runOperation, type Answer } from './graphql';
import { TEXT, placeLabel, type Lang, type Words } from './labels';
import {
  CLEARANCE_TIME_SERIES, CONTAINER_CAPACITY, MAX_ROUTE_PAGES, OVERDUE_MILESTONES, ROUTES_BETWEEN_PROVINCES,
  type ClearanceTimeSeriesData, type ContainerCapacityData, type OverdueMilestonesData, type RouteModeValue,
  type RoutesBetweenProvincesData,
} from './operations';

/** The same key as the explorer's: a token pasted in one serves the other for the browser session. */
const TOKEN_KEY = 'yrd-explorer-token';
const LANG_KEY = 'yrd-dashboard-lang';

type ChartName = 'clearance' | 'capacity' | 'routes' | 'milestones';
type CardState = 'idle' | 'loading' | 'ready' | 'error';

/** What a test (or a curious analyst in the console) can read: each chart's option as drawn and its CSV. */
interface DashboardHandle {
  readonly charts: Record<ChartName, {
    readonly option: ChartOption | null;
    readonly state: CardState;
    readonly points: number;
    csv(): string | null;
  }>;
  readonly lang: Lang;
}

declare global {
  interface Window { __dashboard?: DashboardHandle }
}

const state = {
  lang: (sessionStorage.getItem(LANG_KEY) === 'zh' ? 'zh' : 'en') as Lang,
  token: null as string | null,
  direction: 'import' as Direction,
  mode: 'SEA' as RouteModeValue,
};

// ---- small DOM helpers ----

const texts: { el: HTMLElement; text: (w: Words) => string; attr?: 'placeholder' | 'title' | 'aria-label' }[] = [];

/** An element whose text follows the language. */
function worded<K extends keyof HTMLElementTagNameMap>(tag: K, text: (w: Words) => string, props: Partial<Record<string, string>> = {}): HTMLElementTagNameMap[K] {
  const el = element(tag, props);
  texts.push({ el, text });
  el.textContent = text(TEXT[state.lang]);
  return el;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<string, string>> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) if (value !== undefined) el.setAttribute(name, value);
  el.append(...children);
  return el;
}

function applyTexts(): void {
  const w = TEXT[state.lang];
  for (const { el, text, attr } of texts) {
    if (attr) el.setAttribute(attr, text(w));
    else el.textContent = text(w);
  }
  document.title = w.pageTitle;
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
}

/** Two or more buttons of which one is on. */
function toggle<V extends string>(name: string, choices: readonly { value: V; text: (w: Words) => string }[], current: () => V, choose: (value: V) => void): HTMLElement {
  const group = element('div', { class: 'toggle', role: 'group' });
  const buttons = choices.map(({ value, text }) => {
    const button = worded('button', text, { type: 'button', 'data-testid': `${name}-${value}` });
    button.addEventListener('click', () => {
      choose(value);
      refresh();
    });
    return { button, value };
  });
  const refresh = () => buttons.forEach(({ button, value }) => button.setAttribute('aria-pressed', String(value === current())));
  refresh();
  group.append(...buttons.map((b) => b.button));
  return group;
}

function download(name: string, href: string): void {
  const a = element('a', { href, download: name });
  document.body.append(a);
  a.click();
  a.remove();
}

// ---- a card: one figure ----

interface CardSpec<T> {
  readonly name: ChartName;
  readonly words: (w: Words) => { readonly title: string; readonly source: string };
  readonly load: (token: string) => Promise<Answer<T>>;
  readonly figure: (data: T, lang: Lang) => Figure;
  /** A base name for the files it downloads. */
  readonly file: () => string;
  readonly controls?: readonly HTMLElement[];
  /** Below the chart (the milestones' table). */
  readonly below?: (data: T, lang: Lang, into: HTMLElement) => void;
  /** A line under the source for this answer (how many of how many, the target's publication). */
  readonly note?: (data: T, w: Words) => string;
}

interface Card {
  readonly name: ChartName;
  load(): Promise<void>;
  draw(): void;
  readonly handle: DashboardHandle['charts'][ChartName];
}

function card<T>(spec: CardSpec<T>, into: HTMLElement): Card {
  const root = element('section', { class: 'card', 'data-testid': `chart-${spec.name}`, 'data-state': 'idle' });
  const title = worded('h2', (w) => spec.words(w).title);
  const source = worded('p', (w) => spec.words(w).source, { class: 'source' });
  const note = element('p', { class: 'note', 'data-testid': `note-${spec.name}` });
  const canvas = element('div', { class: 'chart', 'data-testid': `canvas-${spec.name}` });
  const csvButton = worded('button', (w) => w.csv, { type: 'button', 'data-testid': `csv-${spec.name}` });
  const pngButton = worded('button', (w) => w.png, { type: 'button', 'data-testid': `png-${spec.name}` });
  const below = element('div', { class: 'below' });
  root.append(element('header', {}, title, element('div', { class: 'controls' }, ...(spec.controls ?? []), csvButton, pngButton)), source, note, canvas, below);
  into.append(root);
  const chart: EChartsType = init(canvas, undefined, { renderer: 'canvas' });
  // The grid places the cards as they come and as the window changes: the chart follows its box.
  new ResizeObserver(() => chart.resize()).observe(canvas);
  let data: T | null = null;
  let warnings: readonly string[] = [];
  let figure: Figure | null = null;
  let cardState: CardState = 'idle';
  let sequence = 0;
  const setState = (next: CardState) => {
    cardState = next;
    root.dataset.state = next;
    csvButton.disabled = pngButton.disabled = next !== 'ready';
  };
  setState('idle');

  const draw = () => {
    if (data === null) return;
    const w = TEXT[state.lang];
    figure = spec.figure(data, state.lang);
    chart.setOption(figure.option, { notMerge: true });
    note.textContent = [spec.note?.(data, w), figure.points === 0 ? w.noData : undefined, ...warnings].filter(Boolean).join(' · ');
    below.replaceChildren();
    spec.below?.(data, state.lang, below);
  };

  csvButton.addEventListener('click', () => {
    if (!figure) return;
    // A byte order mark, so that spreadsheets read the Chinese as UTF-8.
    const url = URL.createObjectURL(new Blob(['\uFEFF', figure.csv], { type: 'text/csv;charset=utf-8' }));
    download(`${spec.file()}.csv`, url);
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
  pngButton.addEventListener('click', () => {
    if (!figure) return;
    // The picture carries its title and source: shown for the export, then the chart is drawn as before.
    chart.setOption({
      title: { show: true, subtextStyle: { width: chart.getWidth() - 24 } }, grid: { top: 128 },
      ...(figure.option.legend ? { legend: { top: 84 } } : {}),
    });
    const url = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    chart.setOption(figure.option, { notMerge: true });
    download(`${spec.file()}.png`, url);
  });

  return {
    name: spec.name,
    draw,
    load: async () => {
      if (!state.token) return;
      const mine = ++sequence;
      setState('loading');
      note.textContent = TEXT[state.lang].loading;
      chart.showLoading({ text: '' });
      try {
        const answer = await spec.load(state.token);
        if (mine !== sequence) return;
        data = answer.data;
        warnings = answer.warnings;
        draw();
        setState('ready');
      } catch (error) {
        if (mine !== sequence) return;
        data = null;
        figure = null;
        chart.clear();
        below.replaceChildren();
        note.textContent = error instanceof Error ? error.message : String(error);
        setState('error');
        if (error instanceof OperationError && error.unauthenticated) askForToken();
      } finally {
        if (mine === sequence) chart.hideLoading();
      }
    },
    handle: {
      get option() { return figure?.option ?? null; },
      get state() { return cardState; },
      get points() { return figure?.points ?? 0; },
      csv: () => figure?.csv ?? null,
    },
  };
}

// ---- the page ----

const app = document.getElementById('app') ?? document.body;

const monthInput = (testId: string, value: string) => element('input', { type: 'month', value, required: '', 'data-testid': testId });
const period = monthInput('period', '2024-12');
const from = monthInput('from', '2024-01');
const to = monthInput('to', '2024-12');
const langToggle = toggle('lang', [{ value: 'en', text: () => 'English' }, { value: 'zh', text: () => '中文' }] as const,
  () => state.lang, (lang) => {
    state.lang = lang;
    sessionStorage.setItem(LANG_KEY, lang);
    applyTexts();
    cards.forEach((c) => c.draw());
  });
const refreshButton = worded('button', (w) => w.refresh, { type: 'button', 'data-testid': 'refresh' });
const tokenInput = element('input', { type: 'password', autocomplete: 'off', 'data-testid': 'token-input', size: '60' });
texts.push({ el: tokenInput, text: (w) => w.tokenHint, attr: 'placeholder' });
const tokenButton = worded('button', (w) => w.useToken, { type: 'submit', 'data-testid': 'token-submit' });
const tokenForm = element('form', { class: 'token', 'data-testid': 'token-form', hidden: '' },
  element('label', {}, worded('span', (w) => w.token), tokenInput), tokenButton);

const field = (text: (w: Words) => string, input: HTMLInputElement) => element('label', {}, worded('span', text), input);
app.append(
  element('header', { class: 'top' },
    worded('h1', (w) => w.pageTitle),
    element('nav', {}, worded('a', (w) => w.explorer, { href: '/explorer/', 'data-testid': 'explorer-link' })),
    element('div', { class: 'periods' }, field((w) => w.month, period), field((w) => w.from, from), field((w) => w.to, to), refreshButton),
    langToggle),
  tokenForm,
);
const grid = element('main', { class: 'cards' });
app.append(grid);

const clearanceCard = card<ClearanceTimeSeriesData>({
  name: 'clearance',
  words: (w) => w.clearance,
  load: (token) => {
    if (from.value > to.value) return Promise.reject(new Error(`${from.value} > ${to.value}`));
    return runOperation(token, CLEARANCE_TIME_SERIES, { from: from.value, to: to.value });
  },
  figure: (data, lang) => clearanceFigure(data, lang, state.direction),
  file: () => `clearance-${state.direction}-hours_${from.value}_${to.value}`,
  controls: [toggle('clearance', [{ value: 'import', text: (w) => w.clearance.import }, { value: 'export', text: (w) => w.clearance.export }] as const,
    () => state.direction, (direction) => {
      state.direction = direction;
      clearanceCard.draw();
    })],
  note: (data, w) => {
    const sources = targetSources(data);
    return sources.length ? `${w.clearance.targetSource}: ${sources.join('; ')}` : '';
  },
}, grid);

const capacityCard = card<ContainerCapacityData>({
  name: 'capacity',
  words: (w) => w.capacity,
  load: (token) => runOperation(token, CONTAINER_CAPACITY, { period: period.value }),
  figure: capacityFigure,
  file: () => `container-capacity_${period.value}`,
  below: (data, lang, into) => {
    // The bars' values as figures, for reading off exactly (rounded to whole TEU).
    const w = TEXT[lang];
    const teu = (n: number) => Math.round(n).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en');
    into.append(element('table', { 'data-testid': 'capacity-table' },
      element('thead', {}, element('tr', {}, element('th', {}, w.capacity.axisX),
        element('th', { class: 'number' }, w.capacity.throughput), element('th', { class: 'number' }, w.capacity.designPerMonth))),
      element('tbody', {}, ...capacityRows(data).map((r) => element('tr', {},
        element('td', {}, placeLabel(r.province, lang)), element('td', { class: 'number' }, teu(r.throughput)),
        element('td', { class: 'number' }, teu(r.designPerMonth)))))));
  },
}, grid);

const routesCard = card<readonly RouteNode[]>({
  name: 'routes',
  words: (w) => w.routes,
  load: async (token) => {
    const routes: RouteNode[] = [];
    const warnings: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < MAX_ROUTE_PAGES; page++) {
      const answer: Answer<RoutesBetweenProvincesData> = await runOperation(token, ROUTES_BETWEEN_PROVINCES, { after });
      routes.push(...answer.data.routes.nodes.filter((n): n is RouteNode => n !== null));
      warnings.push(...answer.warnings);
      const { hasNextPage, endCursor } = answer.data.routes.pageInfo;
      if (!hasNextPage || !endCursor) return { data: routes, warnings };
      after = endCursor;
    }
    return { data: routes, warnings: [...warnings, `> ${routes.length}`] };
  },
  figure: (routes, lang) => routesFigure(routes, lang, state.mode),
  file: () => `routes_${state.mode}`,
  controls: [toggle('routes', [{ value: 'SEA', text: (w) => w.routes.sea }, { value: 'AIR', text: (w) => w.routes.air }] as const,
    () => state.mode, (mode) => {
      state.mode = mode;
      routesCard.draw();
    })],
}, grid);

const milestonesCard = card<OverdueMilestonesData>({
  name: 'milestones',
  words: (w) => w.milestones,
  load: (token) => runOperation(token, OVERDUE_MILESTONES),
  figure: (data, lang) => milestonesFigure(nodesOf(data), lang),
  file: () => `overdue-milestones_${new Date().toISOString().slice(0, 10)}`,
  note: (data, w) => w.milestones.shown(nodesOf(data).length, data.overdueMilestones.totalCount),
  below: (data, lang, into) => {
    const w = TEXT[lang];
    const table = element('table', { 'data-testid': 'milestones-table' },
      element('thead', {}, element('tr', {}, ...w.milestones.columns.map((c) => element('th', {}, c)))),
      element('tbody', {}, ...nodesOf(data).map((m) => element('tr', {},
        element('td', {}, placeLabel(m.lead, lang)), element('td', {}, m.title), element('td', {}, m.due),
        element('td', {}, m.responsibleUnit), element('td', { class: 'number' }, String(m.daysOverdue)),
        element('td', {}, m.initiative?.id ?? '')))));
    into.append(table);
  },
}, grid);

function nodesOf(data: OverdueMilestonesData): MilestoneNode[] {
  return data.overdueMilestones.nodes.filter((n): n is MilestoneNode => n !== null);
}

const cards: readonly Card[] = [clearanceCard, capacityCard, routesCard, milestonesCard];

window.__dashboard = {
  charts: Object.fromEntries(cards.map((c) => [c.name, c.handle])) as DashboardHandle['charts'],
  get lang() { return state.lang; },
};

period.addEventListener('change', () => { if (period.value) void capacityCard.load(); });
for (const input of [from, to]) input.addEventListener('change', () => { if (from.value && to.value) void clearanceCard.load(); });
refreshButton.addEventListener('click', () => loadAll());

function loadAll(): void {
  for (const c of cards) void c.load();
}

function askForToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  state.token = null;
  tokenForm.hidden = false;
  tokenInput.focus();
}

tokenForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const token = tokenInput.value.trim().replace(/^Bearer\s+/i, '');
  if (!token) return;
  sessionStorage.setItem(TOKEN_KEY, token);
  state.token = token;
  tokenInput.value = '';
  tokenForm.hidden = true;
  loadAll();
});

async function main(): Promise<void> {
  applyTexts();
  // The gateway gives an analyst token on the embedded default only; elsewhere the analyst pastes one.
  const configured = await fetch('/explorer/config.json')
    .then(async (response) => (await response.json() as { token: string | null }).token)
    .catch(() => null);
  state.token = configured ?? sessionStorage.getItem(TOKEN_KEY);
  if (state.token) loadAll();
  else askForToken();
}

void main();
