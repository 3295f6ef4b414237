import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { startOfDay } from './backtest.js';

// The built command, as `npx qunzhu` runs it (npm test builds first).
const bin = fileURLToPath(new URL('../../bin/qunzhu.js', import.meta.url));
// #ubuntu IRC history of the demo (CC-BY-4.0, packages/server/demo/SOURCE.md).
const demo = fileURLToPath(new URL('../../../server/demo/ubuntu-irc.jsonl', import.meta.url));

const run = (args: string[]) => {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.QUNZHU_DATA;
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('startOfDay', () => {
  it('finds local midnight, across daylight-saving changes', () => {
    expect(startOfDay('2004-12-25', 'UTC').toISOString()).toBe('2004-12-25T00:00:00.000Z');
    expect(startOfDay('2004-12-25', 'Asia/Shanghai').toISOString()).toBe('2004-12-24T16:00:00.000Z');
    expect(startOfDay('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDay('2026-03-30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(() => startOfDay('2026-13-01', 'UTC')).toThrow(/YYYY-MM-DD/);
    expect(() => startOfDay('2026-01-01', 'Mars/Base')).toThrow(/IANA/);
  });
});

describe('qunzhu backtest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qunzhu-backtest-'));
  const data = join(dir, 'data');
  const history = join(dir, 'history.jsonl');
  const texts = readFileSync(demo, 'utf8').split('\n').slice(0, 400);
  const config = join(dir, 'auto-reply.json');
  // A keyword the history really uses; count the lines it should answer from the file itself.
  const expected = texts.filter((l) => l && /gnome/i.test(JSON.parse(l).text ?? '')).length;

  beforeAll(() => {
    writeFileSync(history, `${texts.join('\n')}\n`);
    expect(
      run(['import', history, '--platform', 'irc', '--community', 'Ubuntu', '--tz', 'UTC', '--data', data]).code,
    ).toBe(0);
    writeFileSync(
      config,
      JSON.stringify({
        cooldownSeconds: 0,
        memberCooldownSeconds: 0,
        triggers: [{ name: 'gnome', patterns: ['GNOME'], reply: 'GNOME: see the wiki, {name}' }],
      }),
    );
  });

  it('prints counts by action and reason and samples with their messages; --json says the same', () => {
    expect(expected).toBeGreaterThan(0);
    const text = run(['backtest', '--play', 'auto-reply', '--config', config, '--data', data, '--sample', '2']);
    expect(text.code).toBe(0);
    expect(text.out).toContain(`events replayed ${texts.filter(Boolean).length}`);
    expect(text.out).toMatch(new RegExp(`send\\s+${expected}\\n`));
    expect(text.out).toMatch(/← \S+ intinig: does a subversion gnome client exist\?/);
    const json = run([
      'backtest',
      '--play',
      'auto-reply',
      '--config',
      config,
      '--data',
      data,
      '--json',
      '--sample',
      '1',
    ]);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.out);
    expect(doc).toMatchObject({
      play: 'auto-reply',
      actionCount: expected,
      actionsByKind: { send: expected },
      actionsByReason: { none: expected },
    });
    expect(doc.sample[0].trigger).toMatchObject({
      memberName: 'intinig',
      text: 'does a subversion gnome client exist?',
    });
  });

  it('replays only the days asked for, in the time zone asked for', () => {
    // 2004-12-25 on Kiritimati (UTC+14) ends at 10:00 UTC: only the morning of the history is in it.
    const args = ['backtest', '--play', 'welcome', '--config', config, '--data', data, '--json'];
    const day = JSON.parse(
      run([...args, '--from', '2004-12-25', '--to', '2004-12-25', '--tz', 'Pacific/Kiritimati']).out,
    );
    const before10 = texts.filter((l) => l && Date.parse(JSON.parse(l).at) < Date.parse('2004-12-25T10:00:00Z')).length;
    expect(before10).toBeGreaterThan(0);
    expect(before10).toBeLessThan(texts.filter(Boolean).length);
    expect(day.eventsReplayed).toBe(before10);
  });

  it('names the file and the field of a bad configuration, exit 2', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ triggers: [{ name: '坏正则', match: 'regex', patterns: ['(a+)+$'], reply: 'x' }] }),
    );
    const r = run(['backtest', '--play', 'auto-reply', '--config', bad, '--data', data]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${bad}: invalid configuration for play "auto-reply"`);
    expect(r.err).toMatch(/trigger "坏正则"[\s\S]*triggers\[0\]\.patterns\[0\]/);
    const notJson = join(dir, 'not.json');
    writeFileSync(notJson, '{"triggers": [');
    const r2 = run(['backtest', '--play', 'auto-reply', '--config', notJson, '--data', data]);
    expect(r2.code).toBe(2);
    expect(r2.err).toContain(`${notJson}: the configuration of play "auto-reply" is not JSON`);
    expect(run(['backtest', '--play', 'nope', '--config', config, '--data', data]).err).toMatch(/no play named "nope"/);
    expect(run(['backtest', '--play', 'welcome', '--config', join(dir, 'missing.json'), '--data', data]).code).toBe(2);
  });
});
