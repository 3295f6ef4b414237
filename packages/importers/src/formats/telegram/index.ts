import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isQunzhuError, QunzhuError } from '@qunzhu/core';
import { DerivedIds } from '../../shared/derive-id.js';
import { JsonLineParser, JsonSyntaxError } from '../../shared/json-lines.js';
import type { Outcome } from '../../shared/outcome.js';
import { assertText, detectEncoding, openText, readHead } from '../../shared/source.js';
import { checkTimeZone } from '../../shared/time.js';
import type { Importer, ImportRecord, ImportSource, Probe } from '../../types.js';
import { messageToEvents } from './events.js';
import { NameBook } from './names.js';
import { type ChatMessage, ExportWalker } from './walker.js';

const MAIN_FILE = 'result.json';
const PREVIEW = 2000;
const HTML_ADVICE =
  'this is Telegram Desktop\'s HTML export; export the chat again choosing the format "Machine-readable JSON" and import its result.json';

// How Telegram Desktop starts the file (export_output_json.cpp): a single chat is `{"name", "type",
// "id", "messages": [`, in that order; all chats start with `"about"` and then the sections chosen.
const SINGLE_CHAT =
  /^\{\s*(?:"name"\s*:\s*(?:null|"(?:[^"\\]|\\.)*")\s*,\s*)?"type"\s*:\s*"[a-z_]+"\s*,\s*"id"\s*:\s*-?\d+\s*,\s*"messages"\s*:\s*\[/;
const ALL_CHATS =
  /^\{\s*"about"\s*:\s*"(?:[^"\\]|\\.)*"\s*,\s*"(?:personal_information|profile_pictures|stories|contacts|frequent_contacts|sessions|web_sessions|other_data|chats|left_chats)"\s*:/;
const UNIXTIME = /"date_unixtime"\s*:\s*"\d+"/;
const PEER_ID = /"(?:from|actor)_id"\s*:\s*"(?:user|channel|chat)\d+"/;
const HTML_PAGE = /class="page_wrap"[\s\S]*class="history"/;

const headText = (probe: Probe): string =>
  probe.head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();

/** The export's JSON file: the input itself, or result.json in an export folder. */
const mainFile = (source: ImportSource): string => {
  if (!source.isDirectory) return source.path;
  const file = join(source.path, MAIN_FILE);
  if (existsSync(file)) return file;
  let names: string[] = [];
  try {
    names = readdirSync(source.path);
  } catch {
    // Reported below as a folder without result.json.
  }
  if (names.some((n) => /^messages\d*\.html$/.test(n)))
    throw new QunzhuError('bad_input', `${source.path}: ${HTML_ADVICE}`);
  throw new QunzhuError(
    'bad_input',
    `${source.path}: no ${MAIN_FILE} in this folder; point at the result.json of a Telegram Desktop export`,
  );
};

/**
 * Telegram Desktop writes control characters other than \n \r \t as `\xHH`, which JSON does not allow
 * (export_output_json.cpp, SerializeString). Read them as `\u00HH`; `\\x41` (an escaped backslash) stays.
 */
const repairEscapes = (text: string): string =>
  text.includes('\\x')
    ? text.replace(/(\\+)x([0-9a-fA-F]{2})/g, (whole, slashes: string, hex: string) =>
        slashes.length % 2 === 1 ? `${slashes.slice(1)}\\u00${hex}` : whole,
      )
    : text;

const preview = (value: unknown): string => {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > PREVIEW ? `${text.slice(0, PREVIEW)}…` : text;
};

