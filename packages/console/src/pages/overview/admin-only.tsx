// A control only admins may use: disabled for others, with a tooltip that says which role it needs.
import { Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useSession } from '../../auth/session.js';
import { common } from '../../i18n/common.js';
import { useT } from '../../i18n/index.js';

export const AdminOnly = ({ children }: { children: (allowed: boolean) => ReactNode }) => {
  const session = useSession();
  const c = useT(common);
  const allowed = session.can('admin');
  if (allowed) return <>{children(true)}</>;
  return (
    <Tooltip title={c('needsRole', { role: c('roleAdmin') })}>
      {/* A disabled control fires no mouse events: the span carries the tooltip. */}
      <span style={{ display: 'inline-block' }}>{children(false)}</span>
    </Tooltip>
  );
};
