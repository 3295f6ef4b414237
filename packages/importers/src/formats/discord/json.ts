import { QunzhuError } from '@qunzhu/core';
import Assembler from 'stream-json/Assembler.js';
import { JsonLineParser, JsonSyntaxError, type JsonToken } from '../../shared/json-lines.js';
import { assertText, clean, openText, readHead } from '../../shared/source.js';
import type { Importer, ImportOptions, ImportRecord, ImportSource } from '../../types.js';
import { exportFilesIn } from './file-name.js';
import { channelSchema, type Group, guildSchema, messageToEvent, PLATFORM } from './json-message.js';

const WHAT = 'a DiscordChatExporter JSON export';
const MAX_REJECT_TEXT = 2000;

const notAnExport = (path: string, why: string) => new QunzhuError('bad_input', `${path}: not ${WHAT}: ${why}`);

// Snowflakes are 64-bit: read numbers as strings so an id written as a number keeps its digits.
const assembler = () => new Assembler({ numberAsString: true } as Assembler.AssemblerOptions);
// The Assembler's types allow only string values; it ignores the value of true/false/null tokens.
type AssemblerToken = Parameters<Assembler['consume']>[0];

type Phase =
  | 'start' // before the root object
  | 'root' // in the root object, between members
  | 'value' // a root member's key was read, its value comes next
  | 'header' // assembling `guild` or `channel`
  | 'skip' // passing over another root member (dateRange, …)
  | 'messages' // in the messages array, between messages
  | 'message' // assembling one message
  | 'end';

const isDirect = (channelType: string | null | undefined, guildId: string | null | undefined) =>
  /^(Direct|DM$|GroupDM$)/.test(channelType ?? '') || guildId === '0';

/**
 * Reads the export's root object token by token: `guild` and `channel` are assembled whole (they
 * come first), `messages` one element at a time, everything else is passed over unassembled. Each
 * finished message is returned as a record by the token that finishes it.
 */
class ExportReader {
  private phase: Phase = 'start';
  private key = '';
  private depth = 0;
  private asm = assembler();
  private messageLine = 0;
  private guild: unknown;
  private channel: unknown;
  private group: Group | null = null;
  private sawMessages = false;
  /** Line of the last token. */
  private line = 1;

  constructor(
    private readonly path: string,
    private readonly options: ImportOptions,
  ) {}

  consume = (token: JsonToken, line: number): ImportRecord | undefined => {
    this.line = line;
    switch (this.phase) {
      case 'start':
        if (token.name !== 'startObject') throw notAnExport(this.path, 'it is not a JSON object');
        this.phase = 'root';
        return;
      case 'root':
        if (token.name === 'keyValue') {
          this.key = String(token.value);
          this.phase = 'value';
        } else if (token.name === 'endObject') {
          this.phase = 'end';
        }
        return;
      case 'value':
        if (this.key === 'messages') {
          if (token.name !== 'startArray') throw notAnExport(this.path, '"messages" is not an array');
          this.group = this.resolveGroup();
          this.sawMessages = true;
          this.phase = 'messages';
        } else if (this.key === 'guild' || this.key === 'channel') {
          this.asm = assembler();
          this.phase = 'header';
          return this.consume(token, line);
        } else if (token.name === 'startObject' || token.name === 'startArray') {
          this.depth = 1;
          this.phase = 'skip';
        } else {
          this.phase = 'root';
        }
        return;
      case 'header':
        this.asm.consume(token as AssemblerToken);
        if (this.asm.done) {
          if (this.key === 'guild') this.guild = this.asm.current;
          else this.channel = this.asm.current;
          this.phase = 'root';
        }
        return;
      case 'skip':
        if (token.name === 'startObject' || token.name === 'startArray') this.depth += 1;
        else if (token.name === 'endObject' || token.name === 'endArray') this.depth -= 1;
        if (this.depth === 0) this.phase = 'root';
        return;
      case 'messages':
        if (token.name === 'endArray') {
          this.phase = 'root';
          return;
        }
        this.asm = assembler();
        this.messageLine = line;
        this.phase = 'message';
        return this.consume(token, line);
      case 'message':
        this.asm.consume(token as AssemblerToken);
        if (this.asm.done) {
          this.phase = 'messages';
          return this.finishMessage(this.asm.current);
        }
        return;
      case 'end':
        return;
    }
  };

