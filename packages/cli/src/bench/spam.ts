import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { classifySpam, normalizeSpamText, parseSpamCsv, QunzhuError } from '@qunzhu/core';
import { DEFAULT_SPAM_HAM, loadDefaultSpamModel, loadSpamModel } from '@qunzhu/server';
import { verdictLine } from '../commands/spam.js';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));

/** The labelled messages to time: --data, else ../shared/data beside the repository, else the test fixture. */
const defaultData = (): string => {
  let dir = repo;
  for (let up = 0; up < 3; up++) {
    const shared = join(dir, '..', 'shared', 'data', 'spam-zh', 'train.csv');
    if (existsSync(shared)) return shared;
    dir = dirname(dir);
  }
  return join(repo, 'packages/core/src/spam/fixtures/spam-zh-sample.csv');
};

// What a hand-kept filter does: one regular expression of ad words, contact patterns and links.
const KEYWORDS = /加微|加v|私聊|代理|兼职|日赚|彩金|qq|vx|t\.me|https?:\/\/|\d{7,}/i;

export type SpamBenchRow = {
  method: string;
  /** Messages per second of wall-clock time. */
  messagesPerSec: number;
  /** Messages per second of this process's CPU time: the one-core figure when other work shares the machine. */
  messagesPerCpuSec: number;
  ratioToKeywordScan: number;
};

type Rate = { wall: number; cpu: number };

const timed = async (count: number, work: () => unknown): Promise<Rate> => {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const wall = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { wall: count / wall, cpu: count / ((used.user + used.system) / 1e6) };
};

const rate = (messages: readonly string[], each: (text: string) => unknown): Promise<Rate> =>
  timed(messages.length, () => {
    let sink = 0;
    for (const text of messages) if (each(text)) sink++;
    return sink;
  });

/** `qunzhu bench spam`: messages/s of the classifier on one core, against a keyword scan of the same messages. */
export const benchSpam = async (
  count: number,
  print: (line: string) => void,
  options: { data?: string; model?: string } = {},
): Promise<SpamBenchRow[]> => {
  const data = options.data ?? defaultData();
  if (!existsSync(data)) throw new QunzhuError('not_found', `${data}: no such file`);
  const texts = [
    ...parseSpamCsv(readFileSync(data, 'utf8'), data).map((s) => s.text),
    ...readFileSync(DEFAULT_SPAM_HAM, 'utf8').split('\n').filter(Boolean),
  ];
  const messages = Array.from({ length: count }, (_, i) => texts[i % texts.length] as string);
  const model = options.model ? await loadSpamModel(options.model) : await loadDefaultSpamModel();
  const chars = messages.reduce((n, m) => n + m.length, 0);
  print(
    `${count} messages (${texts.length} distinct from ${data} and the IRC normal lines), mean ${(chars / count).toFixed(1)} characters, one core`,
  );
  // Warm up each path so the JIT has compiled it before timing.
  const warm = messages.slice(0, 20_000);
  await rate(warm, (t) => KEYWORDS.test(t));
  await rate(warm, (t) => classifySpam(model, t).spam);
  const keyword = await rate(messages, (t) => KEYWORDS.test(t));
  const normalise = await rate(messages, (t) => normalizeSpamText(t).length > 0);
  const classify = await rate(messages, (t) => classifySpam(model, t).spam);
  // The `qunzhu spam classify` path: lines through readline to JSON lines (output kept in memory).
  const input = `${messages.join('\n')}\n`;
  let bytes = 0;
  const stream = await timed(count, async () => {
    const lines = createInterface({ input: Readable.from([input]), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) bytes += verdictLine(model, line).length;
  });
  const row = (method: string, r: Rate): SpamBenchRow => ({
    method,
    messagesPerSec: r.wall,
    messagesPerCpuSec: r.cpu,
    ratioToKeywordScan: r.cpu / keyword.cpu,
  });
  const rows = [
    row('keyword regex scan (baseline)', keyword),
    row('normalisation only', normalise),
    row('classifier (score + decide)', classify),
    row('classify stdin → JSON lines', stream),
  ];
  const n = (x: number) => Math.round(x).toLocaleString('en').padStart(11);
  print(`  ${''.padEnd(32)} ${'msg/CPU-s'.padStart(11)} ${'msg/s wall'.padStart(11)}  vs keyword scan (CPU)`);
  for (const r of rows)
    print(
      `  ${r.method.padEnd(32)} ${n(r.messagesPerCpuSec)} ${n(r.messagesPerSec)}  ×${r.ratioToKeywordScan.toFixed(3)}`,
    );
  print(
    `  (${(bytes / 1e6).toFixed(1)} MB of JSON lines; the issue asks ≥ 50,000 msg/s on one core; CPU-time rates are that figure when the machine is shared)`,
  );
  return rows;
};
