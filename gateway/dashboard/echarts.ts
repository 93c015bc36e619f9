// Only the parts of Apache ECharts the dashboard draws with, bundled into main.js: no other host, no unused charts.
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import type { BarSeriesOption, HeatmapSeriesOption, LineSeriesOption } from 'echarts/charts';
import {
  GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapContinuousComponent,
} from 'echarts/components';
import type {
  GridComponentOption, LegendComponentOption, TitleComponentOption, TooltipComponentOption, VisualMapComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([LineChart, BarChart, HeatmapChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent,
  VisualMapContinuousComponent, CanvasRenderer]);

/** An option of one of the dashboard's charts. */
export type ChartOption = ComposeOption<
  LineSeriesOption | BarSeriesOption | HeatmapSeriesOption | GridComponentOption | LegendComponentOption |
  TitleComponentOption | TooltipComponentOption | VisualMapComponentOption
>;

export { init };
export type { EChartsType } from 'echarts/core';
export type { LineSeriesOption };
