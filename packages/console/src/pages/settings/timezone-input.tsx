import { AutoComplete } from 'antd';
import { useMemo } from 'react';

/** Zones operators pick most often; any other IANA name can be typed. */
export const COMMON_ZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Kolkata',
  'Asia/Dubai',
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Paris',
  'Europe/Moscow',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Australia/Sydney',
  'Pacific/Auckland',
] as const;

/** True when the browser knows `tz` as an IANA zone (the server checks the same way). */
export const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const allZones = (): string[] => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
};

/** A time zone field: the common zones to pick from, every IANA zone by search, or free input. */
export const TimezoneInput = ({
  value,
  onChange,
  disabled,
  testId,
  id,
}: {
  value?: string;
  onChange?: (value: string) => void;
  disabled?: boolean;
  testId?: string;
  id?: string;
}) => {
  const zones = useMemo(() => {
    const common = new Set<string>(COMMON_ZONES);
    return [...COMMON_ZONES, ...allZones().filter((z) => !common.has(z))];
  }, []);
  const query = (value ?? '').trim().toLowerCase();
  // An empty field or one holding a full zone name shows the common zones; typing searches all.
  const showAll = query !== '' && !zones.some((z) => z.toLowerCase() === query);
  const options = (showAll ? zones.filter((z) => z.toLowerCase().includes(query)) : [...COMMON_ZONES])
    .slice(0, 50)
    .map((z) => ({ value: z, label: z }));
  return (
    <AutoComplete
      id={id}
      value={value}
      onChange={(v: string) => onChange?.(v)}
      options={options}
      disabled={disabled}
      data-testid={testId}
      placeholder="Asia/Shanghai"
      style={{ width: '100%' }}
    />
  );
};
