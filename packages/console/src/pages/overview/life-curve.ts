// The life curve of a group: weekly active members and messages, with the current lifecycle stage
// marked from the week it began.
import type { EChartsOption } from 'echarts';
import { colors } from './palette.js';
import { weekOf } from './weeks.js';

export const lifeCurveOption = (p: {
  weeks: string[];
  active: number[];
  messages: number[];
  since: string;
  stage: { label: string; color: string };
  labels: { active: string; messages: string };
}): EChartsOption => {
  const first = p.weeks[0] ?? '';
  const last = p.weeks.at(-1) ?? '';
  const since = weekOf(p.since);
  const from = since < first ? first : since > last ? last : since;
  return {
    color: [colors.primary, colors.secondary],
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [p.labels.active, p.labels.messages] },
    grid: { left: 8, right: 8, top: 36, bottom: p.weeks.length > 60 ? 40 : 8, containLabel: true },
    dataZoom: p.weeks.length > 60 ? [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }] : [],
    xAxis: { type: 'category', data: p.weeks, boundaryGap: false },
    yAxis: [
      { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: colors.grid } } },
      { type: 'value', minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      {
        type: 'line',
        name: p.labels.active,
        data: p.active,
        smooth: 0.2,
        showSymbol: false,
        lineStyle: { width: 3 },
        areaStyle: { opacity: 0.1 },
        markArea: {
          silent: true,
          itemStyle: { color: p.stage.color, opacity: 0.12 },
          label: { show: true, position: 'insideTop', color: p.stage.color, fontWeight: 'bold' },
          data: [[{ name: p.stage.label, xAxis: from }, { xAxis: last }]],
        },
      },
      {
        type: 'line',
        name: p.labels.messages,
        yAxisIndex: 1,
        data: p.messages,
        smooth: 0.2,
        showSymbol: false,
        lineStyle: { width: 1.5, type: 'dashed' },
      },
    ],
  };
};
