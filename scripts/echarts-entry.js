// The charts the app draws, and nothing more: a custom ECharts build exposed as the global
// `echarts`, which `ui::charts` draws with.
import * as echarts from 'echarts/core';
import { BarChart, RadarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, RadarComponent, TitleComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

// Bars for a questionnaire of one or two principles, too few for a radar.
echarts.use([BarChart, RadarChart, AriaComponent, GridComponent, LegendComponent, RadarComponent, TitleComponent, SVGRenderer]);
window.echarts = echarts;
