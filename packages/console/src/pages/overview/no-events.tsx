// What to do when a scope has no events yet: import history, or try the sandbox.
import { Button, Flex } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../i18n/index.js';
import { labels } from './labels.js';

export const NoEventsActions = ({ sandboxTo = '/sandbox' }: { sandboxTo?: string }) => {
  const l = useT(labels);
  return (
    <Flex gap={8} justify="center" data-testid="no-events">
      <Link to="/import">
        <Button type="primary">{l('importHistory')}</Button>
      </Link>
      <Link to={sandboxTo}>
        <Button>{l('trySandbox')}</Button>
      </Link>
    </Flex>
  );
};
