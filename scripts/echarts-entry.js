// The charts the app draws, and nothing more: a custom ECharts build exposed as the global
// `echarts`, which `ui::charts` draws with.
import * as echarts from 'echarts/core';
import { RadarChart } from 'echarts/charts';
import { AriaComponent, LegendComponent, RadarComponent, TitleComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([RadarChart, AriaComponent, LegendComponent, RadarComponent, TitleComponent, SVGRenderer]);
window.echarts = echarts;
