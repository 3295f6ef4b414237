import { Alert, Button, Empty, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client.js';
import { common } from '../i18n/common.js';
import { useT } from '../i18n/index.js';

/** Loading, error (with retry) and empty states around a query's content. */
export const QueryState = ({
  query,
  empty,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  /** Shown instead of the children when there is nothing yet: say what to do next. */
  empty?: { when: boolean; title: ReactNode; action?: ReactNode } | undefined;
  children: () => ReactNode;
}) => {
  const t = useT(common);
  if (query.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (query.isError) {
    const message =
      query.error instanceof ApiError || query.error instanceof Error ? query.error.message : String(query.error);
    return (
      <Alert
        type="error"
        showIcon
        title={t('loadFailed', { message })}
        action={
          <Button size="small" onClick={() => query.refetch()}>
            {t('retry')}
          </Button>
        }
      />
    );
  }
  if (empty?.when) return <Empty description={empty.title}>{empty.action}</Empty>;
  return <>{children()}</>;
};

export const NotAllowed = ({ role }: { role: string }) => {
  const t = useT(common);
  return <Result status="403" subTitle={t('needsRole', { role })} />;
};
