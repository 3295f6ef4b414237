// One set of colours for every chart and tag of the overview, groups and group pages.
import type { Alert, Lifecycle } from '../../api/types.js';

export const PRIMARY = '#1f7a4d';
export const colors = {
  primary: PRIMARY,
  secondary: '#3b6fb6',
  joins: PRIMARY,
  leaves: '#d4873f',
  muted: '#bfbfbf',
  grid: '#f0f0f0',
} as const;

export const stageColor: Record<Lifecycle['stage'], string> = {
  seed: '#4aa3a2',
  growth: '#52a36b',
  active: PRIMARY,
  decline: '#d4873f',
  dormant: '#8c8c8c',
};

export const severityColor: Record<Alert['severity'], string> = {
  critical: '#cf1322',
  warning: '#d4873f',
  info: '#3b6fb6',
};

export const layerColor: Record<string, string> = {
  active: PRIMARY,
  participant: '#52a36b',
  observer: '#a3c9a8',
  lurker: '#bfbfbf',
};

/** Light to primary: for the retention heatmap. */
export const heatRange = ['#f3f8f5', '#a3c9a8', PRIMARY];

/** The colour of a 0–100 score: red, amber, green. */
export const scoreColor = (score: number) => (score >= 70 ? PRIMARY : score >= 40 ? '#d4873f' : '#cf1322');
