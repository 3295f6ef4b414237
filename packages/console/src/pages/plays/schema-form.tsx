// A configuration form generated from a play's JSON schema: strings, numbers, booleans, enums,
// arrays of strings or objects; anything else is edited as raw JSON.
import { Button, Card, Flex, Form, Input, InputNumber, Select, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useLanguage, useT } from '../../i18n/index.js';
import { playsMessages } from './plays.messages.js';
import type { JsonSchema } from './types.js';

type FieldProps = {
  schema: JsonSchema;
  value: unknown;
  onChange: (value: unknown) => void;
  disabled: boolean;
  /** Where the field sits, for test ids: `triggers.0.reply`. */
  path: string;
};

const typeOf = (schema: JsonSchema): string | undefined => {
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null');
  return schema.type;
};

/** A label from the schema: its title (`zh-CN / en` split by " / " picks the language), else the key. */
export const labelOf = (schema: JsonSchema, key: string, language: string): string => {
  const title = schema.title ?? key;
  const parts = title.split(' / ');
  return (language === 'en' ? parts[1] : parts[0]) ?? title;
};

const isSimpleObject = (schema: JsonSchema) => typeOf(schema) === 'object' && schema.properties !== undefined;

const RawJson = ({ value, onChange, disabled, path }: Omit<FieldProps, 'schema'>) => {
  const t = useT(playsMessages);
  const [text, setText] = useState(() => JSON.stringify(value ?? null, null, 2));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(JSON.stringify(value ?? null, null, 2));
  }, [value]);
  return (
    <>
      <Input.TextArea
        value={text}
        disabled={disabled}
        autoSize={{ minRows: 2, maxRows: 12 }}
        style={{ fontFamily: 'monospace' }}
        data-testid={`field-${path}`}
        onChange={(e) => {
          setText(e.target.value);
          try {
            onChange(JSON.parse(e.target.value));
            setError(null);
          } catch (err) {
            setError((err as Error).message);
          }
        }}
      />
      {error && <Typography.Text type="danger">{t('rawJsonInvalid', { message: error })}</Typography.Text>}
    </>
  );
};

export const SchemaField = ({ schema, value, onChange, disabled, path }: FieldProps) => {
  const t = useT(playsMessages);
  const type = typeOf(schema);
  const testId = `field-${path}`;
  if (schema.enum?.every((v) => typeof v === 'string')) {
    return (
      <Select
        value={(value ?? schema.default) as string | undefined}
        disabled={disabled}
        style={{ minWidth: 160 }}
        options={(schema.enum as string[]).map((v) => ({ value: v, label: v }))}
        onChange={onChange}
        data-testid={testId}
      />
    );
  }
  if (type === 'string') {
    const long = (schema.maxLength ?? 0) > 200;
    const common = { value: (value as string | undefined) ?? '', disabled, 'data-testid': testId };
    return long ? (
      <Input.TextArea {...common} autoSize={{ minRows: 1, maxRows: 8 }} onChange={(e) => onChange(e.target.value)} />
    ) : (
      <Input {...common} onChange={(e) => onChange(e.target.value)} />
    );
  }
  if (type === 'number' || type === 'integer') {
    return (
      <InputNumber
        value={(value as number | undefined) ?? (schema.default as number | undefined) ?? null}
        disabled={disabled}
        {...(schema.minimum === undefined ? {} : { min: schema.minimum })}
        {...(schema.maximum === undefined ? {} : { max: schema.maximum })}
        {...(type === 'integer' ? { precision: 0 } : {})}
        onChange={(v) => onChange(v ?? undefined)}
        data-testid={testId}
      />
    );
  }
  if (type === 'boolean') {
    return (
      <Switch checked={Boolean(value ?? schema.default)} disabled={disabled} onChange={onChange} data-testid={testId} />
    );
  }
  if (type === 'array' && schema.items && typeOf(schema.items) === 'string' && !schema.items.enum) {
    return (
      <Select
        mode="tags"
        value={(value as string[] | undefined) ?? []}
        disabled={disabled}
        style={{ minWidth: 240, width: '100%' }}
        tokenSeparators={['\n']}
        open={false}
        onChange={onChange}
        data-testid={testId}
      />
    );
  }
  if (type === 'array' && schema.items && isSimpleObject(schema.items)) {
    const items = Array.isArray(value) ? value : [];
    const itemSchema = schema.items;
    return (
      <Flex vertical gap={8} style={{ width: '100%' }} data-testid={testId}>
        {items.length === 0 && <Typography.Text type="secondary">{t('empty')}</Typography.Text>}
        {items.map((item, i) => (
          <Card
            // biome-ignore lint/suspicious/noArrayIndexKey: items have no identity but their place
            key={i}
            size="small"
            title={t('item', { n: i + 1 })}
            extra={
              <Button size="small" danger disabled={disabled} onClick={() => onChange(items.filter((_, j) => j !== i))}>
                {t('remove')}
              </Button>
            }
          >
            <ObjectFields
              schema={itemSchema}
              value={item}
              disabled={disabled}
              path={`${path}.${i}`}
              onChange={(v) => onChange(items.map((x, j) => (j === i ? v : x)))}
            />
          </Card>
        ))}
        <Button
          size="small"
          disabled={disabled}
          style={{ alignSelf: 'start' }}
          data-testid={`${testId}-add`}
          onClick={() => onChange([...items, {}])}
        >
          + {t('add')}
        </Button>
      </Flex>
    );
  }
  if (isSimpleObject(schema)) {
    return <ObjectFields schema={schema} value={value} onChange={onChange} disabled={disabled} path={path} />;
  }
  return <RawJson value={value} onChange={onChange} disabled={disabled} path={path} />;
};

/** One form item per property of an object schema. */
export const ObjectFields = ({ schema, value, onChange, disabled, path }: FieldProps) => {
  const { language } = useLanguage();
  const object = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  return (
    <Form layout="vertical" size="small" component="div">
      {Object.entries(schema.properties ?? {}).map(([key, property]) => (
        <Form.Item
          key={key}
          label={labelOf(property, key, language)}
          tooltip={property.description}
          style={{ marginBottom: 12 }}
        >
          <SchemaField
            schema={property}
            value={object[key]}
            disabled={disabled}
            path={path ? `${path}.${key}` : key}
            onChange={(v) => onChange({ ...object, [key]: v })}
          />
        </Form.Item>
      ))}
    </Form>
  );
};
