import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The built command, as `npx qunzhu` runs it (npm test builds first).
const bin = fileURLToPath(new URL('../bin/qunzhu.js', import.meta.url));
const fixtures = fileURLToPath(new URL('../../core/src/spam/fixtures/', import.meta.url));

const run = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', input, timeout: 240_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

const VERDICT = /^\{"spam":(true|false),"score":(0|1|0\.\d+|\d(\.\d+)?e-\d+)\}$/;

describe('qunzhu spam', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qunzhu-spam-'));

  it('classify: one JSON line per input line — empty lines, CRLF and a very long line included', () => {
    const long = '加微信看福利'.repeat(200_000);
    const input = [
      '加我QQ 2393986403 日赚5000，私聊',
      '',
      '我要去做按摩汗蒸 这颈椎引起的头疼太难受了\r',
      long,
      'how do I mount a usb stick?',
    ].join('\n');
    const r = run(['spam', 'classify'], `${input}\n`);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(5);
    for (const line of lines) expect(line).toMatch(VERDICT);
    const verdicts = lines.map((l) => JSON.parse(l) as { spam: boolean; score: number });
    for (const v of verdicts) expect(v.score >= 0 && v.score <= 1).toBe(true);
    expect(verdicts[0]?.spam).toBe(true);
    expect(verdicts[2]?.spam).toBe(false);
    expect(verdicts[4]?.spam).toBe(false);
    // CRLF: the \r is not part of the message, so the verdict equals that of the bare line.
    const bare = run(['spam', 'classify'], '我要去做按摩汗蒸 这颈椎引起的头疼太难受了');
    expect(bare.out.trim()).toBe(lines[2]);
  });

  it('train: prints held-out figures and the threshold; the model classifies; bad rows and files are named', () => {
    const model = join(dir, 'model.json');
    const r = run([
      'spam',
      'train',
      '--data',
      join(fixtures, 'spam-zh-sample.csv'),
      '--out',
      model,
      '--holdout',
      '0.25',
      '--no-ham',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/阈值 threshold 0\.\d{4}/);
    expect(r.out).toMatch(/留出集 held-out: accuracy \d+\.\d\d% · precision \d\.\d{4} · recall \d\.\d{4} · F1/);
    const file = JSON.parse(readFileSync(model, 'utf8'));
    expect(file).toMatchObject({ format: 'qunzhu-spam-model', version: 1 });
    const c = run(['spam', 'classify', '--model', model], 'hello\n');
    expect(c.code).toBe(0);
    expect(c.out.trim()).toMatch(VERDICT);

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'target,input\n0,你好\n1,加我\nspam,看这里\n');
    const b = run(['spam', 'train', '--data', bad, '--out', join(dir, 'x.json')]);
    expect(b.code).toBe(2);
    expect(b.err).toContain(`${bad}:4: target must be 0 (normal) or 1 (spam)`);

    const corrupt = join(dir, 'corrupt.json');
    writeFileSync(corrupt, JSON.stringify({ ...file, version: 99 }));
    const k = run(['spam', 'classify', '--model', corrupt], 'hello\n');
    expect(k.code).toBe(2);
    expect(k.err).toMatch(/not a usable spam model: format version 99/);
    expect(run(['spam', 'train', '--data', bad, '--out', model, '--holdout', '1']).code).toBe(2);
  }, 300_000);

  it('bench spam --help describes the benchmark', () => {
    const r = run(['bench', 'spam', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/keyword regex scan/);
  });
});
