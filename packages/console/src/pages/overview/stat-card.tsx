// A number on a card that links to the list behind it, with an optional comparison and caption.
import { Card, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { colors } from './palette.js';

export const StatCard = ({
  title,
  value,
  to,
  testId,
  change,
  caption,
}: {
  title: ReactNode;
  value: string;
  to: string;
  testId: string;
  /** Against the period before: up is green, down is amber, none is grey. */
  change?: { delta: number; text: string } | undefined;
  caption?: ReactNode;
}) => (
  <Card size="small" style={{ height: '100%' }} data-testid={testId}>
    <Link to={to} data-testid={`${testId}-link`}>
      <Statistic
        title={title}
        value={value}
        styles={{ content: { color: colors.primary } }}
        suffix={
          change ? (
            <Typography.Text
              style={{
                fontSize: 13,
                marginLeft: 8,
                color: change.delta > 0 ? colors.primary : change.delta < 0 ? colors.leaves : undefined,
              }}
              type={change.delta === 0 ? 'secondary' : undefined}
            >
              {change.delta > 0 ? '▲' : change.delta < 0 ? '▼' : '='} {change.text}
            </Typography.Text>
          ) : undefined
        }
      />
    </Link>
    {caption && (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {caption}
      </Typography.Text>
    )}
  </Card>
);
