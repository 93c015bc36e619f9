/** The dashboard's words in English and Chinese; the page switches between them. */
export type Lang = 'en' | 'zh';

const PROVINCES: Record<string, { readonly en: string; readonly zh: string }> = {
  ZHEJIANG: { en: 'Zhejiang', zh: '浙江' },
  SHANGHAI: { en: 'Shanghai', zh: '上海' },
  JIANGSU: { en: 'Jiangsu', zh: '江苏' },
  ANHUI: { en: 'Anhui', zh: '安徽' },
};

/** Where a route goes when its destination is not a port of a province (a foreign port). */
export const FOREIGN = 'FOREIGN';

/** A province's name (or Foreign); a province the dashboard does not know yet by its enum value. */
export function placeLabel(value: string, lang: Lang): string {
  if (value === FOREIGN) return TEXT[lang].foreign;
  return PROVINCES[value]?.[lang] ?? value;
}

export interface Words {
  readonly pageTitle: string;
  readonly explorer: string;
  readonly month: string;
  readonly from: string;
  readonly to: string;
  readonly refresh: string;
  readonly token: string;
  readonly tokenHint: string;
  readonly useToken: string;
  readonly csv: string;
  readonly png: string;
  readonly loading: string;
  readonly noData: string;
  readonly foreign: string;
  readonly hours: string;
  readonly teu: string;
  readonly routeCount: string;
  readonly milestoneCount: string;
  readonly clearance: {
    readonly title: string; readonly source: string; readonly target: string; readonly targetSource: string;
    readonly import: string; readonly export: string; readonly axisX: string;
  };
  readonly capacity: {
    readonly title: string; readonly source: string; readonly throughput: string; readonly designPerMonth: string;
    readonly axisX: string;
  };
  readonly routes: {
    readonly title: string; readonly source: string; readonly sea: string; readonly air: string;
    readonly axisOrigin: string; readonly axisDestination: string;
  };
  readonly milestones: {
    readonly title: string; readonly source: string; readonly axisUnit: string; readonly shown: (shown: number, total: number) => string;
    readonly columns: readonly [string, string, string, string, string, string];
  };
}

export const TEXT: Record<Lang, Words> = {
  en: {
    pageTitle: 'Yangtze River Delta port clearance · dashboard',
    explorer: 'Explorer',
    month: 'Month',
    from: 'From',
    to: 'To',
    refresh: 'Refresh',
    token: 'Token',
    tokenHint: 'A token for the port clearance graph (ask your administrator, or run: npm run token -- analyst)',
    useToken: 'Use token',
    csv: 'CSV',
    png: 'PNG',
    loading: 'Loading…',
    noData: 'No data',
    foreign: 'Foreign',
    hours: 'Hours',
    teu: 'TEU',
    routeCount: 'Routes',
    milestoneCount: 'Overdue milestones',
    clearance: {
      title: 'Customs clearance time of seaports by province',
      source: 'Monthly mean of the seaports\' average customs clearance hours (clearanceTimeSeries); a gap is a month without records. Dashed: the national target for overall clearance time in force that year.',
      target: 'National target',
      targetSource: 'Target',
      import: 'Import',
      export: 'Export',
      axisX: 'Month',
    },
    capacity: {
      title: 'Container throughput against design capacity',
      source: 'Throughput customs recorded in the month at ports with open container terminals, and those terminals\' design capacity a year divided by 12 (regionalCapacity, CONTAINER).',
      throughput: 'Throughput in the month (TEU)',
      designPerMonth: 'Design capacity per month (TEU, a year / 12)',
      axisX: 'Province',
    },
    routes: {
      title: 'Routes between provinces',
      source: 'Routes the provinces\' port offices publish (routes), counted by origin province and destination province, or Foreign for a foreign port.',
      sea: 'Sea',
      air: 'Air',
      axisOrigin: 'Origin province',
      axisDestination: 'Destination',
    },
    milestones: {
      title: 'Overdue milestones by responsible unit and lead province',
      source: 'Milestones of the joint initiatives not done by their due date, as of today (overdueMilestones, the 100 most overdue).',
      axisUnit: 'Responsible unit',
      shown: (shown, total) => `${shown} of ${total} overdue milestones`,
      columns: ['Lead', 'Milestone', 'Due', 'Responsible unit', 'Days overdue', 'Initiative'],
    },
  },
  zh: {
    pageTitle: '长三角口岸通关 · 数据看板',
    explorer: '查询工具',
    month: '月份',
    from: '起',
    to: '止',
    refresh: '刷新',
    token: '令牌',
    tokenHint: '口岸通关数据图谱的令牌（请向管理员索取，或运行：npm run token -- analyst）',
    useToken: '使用令牌',
    csv: 'CSV',
    png: 'PNG',
    loading: '加载中…',
    noData: '无数据',
    foreign: '境外',
    hours: '小时',
    teu: '标箱',
    routeCount: '航线数',
    milestoneCount: '逾期节点数',
    clearance: {
      title: '各省海港口岸通关时间',
      source: '各海港平均海关通关时间的月度均值（clearanceTimeSeries）；空缺表示该月无记录。虚线：当年有效的全国整体通关时间目标。',
      target: '全国目标',
      targetSource: '目标',
      import: '进口',
      export: '出口',
      axisX: '月份',
    },
    capacity: {
      title: '集装箱吞吐量与设计能力',
      source: '海关记录的当月吞吐量（有开放集装箱码头的口岸）及这些码头年设计能力除以12（regionalCapacity，CONTAINER）。',
      throughput: '当月吞吐量（标箱）',
      designPerMonth: '月设计能力（标箱，年÷12）',
      axisX: '省市',
    },
    routes: {
      title: '省际航线',
      source: '各省口岸办发布的航线（routes），按始发省市与目的省市（境外港口记为境外）计数。',
      sea: '海运',
      air: '空运',
      axisOrigin: '始发省市',
      axisDestination: '目的地',
    },
    milestones: {
      title: '按责任单位和牵头省市统计的逾期节点',
      source: '截至今天未按期完成的联合项目节点（overdueMilestones，逾期最久的100个）。',
      axisUnit: '责任单位',
      shown: (shown, total) => `逾期节点 ${shown} / ${total}`,
      columns: ['牵头省市', '节点', '到期日', '责任单位', '逾期天数', '项目'],
    },
  },
};
