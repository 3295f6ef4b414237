import { QunzhuError } from '@qunzhu/core';
import type { JsonToken } from '../../shared/json-lines.js';
import { ValueBuilder } from './value-builder.js';

/** One chat of the export, as far as it was read before its messages. */
export type ChatInfo = {
  id: string;
  type: string;
  name?: string;
  /** In `left_chats` of an all-chats export. */
  left: boolean;
};

/** A message of some chat, whole, with the line its object starts on. */
export type ChatMessage = { chat: ChatInfo; message: unknown; line: number };

type Frame =
  // An object that may be a chat: the root of a single-chat export, or an item of chats.list.
  | { role: 'chat'; key: string | null; info: Partial<ChatInfo> & { left: boolean }; root: boolean }
  // `chats` or `left_chats` of an all-chats export.
  | { role: 'holder'; key: string | null; left: boolean }
  | { role: 'list'; left: boolean }
  | { role: 'messages'; chat: ChatInfo };

const NOT_TELEGRAM = 'this is not a Telegram Desktop export ("Export chat history", format "Machine-readable JSON")';

const scalar = (token: JsonToken): boolean =>
  token.name === 'stringValue' ||
  token.name === 'numberValue' ||
  token.name === 'nullValue' ||
  token.name === 'trueValue' ||
  token.name === 'falseValue';

/**
 * Walks the tokens of a Telegram Desktop `result.json`, single chat (`{name, type, id, messages}`)
 * or all chats (`{about, …, chats: {list: [chat…]}, left_chats: {list: [chat…]}}`), keeping only the
 * messages: everything else (contacts, sessions, profile pictures…) is skipped without being built.
 */
export class ExportWalker {
  private readonly frames: Frame[] = [];
  private skipDepth = 0;
  private started = false;
  private readonly builder = new ValueBuilder();
  private assembling: { chat: ChatInfo; line: number } | null = null;
  /** Chats whose messages were reached. */
  chats = 0;
  /** The root object closed: the JSON was complete. */
  finished = false;
  private sawChatsList = false;

  constructor(private readonly file: string) {}

  /** Feed one token; returns a message when one is complete. */
  readonly consume = (token: JsonToken, line: number): ChatMessage | undefined => {
    if (this.assembling) return this.assemble(token);
    if (this.skipDepth > 0) {
      if (token.name === 'startObject' || token.name === 'startArray') this.skipDepth += 1;
      else if (token.name === 'endObject' || token.name === 'endArray') this.skipDepth -= 1;
      return undefined;
    }
    if (!this.started) {
      this.started = true;
      if (token.name !== 'startObject') throw this.fail(`${NOT_TELEGRAM}: its JSON is not an object`);
      this.frames.push({ role: 'chat', key: null, info: { left: false }, root: true });
      return undefined;
    }
    const frame = this.frames.at(-1);
    if (!frame) throw this.fail("there is more after the end of the export's JSON");
    if (token.name === 'endObject' || token.name === 'endArray') {
      this.frames.pop();
      if (this.frames.length === 0) this.end(frame);
      return undefined;
    }
    switch (frame.role) {
      case 'chat':
        return this.inChat(frame, token);
      case 'holder':
        if (token.name === 'keyValue') frame.key = String(token.value);
        else if (frame.key === 'list' && token.name === 'startArray') {
          this.sawChatsList = true;
          this.frames.push({ role: 'list', left: frame.left });
        } else this.skip(token);
        return undefined;
      case 'list':
        if (token.name === 'startObject') {
          this.frames.push({ role: 'chat', key: null, info: { left: frame.left }, root: false });
        } else this.skip(token);
        return undefined;
      case 'messages':
        if (token.name === 'startObject') {
          this.assembling = { chat: frame.chat, line };
          this.builder.consume(token);
          return undefined;
        }
        if (scalar(token) || token.name === 'startArray') {
          // Not an object: hand it over as it is (arrays are skipped), to be rejected with its line.
          this.skip(token);
          return { chat: frame.chat, message: token.name === 'startArray' ? [] : (token.value ?? null), line };
        }
        return undefined;
    }
  };

  private inChat(frame: Extract<Frame, { role: 'chat' }>, token: JsonToken): ChatMessage | undefined {
    if (token.name === 'keyValue') {
      frame.key = String(token.value);
      return undefined;
    }
    const key = frame.key;
    if (key === 'messages' && token.name === 'startArray') {
      this.frames.push({ role: 'messages', chat: this.chatOf(frame) });
      this.chats += 1;
    } else if (frame.root && (key === 'chats' || key === 'left_chats') && token.name === 'startObject') {
      this.frames.push({ role: 'holder', key: null, left: key === 'left_chats' });
    } else if (scalar(token) && (key === 'id' || key === 'type' || key === 'name')) {
      const value = token.value;
      if (key === 'name') {
        if (typeof value === 'string') frame.info.name = value;
      } else if (typeof value === 'string' || typeof value === 'number') {
        frame.info[key] = String(value);
      }
    } else {
      this.skip(token);
    }
    return undefined;
  }

  private chatOf(frame: Extract<Frame, { role: 'chat' }>): ChatInfo {
    const { id, type, name, left } = frame.info;
    // Telegram Desktop writes a chat's name, type and id before its messages.
    if (id === undefined || type === undefined || !/^-?\d+$/.test(id)) {
      const where = frame.root ? 'the export' : 'a chat in the chats list';
      throw this.fail(
        `${where} has "messages" without a numeric chat "id" and a "type" before them: ${NOT_TELEGRAM}` +
          ' (Discord and Slack exports have their own formats)',
      );
    }
    return name === undefined ? { id, type, left } : { id, type, name, left };
  }

  private assemble(token: JsonToken): ChatMessage | undefined {
    const message = this.builder.consume(token);
    if (message === undefined) return undefined;
    const { chat, line } = this.assembling as { chat: ChatInfo; line: number };
    this.assembling = null;
    return { chat, message, line };
  }

  private skip(token: JsonToken): void {
    if (token.name === 'startObject' || token.name === 'startArray') this.skipDepth = 1;
  }

  private end(root: Frame): void {
    this.finished = true;
    if (root.role === 'chat' && this.chats === 0 && !this.sawChatsList && root.info.type === undefined) {
      throw this.fail(`${NOT_TELEGRAM}: it has neither "messages" nor "chats"`);
    }
  }

  private fail(message: string): QunzhuError {
    return new QunzhuError('bad_input', `${this.file}: ${message}`);
  }
}