  /** After the last token: the export must be complete. */
  finish(): void {
    if (this.phase === 'start') throw notAnExport(this.path, 'the file holds no JSON');
    if (this.phase !== 'end') {
      throw new QunzhuError(
        'bad_input',
        `${this.path}: the JSON ends early at line ${this.line}: the export is truncated`,
      );
    }
    if (!this.sawMessages) throw notAnExport(this.path, 'it has no "messages" array');
  }

  private resolveGroup(): Group {
    const channel = channelSchema.safeParse(this.channel);
    if (!channel.success) {
      throw notAnExport(
        this.path,
        this.channel === undefined
          ? 'no "channel" comes before "messages"'
          : `its "channel" has no id (${channel.error.issues[0]?.message ?? 'invalid'})`,
      );
    }
    if (this.options.group)
      return { platform: PLATFORM, platformGroupId: this.options.group, name: this.options.group };
    const guild = guildSchema.safeParse(this.guild);
    const guildName = guild.success ? (guild.data.name ?? '') : '';
    const channelName = channel.data.name || channel.data.id;
    const direct = isDirect(channel.data.type, guild.success ? guild.data.id : undefined);
    const name = direct || !guildName ? channelName : `${guildName} #${channelName}`;
    return { platform: PLATFORM, platformGroupId: clean(channel.data.id), name: clean(name) };
  }

  private finishMessage(json: unknown): ImportRecord {
    const result = messageToEvent(json, this.group as Group, this.options.tz);
    if (result.ok) return { ok: true, event: result.event };
    const text = JSON.stringify(json) ?? '';
    return {
      ok: false,
      file: this.path,
      line: this.messageLine,
      text: text.length > MAX_REJECT_TEXT ? `${text.slice(0, MAX_REJECT_TEXT)}…` : text,
      reason: result.reason,
    };
  }
}

async function* readFile(path: string, source: ImportSource, options: ImportOptions): AsyncGenerator<ImportRecord> {
  const head = await readHead(path, 8192);
  if (head.length === 0) throw new QunzhuError('bad_input', `${path}: the file is empty, not ${WHAT}`);
  assertText(path, head, WHAT);
  const reader = new ExportReader(path, options);
  const parser = new JsonLineParser<ImportRecord>(reader.consume);
  const input = await openText(path, source.counter, options.encoding ?? 'auto');
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  try {
    for await (const record of parser) yield record as ImportRecord;
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      throw new QunzhuError(
        'bad_input',
        error.atEnd
          ? `${path}: the JSON ends early at line ${error.line}: the export is truncated`
          : `${path}:${error.line}: not valid JSON (${error.message.replace(/^Parser /, '')}); the export is damaged`,
        { cause: error },
      );
    }
    if (error instanceof QunzhuError) throw error;
    throw new QunzhuError('bad_input', `${path}: cannot be read: ${(error as Error).message ?? String(error)}`, {
      cause: error,
    });
  } finally {
    input.unpipe(parser);
    input.destroy();
    parser.destroy();
  }
  reader.finish();
}

/**
 * DiscordChatExporter (Tyrrrz/DiscordChatExporter) JSON: one channel per file, `guild` and `channel`
 * first, then `messages`, streamed so a multi-gigabyte export reads in flat memory. The group is the
 * channel (`Guild #channel`, or the channel's name for DMs); identities are user ids. A folder is read
 * file by file, the parts of a partitioned export in order.
 */
export const discordJsonImporter: Importer = {
  format: 'discord-json',
  title: 'Discord (DiscordChatExporter JSON)',
  detect(probe) {
    if (probe.isDirectory && !probe.entries.some((e) => /\.json$/i.test(e))) return 0;
    const head = probe.head
      .subarray(0, 4096)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    if (/^\s*\{\s*"guild"\s*:\s*\{/.test(head) && head.includes('"channel"')) return 0.95;
    if (/^\s*\{/.test(head) && /"guild"\s*:/.test(head) && /"channel"\s*:/.test(head) && /"messages"\s*:/.test(head)) {
      return 0.8;
    }
    return 0;
  },
  async *read(source, options): AsyncGenerator<ImportRecord> {
    const files = source.isDirectory ? exportFilesIn(source.path, '.json') : [source.path];
    for (const path of files) yield* readFile(path, source, options);
  },
};
