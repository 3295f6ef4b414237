// Tags for a group's type and lifecycle stage, in the current language and the shared colours.
import { Tag, Tooltip } from 'antd';
import type { GroupType, Lifecycle } from '../../api/types.js';
import { common, groupTypeKey, stageKey } from '../../i18n/common.js';
import { useFormat, useT } from '../../i18n/index.js';
import { labels, ruleKey } from './labels.js';
import { stageColor } from './palette.js';

const typeColor: Record<GroupType, string> = {
  lead: 'blue',
  conversion: 'purple',
  fan: 'green',
  flash: 'magenta',
  repurchase: 'gold',
  other: 'default',
};

export const TypeTag = ({ type }: { type: GroupType }) => {
  const c = useT(common);
  return <Tag color={typeColor[type] ?? 'default'}>{c(groupTypeKey[type] ?? 'typeOther')}</Tag>;
};

/** The stage, with the rule that decided it and since when, on hover. */
export const StageTag = ({ lifecycle, showSince = false }: { lifecycle: Lifecycle; showSince?: boolean }) => {
  const c = useT(common);
  const l = useT(labels);
  const f = useFormat();
  const rule = lifecycle.evidence.rule;
  const why = typeof rule === 'string' && ruleKey[rule] ? l(ruleKey[rule]) : '';
  const since = l('since', { day: f.date(lifecycle.since) });
  return (
    <Tooltip title={[why, since].filter(Boolean).join(' · ')}>
      <Tag color={stageColor[lifecycle.stage]}>
        {c(stageKey[lifecycle.stage])}
        {showSince ? ` · ${since}` : ''}
      </Tag>
    </Tooltip>
  );
};
