// A card title that explains itself on hover.
import { Tooltip } from 'antd';
import type { ReactNode } from 'react';

export const HintTitle = ({ title, hint }: { title: ReactNode; hint: ReactNode }) => (
  <Tooltip title={hint}>
    <span style={{ borderBottom: '1px dashed #bfbfbf', cursor: 'help' }}>{title}</span>
  </Tooltip>
);
