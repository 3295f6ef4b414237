import type { TransformCallback } from 'node:stream';
import Parser from 'stream-json/Parser.js';

/** A stream-json token with packed values: startObject, keyValue, stringValue, numberValue, … */
export type JsonToken = { name: string; value?: string | boolean | null };

/** A JSON syntax error, with the line it was found on; `atEnd` when the input ended early. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly atEnd: boolean,
  ) {
    super(message);
  }
}

// stream-json's Parser is a Transform; it is driven here through its own _transform/_flush, with
// push() caught, so tokens come out synchronously and each knows the line it was read on. Going
// through the stream machinery instead would buffer tokens and lose their lines.
class CollectingParser extends Parser {
  readonly tokens: JsonToken[] = [];
  override push(chunk: unknown): boolean {
    if (chunk !== null && typeof chunk === 'object') this.tokens.push(chunk as JsonToken);
    return true;
  }
}

/**
 * JSON text in, tokens out, each with its line number (1-based). Text is given piece by piece as it is
 * read; memory holds one input chunk at most (a minified file is fed in chunk-sized pieces).
 */
export class JsonTokenizer {
  private readonly parser = new CollectingParser({ packValues: true, streamValues: false });
  private line = 1;
  private first = true;

  /** Parse `text`, calling `onToken` for every complete token. Throws JsonSyntaxError. */
  write(text: string, onToken: (token: JsonToken, line: number) => void): void {
    let rest = text;
    if (this.first && rest.length > 0) {
      this.first = false;
      if (rest.charCodeAt(0) === 0xfeff) rest = rest.slice(1);
    }
    let start = 0;
    while (start < rest.length) {
      const nl = rest.indexOf('\n', start);
      const end = nl === -1 ? rest.length : nl + 1;
      this.step((done) => this.parser._transform(rest.slice(start, end), 'utf8', done), false, onToken);
      if (nl !== -1) this.line += 1;
      start = end;
    }
  }

  /** The input is complete: throws JsonSyntaxError (atEnd) when the JSON is unfinished. */
  end(onToken: (token: JsonToken, line: number) => void): void {
    this.step((done) => this.parser._flush(done), true, onToken);
  }

  private step(
    run: (done: TransformCallback) => void,
    atEnd: boolean,
    onToken: (token: JsonToken, line: number) => void,
  ) {
    let failure: Error | null | undefined;
    run((error) => {
      failure = error;
    });
    const tokens = this.parser.tokens.splice(0);
    for (const token of tokens) onToken(token, this.line);
    if (failure) throw new JsonSyntaxError(failure.message, this.line, atEnd);
  }
}
