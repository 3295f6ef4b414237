import type { TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import Parser from 'stream-json/Parser.js';

/** A stream-json token (packed values only): startObject, keyValue, stringValue, numberValue, … */
export type Token = { name: string; value?: string | number | boolean | null };

/** Called for every token, in order, with the line it was read on; what it returns (if anything) is passed on. */
export type TokenHandler<T> = (token: Token, line: number) => T | undefined;

// The one stream-json internal used: append text to the parse buffer and parse what can be parsed.
type ParserInternals = { _transformString(chunk: string, encoding: BufferEncoding, callback: TransformCallback): void };
const parseMore = (Parser.prototype as unknown as ParserInternals)._transformString;

// A line longer than this (minified JSON) is fed in pieces so memory stays flat.
const MAX_CARRY = 1 << 20;
const CUTTABLE = /[^\\xX0-9a-fA-F]/;

/**
 * Telegram Desktop writes control characters other than \n \r \t as `\xHH`, which JSON does not allow
 * (export_output_json.cpp, SerializeString). Read them as `\u00HH`; `\\x41` (an escaped backslash) stays.
 */
export const repairEscapes = (text: string): string =>
  text.includes('\\x')
    ? text.replace(/(\\+)x([0-9a-fA-F]{2})/g, (whole, slashes: string, hex: string) =>
        slashes.length % 2 === 1 ? `${slashes.slice(1)}\\u00${hex}` : whole,
      )
    : text;

/**
 * A stream-json Parser that reads its input one line at a time, so each token knows the line it came
 * from (for rejected records), and hands the tokens to a handler synchronously instead of pushing them
 * one by one through a stream: only what the handler returns (whole records) is pushed. Backpressure
 * still holds per input chunk.
 */
export class LineParser<T> extends Parser {
  /** Line being parsed, from 1. */
  line = 1;
  /** True once all input was given: an error now means the JSON ended early. */
  atEnd = false;
  private carry = '';
  private first = true;
  private readonly decoder = new StringDecoder('utf8');

  constructor(private readonly handler: TokenHandler<T>) {
    super({ packValues: true, streamValues: false, decodeStrings: false });
  }

  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk === null) return super.push(null, encoding);
    const out = this.handler(chunk as Token, this.line);
    if (out !== undefined) super.push(out);
    return true;
  }

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback): void {
    let text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    try {
      this.feed(this.carry + text);
    } catch (error) {
      callback(error as Error);
      return;
    }
    callback(null);
  }

  override _flush(callback: TransformCallback): void {
    this.atEnd = true;
    let called = false;
    const once: TransformCallback = (error, data) => {
      if (called) return;
      called = true;
      callback(error, data);
    };
    try {
      const rest = this.carry + this.decoder.end();
      this.carry = '';
      if (rest) this.parse(rest);
      super._flush(once);
    } catch (error) {
      once(error as Error);
    }
  }

  private feed(text: string): void {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      this.parse(text.slice(start, nl + 1));
      this.line += 1;
      start = nl + 1;
    }
    let rest = text.slice(start);
    if (rest.length > MAX_CARRY) {
      // Cut where no `\xHH` escape can straddle the cut.
      let cut = rest.length - 8;
      while (cut > 0 && !CUTTABLE.test(rest.charAt(cut - 1))) cut -= 1;
      this.parse(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    this.carry = rest;
  }

  private parse(piece: string): void {
    let failure: Error | null | undefined;
    parseMore.call(this, repairEscapes(piece), 'utf8', (error) => {
      failure = error;
    });
    if (failure) throw failure;
  }
}
