import ret from 'ret';
import safeRegex from 'safe-regex2';

/** Longest regex an operator may write; FAQ patterns are short. */
export const MAX_PATTERN_LENGTH = 200;
/** Unbounded repetitions (`*`, `+`, `{n,}`) allowed in one pattern: more of them can blow up polynomially. */
const MAX_UNBOUNDED = 3;

type Node = {
  type: number;
  stack?: Node[];
  options?: Node[][];
  value?: unknown;
  min?: number;
  max?: number | null;
};
const tokenize = ret as unknown as ((pattern: string) => Node) & { types: Record<string, number> };
const { GROUP, REPETITION } = { GROUP: tokenize.types.GROUP, REPETITION: tokenize.types.REPETITION };

const children = (node: Node): Node[] => {
  const value = node.value as Node | undefined;
  const stack = node.stack ?? (typeof value === 'object' ? value?.stack : undefined) ?? [];
  const options = node.options ?? (typeof value === 'object' ? value?.options : undefined) ?? [];
  const inner = node.type === REPETITION && value ? [value] : [];
  return [...stack, ...options.flat(), ...inner];
};

/** The repeated group holds alternatives, as `(a|aa)*` does: star height 1 but exponential. */
const repeatsAlternation = (node: Node, insideRepetition: boolean): boolean => {
  if (node.type === GROUP && insideRepetition && (node.options?.length ?? 0) > 1) return true;
  const inside = insideRepetition || node.type === REPETITION;
  return children(node).some((c) => repeatsAlternation(c, inside));
};

const countUnbounded = (node: Node): number =>
  (node.type === REPETITION && (node.max === null || (node.max ?? 0) > 100) ? 1 : 0) +
  children(node).reduce((n, c) => n + countUnbounded(c), 0);

/**
 * Why a pattern could run away on a crafted message, or null when it is safe to run on every message.
 * safe-regex2 rejects nested repetition (`(a+)+`); we also reject repeated alternatives (`(a|aa)*`)
 * and more than three unbounded repetitions (`.*a.*b.*c.*d`). Invalid syntax is reported too.
 */
export const unsafeRegexReason = (pattern: string, flags: string): string | null => {
  if (pattern.length > MAX_PATTERN_LENGTH) return `longer than ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(pattern, flags);
  } catch (error) {
    return `not a valid regular expression (${error instanceof Error ? error.message : String(error)})`;
  }
  let tree: Node;
  try {
    tree = tokenize(pattern);
  } catch {
    return 'not a regular expression this checker can read; write it more simply';
  }
  if (!safeRegex(pattern)) return 'nested repetition such as (a+)+ can take exponential time';
  if (repeatsAlternation(tree, false))
    return 'a repeated group with alternatives such as (a|aa)* can take exponential time';
  if (countUnbounded(tree) > MAX_UNBOUNDED) return `more than ${MAX_UNBOUNDED} unbounded repetitions (*, +, {n,})`;
  return null;
};
