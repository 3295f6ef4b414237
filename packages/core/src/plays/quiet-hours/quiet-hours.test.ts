import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../engine/backtest.js';
import { ircUbuntu, spamZh, World, wechatCapabilities } from '../penalty-ladder/moderation.test-support.js';
import { activeWindow, quietHoursConfigSchema } from './index.js';
import { localTime } from './local-time.js';

// 2026-11-06 is a Friday.
const overnight = quietHoursConfigSchema.parse({ windows: [{ start: '22:00', end: '07:00', days: [5] }] });

describe('quiet hours windows', () => {
  it.each([
    // [zone, instant (UTC), in the window?, started on]
    ['Asia/Shanghai', '2026-11-06T13:59:00Z', false, null], // Fri 21:59
    ['Asia/Shanghai', '2026-11-06T14:00:00Z', true, '2026-11-06'], // Fri 22:00
    ['Asia/Shanghai', '2026-11-06T22:30:00Z', true, '2026-11-06'], // Sat 06:30, after midnight
    ['Asia/Shanghai', '2026-11-06T23:00:00Z', false, null], // Sat 07:00: the end is exclusive
    ['Asia/Shanghai', '2026-11-07T15:30:00Z', false, null], // Sat 23:30: Saturday is not a day of it
    ['Asia/Shanghai', '2026-11-05T22:30:00Z', false, null], // Fri 06:30: Thursday's night is not in it
    ['America/New_York', '2026-11-07T03:00:00Z', true, '2026-11-06'], // Fri 22:00 EST
    ['America/New_York', '2026-11-07T11:59:00Z', true, '2026-11-06'], // Sat 06:59 EST
    ['America/New_York', '2026-11-06T14:00:00Z', false, null], // Fri 09:00 EST (22:00 in Shanghai)
  ])('%s at %s: %s', (zone, instant, inside, startDate) => {
    const active = activeWindow(overnight.windows, localTime(new Date(instant), zone));
    expect(active !== undefined).toBe(inside);
    if (active) expect(active.startDate).toBe(startDate);
  });

  it('says how long the window has left', () => {
    const homework = quietHoursConfigSchema.parse({ windows: [{ start: '19:00', end: '20:00' }] }).windows;
    expect(activeWindow(homework, localTime(new Date('2026-11-02T11:15:30Z'), 'Asia/Shanghai'))?.secondsLeft).toBe(
      44 * 60 + 30,
    );
  });

  it('rejects malformed windows with the field named', () => {
    expect(() => quietHoursConfigSchema.parse({ windows: [{ start: '24:00', end: '07:00' }] })).toThrow(/HH:MM/);
    expect(() => quietHoursConfigSchema.parse({ windows: [{ start: '19:00', end: '19:00' }] })).toThrow(/different/);
    expect(() => quietHoursConfigSchema.parse({ windows: [{ start: '19:00', end: '20:00', days: [0] }] })).toThrow();
  });
});

// A homework hour, 19:00–20:00 in Shanghai on school days; #ubuntu lines posted into it.
const homework = { windows: [{ start: '19:00', end: '20:00', days: [1, 2, 3, 4, 5] }] };
const shanghai = (hhmm: string, day = '2026-11-02') => new Date(`${day}T${hhmm}:00+08:00`);

describe('quiet hours play', () => {
  it('deletes and reminds once per member per window; exempt roles and other hours pass', async () => {
    const w = new World({ plays: { 'quiet-hours': homework } });
    w.names.set(1, 'jdub');
    w.roles.set(3, ['admin']);
    const lines = ircUbuntu.filter((l) => l.kind === 'message').slice(0, 4);
    await w.post('message', 1, shanghai('18:59'), { text: lines[0]?.text ?? '' });
    const inside = await w.post('message', 1, shanghai('19:00'), { text: lines[1]?.text ?? '' });
    await w.post('message', 1, shanghai('19:30'), { text: lines[2]?.text ?? '' });
    await w.post('message', 3, shanghai('19:31'), { text: lines[3]?.text ?? '' });
    await w.post('message', 1, shanghai('20:00'), { text: lines[0]?.text ?? '' });
    // Next day's window is a new occurrence: one more reminder.
    await w.post('message', 1, shanghai('19:10', '2026-11-03'), { text: lines[1]?.text ?? '' });
    expect(w.kinds()).toEqual(['delete', 'send', 'delete', 'delete', 'send']);
    expect(w.state.actions[1]?.payload).toMatchObject({
      text: 'jdub，现在是静默时段（19:00–20:00），请在此之后再发言，谢谢配合。',
      replyToEventId: inside.id,
      mentionMemberIds: [1],
    });
    // Saturday is not a school day.
    await w.post('message', 1, shanghai('19:10', '2026-11-07'), { text: 'hi' });
    expect(w.kinds()).toHaveLength(5);
  });

  it('only reminds in remind-only mode, and where the platform cannot delete', async () => {
    for (const [plays, capabilities] of [
      [{ 'quiet-hours': { ...homework, mode: 'remind-only' } }, undefined],
      [{ 'quiet-hours': homework }, wechatCapabilities],
    ] as const) {
      const w = new World({ plays, ...(capabilities ? { capabilities } : {}) });
      await w.post('message', 1, shanghai('19:05'), { text: spamZh.normal[0] });
      await w.post('message', 1, shanghai('19:06'), { text: spamZh.normal[1] });
      expect(w.kinds()).toEqual(['send']);
    }
  });

  it('reports a violation to the ladder only when configured', async () => {
    const plain = new World({ plays: { 'quiet-hours': homework, 'penalty-ladder': {} } });
    await plain.post('message', 1, shanghai('19:05'), { text: spamZh.normal[0] });
    expect(plain.state.ledger).toEqual([]);
    const strict = new World({
      plays: { 'quiet-hours': { ...homework, reportViolation: true }, 'penalty-ladder': {} },
    });
    await strict.post('message', 1, shanghai('19:05'), { text: spamZh.normal[0] });
    expect(strict.state.ledger.map((e) => [e.kind, e.data.reasons])).toEqual([['violation', ['quiet_hours']]]);
  });

  it('a backtest equals the live run', async () => {
    const config = { ...homework, windows: [...homework.windows, { start: '12:05', end: '12:10' }] };
    const live = new World({ plays: { 'quiet-hours': config }, language: 'en' });
    const ids = new Map<string, number>();
    for (const line of ircUbuntu) {
      if (!ids.has(line.nick)) ids.set(line.nick, ids.size + 1);
      // #ubuntu's 04:0x UTC lines land at 12:0x in Shanghai, partly in the 12:05–12:10 window.
      const at = new Date(Date.UTC(2026, 10, 2, 0, line.minute));
      await live.post(line.kind, ids.get(line.nick) ?? 0, at, line.kind === 'message' ? { text: line.text } : {});
    }
    expect(live.kinds().filter((k) => k === 'send').length).toBeGreaterThan(2);
    const result = await runBacktest({
      registry: live.registry,
      play: 'quiet-hours',
      config,
      community: live.community,
      groups: new Map([...live.scopes].map(([id, s]) => [id, { group: s.group, capabilities: s.capabilities }])),
      events: live.events,
    });
    expect(result.actions).toEqual(live.state.actions);
  });
});
