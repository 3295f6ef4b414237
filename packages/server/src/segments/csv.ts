import type { Language } from '@qunzhu/core';
import type { MemberExportRow } from '@qunzhu/store';
import { stringify } from 'csv-stringify/sync';

const HEADERS: Record<Language, string[]> = {
  'zh-CN': ['成员 ID', '名称', '平台身份', '标签', '积分', '首次出现', '最近出现'],
  en: ['Member ID', 'Name', 'Platform identities', 'Tags', 'Points', 'First seen', 'Last seen'],
};

/** Excel opens a UTF-8 CSV as UTF-8 only when it starts with a byte order mark. */
export const UTF8_BOM = '\uFEFF';

/**
 * CSV text of rows: RFC 4180 quoting by csv-stringify, CRLF line ends, and cells that a spreadsheet
 * would run as a formula (=, +, -, @, tab, CR first) neutralised with a leading quote.
 */
export const csvText = (rows: readonly (readonly (string | number)[])[]): string =>
  stringify(rows as (string | number)[][], { record_delimiter: 'windows', escape_formulas: true });

const cells = (r: MemberExportRow): (string | number)[] => [
  r.id,
  r.displayName,
  r.identities.join(' '),
  r.tags.join('; '),
  r.points,
  r.firstSeenAt?.toISOString() ?? '',
  r.lastSeenAt?.toISOString() ?? '',
];

/**
 * A segment export as a byte stream: BOM and header first, then each batch of members as it is read,
 * so a large community never sits in memory and the download starts at once.
 */
export const segmentCsv = (
  batches: AsyncGenerator<MemberExportRow[]>,
  language: Language,
): ReadableStream<Uint8Array> => {
  const encoder = new TextEncoder();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(UTF8_BOM + csvText([HEADERS[language]])));
        return;
      }
      try {
        const next = await batches.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(csvText(next.value.map(cells))));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
};