const readError = (file: string, error: unknown, walker: ExportWalker): QunzhuError => {
  if (isQunzhuError(error)) return error;
  if (!(error instanceof JsonSyntaxError)) {
    const message = error instanceof Error ? error.message : String(error);
    return new QunzhuError('bad_input', `${file}: could not read the file: ${message}`, { cause: error });
  }
  const detail = error.message.replace(/^Parser (cannot parse input: |has )?/, '');
  if (walker.finished) {
    return new QunzhuError(
      'bad_input',
      `${file}: there is more after the end of the export's JSON, at line ${error.line}; the file was changed or two files were joined. Export it again.`,
      { cause: error },
    );
  }
  if (error.atEnd) {
    return new QunzhuError(
      'bad_input',
      `${file}: the JSON ends early, at line ${error.line} (${detail}): the export is incomplete or was cut off. ` +
        'Let Telegram Desktop finish the export (or copy the whole result.json) and import it again.',
      { cause: error },
    );
  }
  return new QunzhuError(
    'bad_input',
    `${file}: broken JSON at line ${error.line} (${detail}); a Telegram Desktop result.json is valid JSON, so the file was changed or damaged. Export it again.`,
    { cause: error },
  );
};

/**
 * Telegram Desktop "Export chat history" (or "Export Telegram data") in the format "Machine-readable
 * JSON": one chat, or all chats (each chat of `chats` and `left_chats` is its own group). Streamed:
 * only one message is held at a time, whatever the size of the file.
 */
export const telegramImporter: Importer = {
  format: 'telegram',
  title: 'Telegram Desktop export (result.json)',
  detect(probe) {
    if (probe.isDirectory) {
      if (probe.entries.includes(MAIN_FILE)) return 0.9;
      return probe.entries.some((e) => /^messages\d*\.html$/.test(e)) ? 0.3 : 0;
    }
    const text = headText(probe);
    if (text.startsWith('<')) return HTML_PAGE.test(text) ? 0.3 : 0;
    if (!text.startsWith('{')) return 0;
    if (SINGLE_CHAT.test(text)) return 0.95;
    if (ALL_CHATS.test(text)) return 0.9;
    return UNIXTIME.test(text) && PEER_ID.test(text) ? 0.6 : 0;
  },
  async *read(source, options): AsyncGenerator<ImportRecord> {
    checkTimeZone(options.tz);
    const file = mainFile(source);
    let head: Buffer;
    try {
      head = await readHead(file);
    } catch (error) {
      throw new QunzhuError('bad_input', `${file}: cannot open it (${(error as Error).message})`, { cause: error });
    }
    assertText(file, head, 'a Telegram Desktop export (result.json)');
    const start = head
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart();
    if (start === '') throw new QunzhuError('bad_input', `${file}: the file is empty; export the chat again`);
    if (start.startsWith('<')) throw new QunzhuError('bad_input', `${file}: ${HTML_ADVICE}`);

    const walker = new ExportWalker(file);
    const parser = new JsonLineParser<ChatMessage>(walker.consume, { repair: repairEscapes });
    // JSON is UTF-8 (or UTF-16 after a trip through an editor), never GB18030: a few bad bytes
    // must not turn the whole file into mojibake.
    const encoding =
      options.encoding && options.encoding !== 'auto'
        ? options.encoding
        : detectEncoding(head) === 'gb18030'
          ? 'utf8'
          : 'auto';
    const input = await openText(file, source.counter, encoding);
    input.on('error', (error) => parser.destroy(error));
    input.pipe(parser);
    const items = parser[Symbol.asyncIterator]() as AsyncIterator<ChatMessage>;
    const convert = { tz: options.tz, group: options.group, ids: new DerivedIds(), names: new NameBook() };
    try {
      for (;;) {
        let next: IteratorResult<ChatMessage>;
        try {
          next = await items.next();
        } catch (error) {
          throw readError(file, error, walker);
        }
        if (next.done) break;
        const { chat, message, line } = next.value;
        let outcomes: Outcome[];
        try {
          outcomes = messageToEvents(message, chat, convert);
        } catch (error) {
          outcomes = [{ ok: false, reason: `could not read this message: ${(error as Error).message}` }];
        }
        for (const outcome of outcomes) {
          yield outcome.ok
            ? { ok: true, event: outcome.event }
            : { ok: false, file, line, text: preview(message), reason: outcome.reason };
        }
      }
    } finally {
      input.unpipe(parser);
      input.destroy();
      parser.destroy();
    }
  },
};
