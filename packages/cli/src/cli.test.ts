import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The built command, as `npx qunzhu` runs it (npm test builds first).
const bin = fileURLToPath(new URL('../bin/qunzhu.js', import.meta.url));
const demo = fileURLToPath(new URL('../../server/demo/ubuntu-irc.jsonl', import.meta.url));

const run = (args: string[], input?: string) => {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.QUNZHU_DATA;
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env, input, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('qunzhu CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qunzhu-cli-'));
  const data = join(dir, 'data');
  const lines = readFileSync(demo, 'utf8').split('\n').slice(0, 120);
  const good = join(dir, 'good.jsonl');
  writeFileSync(good, `${lines.join('\n')}\n`);
  const bad = join(dir, 'bad.jsonl');
  writeFileSync(
    bad,
    [...lines.slice(0, 50), '{"type":"message","user":"x","at":"2004-12-25T09:14:00Z"}', ...lines.slice(50)].join('\n'),
  );

  it('prints help for every command and exits 0', () => {
    for (const args of [
      ['--help'],
      ['start', '--help'],
      ['import', '--help'],
      ['users', 'add', '--help'],
      ['bench', 'ingest', '--help'],
    ]) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.out).toMatch(/Usage: qunzhu/);
    }
  });

  it('lists the platform variables in start --help, and refuses a half-set Telegram configuration', () => {
    const help = run(['start', '--help']);
    for (const name of ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_API_ROOT', 'TELEGRAM_WEBHOOK_URL', 'WECHATY_PUPPET']) {
      expect(help.out).toContain(name);
    }
    const r = spawnSync(process.execPath, [bin, 'start', '--port', '0', '--data', join(dir, 'env-data')], {
      encoding: 'utf8',
      env: { ...process.env, TELEGRAM_BOT_TOKEN: '', TELEGRAM_API_ROOT: 'http://127.0.0.1:9' },
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('TELEGRAM_API_ROOT set but TELEGRAM_BOT_TOKEN is not');
  });

  it('exits 2 on a usage error', () => {
    const r = run(['import']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/missing required argument/);
  });

  it('stops a malformed import with file:line, exit 2, and stores nothing; --skip-invalid imports the rest', () => {
    const strict = run(['import', bad, '--community', 'Ubuntu', '--platform', 'irc', '--data', data]);
    expect(strict.code).toBe(2);
    expect(strict.err).toContain(`${bad}:51: group:`);
    expect(run(['import', bad, '--format', 'jsonl', '--dry-run', '--platform', 'irc', '--data', data]).code).toBe(2);
    const ok = run(['import', good, '--platform', 'irc', '--data', data, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).files[0]).toMatchObject({ format: 'jsonl', inserted: 120, duplicates: 0, rejected: 0 });
    const rejects = join(dir, 'rejects.jsonl');
    const lenient = run(['import', bad, '--skip-invalid', '--rejects', rejects, '--platform', 'irc', '--data', data]);
    expect(lenient.code).toBe(0);
    expect(lenient.out).toContain('(jsonl): 0 new, 120 duplicate, 1 rejected');
    expect(readFileSync(rejects, 'utf8')).toContain('"line":51');
  });

  it('reports on what was imported, as text and as JSON', () => {
    const text = run(['report', '--data', data, '--to', '2004-12-31']);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/messages \d+ · members seen \d+/);
    const json = run(['report', '--data', data, '--json', '--tz', 'UTC']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.out);
    const records = lines.filter(Boolean).map((l) => JSON.parse(l) as { type: string });
    expect(report.totals.messages).toBe(records.filter((r) => r.type === 'message').length);
    expect(report.totals.joins).toBe(records.filter((r) => r.type === 'join').length);
    expect(run(['report', '--data', data, '--group', 'nope']).code).toBe(2);
  });

  it('explains unknown formats, zones and unreadable inputs', () => {
    expect(run(['import', good, '--format', 'fax', '--data', data]).err).toMatch(/--format must be one of/);
    expect(run(['import', good, '--tz', 'Mars/Base', '--data', data]).err).toMatch(/not an IANA time zone/);
    const binary = join(dir, 'photo.jpg');
    writeFileSync(binary, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]));
    const r = run(['import', binary, '--data', data]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot tell which export this is|binary/);
    expect(r.err).not.toMatch(/at .*\.js:\d+/);
  });

  it('adds a user and resets a password, reading it from stdin', () => {
    const add = run(
      ['users', 'add', '--email', 'steward@example.org', '--community', 'Ubuntu', '--role', 'steward', '--data', data],
      'long enough password\n',
    );
    expect(add.code).toBe(0);
    expect(add.out).toContain('steward of "Ubuntu"');
    expect(
      run(['users', 'add', '--email', 'steward@example.org', '--password', 'another long one', '--data', data]).code,
    ).toBe(2);
    expect(
      run([
        'users',
        'reset-password',
        '--email',
        'nobody@example.org',
        '--password',
        'long enough password',
        '--data',
        data,
      ]).code,
    ).toBe(2);
    const reset = run(
      ['users', 'reset-password', '--email', 'steward@example.org', '--data', data],
      'a new long password\n',
    );
    expect(reset.code).toBe(0);
    expect(run(['users', 'add', '--email', 'x@example.org', '--password', 'short', '--data', data]).err).toMatch(
      /at least 10/,
    );
  });
});
