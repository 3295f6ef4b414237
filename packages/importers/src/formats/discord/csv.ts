import { basename } from 'node:path';
import { type EventInput, type JsonObject, QunzhuError } from '@qunzhu/core';
import { readCsvRecords } from '../../shared/csv.js';
import { findColumn, firstLine, readCsvHeader } from '../../shared/csv-header.js';
import { DerivedIds } from '../../shared/derive-id.js';
import { clean } from '../../shared/source.js';
import type { Importer, ImportOptions, ImportRecord, ImportSource } from '../../types.js';
import { parseExportDate } from './dates.js';
import { exportFilesIn, parseExportFileName } from './file-name.js';

const PLATFORM = 'discord';
const WHAT = 'a DiscordChatExporter CSV export';

// Newer versions: `AuthorID,Author,Date,Content,Attachments,Reactions`; 2018–2019 versions the same with
// `;` and a `;` after every field, the oldest without AuthorID and Reactions: `Author;Date;Content;Attachments;`.
const HEADER =
  /^"?(?:AuthorID"?[,;]"?)?Author"?[,;]"?Date"?[,;]"?Content"?(?:[,;]"?Attachments"?(?:[,;]"?Reactions"?)?)?[,;]?\s*$/;

/** `Name#1234` → `Name`: the discriminator belongs to the account, not to what people call it. */
const withoutDiscriminator = (author: string): string => author.replace(/#\d{1,4}$/, '') || author;

/** `👍 (3),kekw (1)` → [{emoji, count}]; a piece that does not read so is kept as it is. */
const parseReactions = (text: string): JsonObject[] =>
  text
    .split(',')
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '')
    .map((piece) => {
      const m = /^(.*?)\s*\((\d+)\)$/.exec(piece);
      return m ? { emoji: m[1] ?? '', count: Number(m[2]) } : { emoji: piece };
    });

async function* readFile(path: string, source: ImportSource, options: ImportOptions): AsyncGenerator<ImportRecord> {
  const encoding = options.encoding ?? 'auto';
  const header = await readCsvHeader(path, encoding, WHAT);
  const col = {
    authorId: findColumn(header.columns, 'AuthorID'),
    author: findColumn(header.columns, 'Author'),
    date: findColumn(header.columns, 'Date'),
    content: findColumn(header.columns, 'Content'),
    attachments: findColumn(header.columns, 'Attachments'),
    reactions: findColumn(header.columns, 'Reactions'),
  };
  if (!col.author || !col.date || !col.content) {
    throw new QunzhuError(
      'bad_input',
      `${path}: not ${WHAT}: its header is "${header.line.slice(0, 200)}", expected ` +
        'AuthorID,Author,Date,Content,Attachments,Reactions (for another CSV, use --format csv with --map)',
    );
  }
  const file = parseExportFileName(basename(path));
  const group = options.group
    ? { platform: PLATFORM, platformGroupId: options.group, name: options.group }
    : { platform: PLATFORM, platformGroupId: clean(file.platformGroupId), name: clean(file.name) };
  const ids = new DerivedIds();

  yield* readCsvRecords(path, header, { counter: source.counter, encoding }, (r, reject) => {
    const get = (name: string | undefined) => (name === undefined ? '' : (r[name] ?? ''));
    const authorId = get(col.authorId).trim();
    const author = get(col.author).trim();
    const date = get(col.date);
    const content = get(col.content);
    const attachments = get(col.attachments);
    if (col.authorId ? authorId === '' : author === '')
      return reject(col.authorId ? 'AuthorID is empty' : 'Author is empty');
    const at = parseExportDate(date, options.tz);
    if (!at) {
      return reject(
        `Date "${date}" is not a time between 1970 and 2100 in a form DiscordChatExporter writes ` +
          '(2020-06-01T12:34:56.789+00:00, 12-Jun-18 06:30 AM, 12/06/2018 06:30)',
      );
    }
    // Without AuthorID (the oldest exports) the identity is `Name#1234`, unique on Discord at the time.
    const userId = clean(col.authorId ? authorId : author);
    const extra: JsonObject = {};
    const urls = attachments
      .split(',')
      .map((u) => u.trim())
      .filter((u) => u !== '');
    if (urls.length > 0) extra.attachments = urls.map((url) => ({ url: clean(url) }));
    const reactions = parseReactions(clean(get(col.reactions)));
    if (reactions.length > 0) extra.reactions = reactions;
    const event: EventInput = {
      type: 'message',
      source: `${PLATFORM}:${group.platformGroupId}`,
      // The part number keeps identical rows in two parts of one channel apart; reactions are left
      // out so that a later export of the same messages, with more reactions, adds nothing.
      sourceId: ids.next({ part: file.part, author: col.authorId ? authorId : author, date, content, attachments }),
      group,
      actor: {
        platform: PLATFORM,
        platformUserId: userId,
        ...(author ? { displayName: clean(withoutDiscriminator(author)) } : {}),
      },
      at,
      text: clean(content),
      ...(Object.keys(extra).length > 0 ? { extra } : {}),
    };
    return { ok: true, event };
  });
}

/**
 * DiscordChatExporter (Tyrrrz/DiscordChatExporter) CSV, both generations: `,` with ISO dates, and the
 * 2018–2019 `;` with `dd-MMM-yy hh:mm tt` local dates (read in `options.tz`). CSV has no message ids and
 * no channel: ids are derived from the row, and the group comes from the file name
 * (`Guild - Category - channel [id].csv`, parts `… [part 2].csv` joining the same group). A folder is
 * read file by file. All rows are messages: CSV exports carry no joins.
 */
export const discordCsvImporter: Importer = {
  format: 'discord-csv',
  title: 'Discord (DiscordChatExporter CSV)',
  detect(probe) {
    if (probe.isDirectory && !probe.entries.some((e) => /\.csv$/i.test(e))) return 0;
    const line = firstLine(probe.head).trim();
    if (!HEADER.test(line)) return 0;
    return line.includes('AuthorID') ? 0.95 : 0.9;
  },
  async *read(source, options): AsyncGenerator<ImportRecord> {
    const files = source.isDirectory ? exportFilesIn(source.path, '.csv') : [source.path];
    for (const path of files) yield* readFile(path, source, options);
  },
};
