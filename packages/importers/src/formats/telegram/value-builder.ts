import type { JsonToken } from '../../shared/json-lines.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
type Container = JsonValue[] | { [key: string]: JsonValue };

/**
 * Builds one JSON value from stream-json tokens. Objects have no prototype, so a key such as
 * `__proto__` in an export is kept as data. Numbers stay exact as long as JavaScript numbers hold them.
 */
export class ValueBuilder {
  private readonly stack: { container: Container; key: string | null }[] = [];

  /** Feed one token; returns the value once it is complete. */
  consume(token: JsonToken): JsonValue | undefined {
    switch (token.name) {
      case 'startObject':
        return this.open(Object.create(null) as { [key: string]: JsonValue });
      case 'startArray':
        return this.open([]);
      case 'endObject':
      case 'endArray': {
        const done = this.stack.pop();
        return done ? this.put(done.container) : undefined;
      }
      case 'keyValue': {
        const top = this.stack.at(-1);
        if (top) top.key = String(token.value);
        return undefined;
      }
      case 'stringValue':
        return this.put(String(token.value));
      case 'numberValue':
        return this.put(Number(token.value));
      case 'nullValue':
        return this.put(null);
      case 'trueValue':
        return this.put(true);
      case 'falseValue':
        return this.put(false);
      default:
        return undefined;
    }
  }

  private open(container: Container): undefined {
    this.stack.push({ container, key: null });
    return undefined;
  }

  private put(value: JsonValue): JsonValue | undefined {
    const top = this.stack.at(-1);
    if (!top) return value;
    if (Array.isArray(top.container)) top.container.push(value);
    else if (top.key !== null) top.container[top.key] = value;
    return undefined;
  }
}
