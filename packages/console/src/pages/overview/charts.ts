// Chart options for the overview and group pages: small builders over already-localised labels.
import type { EChartsOption } from 'echarts';
import { colors, heatRange, layerColor } from './palette.js';

/** Beyond this many points a chart gets a zoom slider. */
const ZOOM_FROM = 60;
const zoom = (points: number): EChartsOption['dataZoom'] =>
  points > ZOOM_FROM ? [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }] : [];
const grid = (points: number, right = 24): EChartsOption['grid'] => ({
  left: 8,
  right,
  top: 36,
  bottom: points > ZOOM_FROM ? 40 : 8,
  containLabel: true,
});
const categoryAxis = (data: string[]): EChartsOption['xAxis'] => ({
  type: 'category',
  data,
  boundaryGap: true,
  axisTick: { alignWithLabel: true },
});
const valueAxis = { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: colors.grid } } } as const;

/** One count per day (or week) as a line with a light area under it. */
export const countLineOption = (p: { x: string[]; values: number[]; name: string; color?: string }): EChartsOption => {
  const color = p.color ?? colors.primary;
  return {
    color: [color],
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [p.name] },
    grid: grid(p.x.length),
    dataZoom: zoom(p.x.length),
    xAxis: categoryAxis(p.x),
    yAxis: valueAxis,
    series: [
      {
        type: 'line',
        name: p.name,
        data: p.values,
        showSymbol: p.x.length <= 31,
        areaStyle: { color, opacity: 0.12 },
        lineStyle: { width: 2 },
      },
    ],
  };
};

/** Joins up and leaves down, per day: the flow of members at a glance. */
export const joinsLeavesOption = (p: {
  x: string[];
  joins: number[];
  leaves: number[];
  labels: { joins: string; leaves: string };
}): EChartsOption => ({
  color: [colors.joins, colors.leaves],
  tooltip: { trigger: 'axis', valueFormatter: (v) => String(Math.abs(Number(v))) },
  legend: { top: 0, data: [p.labels.joins, p.labels.leaves] },
  grid: grid(p.x.length),
  dataZoom: zoom(p.x.length),
  xAxis: categoryAxis(p.x),
  yAxis: { ...valueAxis, axisLabel: { formatter: (v: number) => String(Math.abs(v)) } },
  series: [
    { type: 'bar', name: p.labels.joins, stack: 'flow', data: p.joins },
    { type: 'bar', name: p.labels.leaves, stack: 'flow', data: p.leaves.map((n) => -n) },
  ],
});

/** Active members per week as bars, with the activity rate as a line on its own axis. */
export const weeklyActiveOption = (p: {
  x: string[];
  active: number[];
  rates: number[];
  labels: { active: string; rate: string };
  percent: (n: number) => string;
}): EChartsOption => ({
  color: [colors.primary, colors.secondary],
  tooltip: { trigger: 'axis' },
  legend: { top: 0, data: [p.labels.active, p.labels.rate] },
  grid: grid(p.x.length, 8),
  dataZoom: zoom(p.x.length),
  xAxis: categoryAxis(p.x),
  yAxis: [
    valueAxis,
    { type: 'value', min: 0, splitLine: { show: false }, axisLabel: { formatter: (v: number) => p.percent(v) } },
  ],
  series: [
    { type: 'bar', name: p.labels.active, data: p.active },
    {
      type: 'line',
      name: p.labels.rate,
      yAxisIndex: 1,
      data: p.rates,
      showSymbol: false,
      tooltip: { valueFormatter: (v) => p.percent(Number(v)) },
    },
  ],
});

/** How many members sit in each layer, one coloured bar per layer. */
export const layersOption = (p: { layers: { key: string; name: string; count: number }[] }): EChartsOption => ({
  tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
  grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
  xAxis: { ...valueAxis },
  yAxis: { type: 'category', inverse: true, data: p.layers.map((l) => l.name) },
  series: [
    {
      type: 'bar',
      barMaxWidth: 28,
      label: { show: true, position: 'right' },
      data: p.layers.map((l) => ({ value: l.count, itemStyle: { color: layerColor[l.key] ?? colors.muted } })),
    },
  ],
});

/** Retention: one row per cohort (week first seen), one column per week k after it. */
export const retentionOption = (p: {
  cohorts: { week: string; size: number; rates: number[] }[];
  labels: { weekK: (k: number) => string; cohort: (week: string, size: number) => string };
  percent: (n: number) => string;
}): EChartsOption => {
  const columns = Math.max(0, ...p.cohorts.map((c) => c.rates.length));
  const later = p.cohorts.flatMap((c) => c.rates.slice(1));
  // Week 0 is everyone who spoke on arrival; scaling the colours to the later weeks keeps them readable.
  const top = Math.max(0.01, ...(later.length > 0 ? later : p.cohorts.flatMap((c) => c.rates)));
  const rows = p.cohorts.map((c) => p.labels.cohort(c.week, c.size));
  const data = p.cohorts.flatMap((c, i) => c.rates.map((rate, k) => [k, i, Math.min(rate, top), rate]));
  return {
    tooltip: {
      formatter: (params) => {
        const value = (params as { value: number[] }).value;
        const [k = 0, i = 0, , rate = 0] = value;
        return `${rows[i] ?? ''}<br/>${p.labels.weekK(k)}: <b>${p.percent(rate)}</b>`;
      },
    },
    grid: { left: 8, right: 8, top: 8, bottom: 48, containLabel: true },
    xAxis: {
      type: 'category',
      data: Array.from({ length: columns }, (_, k) => p.labels.weekK(k)),
      splitArea: { show: true },
    },
    yAxis: { type: 'category', data: rows, inverse: true, splitArea: { show: true } },
    visualMap: {
      type: 'continuous',
      dimension: 2,
      min: 0,
      max: top,
      calculable: false,
      text: [p.percent(top), p.percent(0)],
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      inRange: { color: heatRange },
      formatter: (v) => p.percent(Number(v)),
    },
    series: [
      {
        type: 'heatmap',
        data,
        label: {
          show: p.cohorts.length <= 20 && columns <= 14,
          fontSize: 10,
          formatter: (params) => p.percent((params.value as number[])[3] ?? 0),
        },
        emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } },
      },
    ],
  };
};
