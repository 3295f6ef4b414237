import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { reportSchema } from './report-schema.js';

// The report's JSON Schema is committed (docs/report.schema.json) for people and tools that read
// `qunzhu report --json`. This keeps it equal to the zod schema the code checks: regenerate with
// `QUNZHU_WRITE_SCHEMA=1 npx vitest run packages/server/src/analytics/schema-file.test.ts`.
const file = new URL('../../../../docs/report.schema.json', import.meta.url);

describe('docs/report.schema.json', () => {
  it('is the JSON Schema of the report', () => {
    const generated = `${JSON.stringify(
      { $id: 'urn:qunzhu:schema:report', title: 'Qunzhu report', ...z.toJSONSchema(reportSchema) },
      null,
      2,
    )}\n`;
    if (process.env.QUNZHU_WRITE_SCHEMA) writeFileSync(file, generated);
    // Compared as JSON, so the formatter may lay the file out as it likes.
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(generated));
  });
});
