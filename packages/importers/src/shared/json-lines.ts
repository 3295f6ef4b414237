import type { TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import Parser from 'stream-json/Parser.js';

/** A stream-json token (packed values only): startObject, keyValue, stringValue, numberValue, … */
export type JsonToken = { name: string; value?: string | number | boolean | null };

/** Called for every token, in order, with the line it was read on; what it returns (if anything) is passed on. */
export type TokenHandler<T> = (token: JsonToken, line: number) => T | undefined;

/** A JSON syntax error, with the line it was found on; `atEnd` when all input was given (the JSON ended early). */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly atEnd: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

// The one stream-json internal used: append text to the parse buffer and parse what can be parsed.
type ParserInternals = { _transformString(chunk: string, encoding: BufferEncoding, callback: TransformCallback): void };
const parseMore = (Parser.prototype as unknown as ParserInternals)._transformString;

// A line longer than this (minified JSON) is fed in pieces so memory stays flat.
const MAX_CARRY = 1 << 20;
// Where a long line may be cut: not inside an escape (`\xHH`, `\uHHHH`), so `repair` sees each whole.
const CUTTABLE = /[^\\xX0-9a-fA-F]/;

/**
 * A stream-json Parser that reads its input one line at a time, so each token knows the line it came
 * from (for rejected records), and hands the tokens to a handler synchronously instead of pushing them
 * one by one through a stream: only what the handler returns (whole records) is pushed. Backpressure
 * still holds per input chunk. A leading BOM is dropped; `repair` may rewrite each piece of text before
 * it is parsed (a piece is a whole line, or a cut of a very long one). The stream fails with a
 * JsonSyntaxError where the JSON is broken; what the handler throws passes through as it is.
 */
export class JsonLineParser<T> extends Parser {
  /** Line being parsed, from 1. */
  line = 1;
  /** True once all input was given: an error now means the JSON ended early. */
  atEnd = false;
  private carry = '';
  private first = true;
  private readonly decoder = new StringDecoder('utf8');
  private readonly repair: (text: string) => string;

  constructor(
    private readonly handler: TokenHandler<T>,
    options: { repair?: (text: string) => string } = {},
  ) {
    super({ packValues: true, streamValues: false, decodeStrings: false });
    this.repair = options.repair ?? ((text) => text);
  }

  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk === null) return super.push(null, encoding);
    const out = this.handler(chunk as JsonToken, this.line);
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
      super._flush((error, data) => once(error ? this.syntaxError(error) : null, data));
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
      let cut = rest.length - 8;
      while (cut > 0 && !CUTTABLE.test(rest.charAt(cut - 1))) cut -= 1;
      this.parse(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    this.carry = rest;
  }

  private parse(piece: string): void {
    let failure: Error | null | undefined;
    parseMore.call(this, this.repair(piece), 'utf8', (error) => {
      failure = error;
    });
    if (failure) throw this.syntaxError(failure);
  }

  private syntaxError(error: Error): JsonSyntaxError {
    return new JsonSyntaxError(error.message, this.line, this.atEnd, { cause: error });
  }
}
