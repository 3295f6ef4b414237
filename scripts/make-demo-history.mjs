#!/usr/bin/env node
// Converts the #ubuntu IRC sample logs (Kummerfeld et al., ACL 2019, CC-BY-4.0) into the Qunzhu JSONL
// demo history that the server imports on first start, plus the counts an import must reproduce.
//
//   node scripts/make-demo-history.mjs [input-folder] [output.jsonl] [--list-skipped]
//
// Defaults: ../shared/data/irc-ubuntu (beside the repository) and packages/server/demo/ubuntu-irc.jsonl.
// expected-counts.json is written next to the output. Same input gives byte-identical output.
// No dependencies: plain Node 20.

import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GROUP = '#ubuntu';

const args = process.argv.slice(2);
const listSkipped = args.includes('--list-skipped');
const positional = args.filter((a) => !a.startsWith('--'));
const inputDir = positional[0] ? resolve(positional[0]) : resolve(ROOT, '../shared/data/irc-ubuntu');
const outputFile = positional[1] ? resolve(positional[1]) : resolve(ROOT, 'packages/server/demo/ubuntu-irc.jsonl');
const countsFile = join(dirname(outputFile), 'expected-counts.json');

const fail = (where, reason) => {
  process.stderr.write(`${where}: ${reason}\n`);
  process.exit(2);
};

// --- line shapes -------------------------------------------------------------------------------

const STAMP = /^\[(\d{2}):(\d{2})\] /;
// `[HH:MM] <nick> text`; a bare `[HH:MM] <nick>` is a message whose text was empty.
const MESSAGE = /^\[\d{2}:\d{2}\] <([^>]+)>(?: (.*))?$/;
// `[HH:MM] * nick text` (/me); text is the action as shown after "* ".
const ACTION = /^\[\d{2}:\d{2}\] \* ((\S+) .*)$/;
// `=== nick [user@host]  has joined #chan` / `has left #chan [reason]` / `has quit [reason]`.
// The nick is everything before the first " [" (nicks in these files may hold "[" but not " ["); the
// host runs to the first "]  has ".
const MEMBERSHIP = /^=== (.+?) \[(.*?)\] {2}has (joined|left|quit)(?: (#\S+))?(?: \[.*\])?$/;

/** Why a line that is none of the above is skipped; the first matching rule names it. */
const SKIP_RULES = [
  [/^\s*$/, 'blank line'],
  [/^=== .+ is now known as .+$/, 'nick change (=== a is now known as b)'],
  [/^=== mode\/#/, 'channel mode change (=== mode/#ubuntu ...)'],
  [/^=== netjoined: /, 'server netjoin notice (=== netjoined: ...)'],
  [/^=== \S+ is away: /, 'away notice (=== nick is away: ...)'],
  [/^=== \S+ /, 'untimed === line that is not a join or leave (mostly looks like a /me action)'],
];
const skipReason = (line) => SKIP_RULES.find(([re]) => re.test(line))?.[1] ?? 'line matches no known format';

// --- input -------------------------------------------------------------------------------------

let files;
try {
  if (!statSync(inputDir).isDirectory()) fail(`${inputDir}:0`, 'input path is not a folder');
  files = readdirSync(inputDir)
    .filter((f) => f.endsWith('.raw.txt'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
} catch (error) {
  fail(`${inputDir}:0`, `input folder is missing or unreadable (${error.code ?? error.message})`);
}
if (files.length === 0) fail(`${inputDir}:0`, 'no *.raw.txt files in the input folder');

const counts = { message: 0, join: 0, leave: 0 };
const users = new Set();
const skipped = new Map();
const notes = [];
const out = [];
let skippedTotal = 0;
const skip = (reason, where) => {
  skippedTotal++;
  if (!skipped.has(reason)) skipped.set(reason, []);
  skipped.get(reason).push(where);
};

/** What a line says, or undefined when it is none of the converted shapes. */
const parse = (line, timed) => {
  const message = MESSAGE.exec(line);
  if (message) return { type: 'message', nick: message[1], text: message[2] ?? '' };
  const action = ACTION.exec(line);
  if (action) return { type: 'message', nick: action[2], text: action[1] };
  const membership = timed ? null : MEMBERSHIP.exec(line);
  if (!membership) return undefined;
  const [, nick, , verb, channel] = membership;
  if (verb !== 'quit' && channel?.toLowerCase() !== GROUP) return { other: 'join or leave of another channel' };
  return { type: verb === 'joined' ? 'join' : 'leave', nick };
};

for (const file of files) {
  const date = /^(\d{4})-(\d{2})-(\d{2})\./.exec(file);
  if (!date) fail(`${join(inputDir, file)}:0`, 'file name does not start with a date YYYY-MM-DD.');
  const [, y, mo, d] = date.map(Number);
  const dayStart = Date.UTC(y, mo - 1, d);
  if (new Date(dayStart).getUTCDate() !== d) fail(`${join(inputDir, file)}:0`, 'file name holds no valid date');

  const lines = readFileSync(join(inputDir, file), 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();

  // These 2004-2005 logs keep a 12-hour clock without am/pm: no hour above 12 occurs, and the data
  // set's notes call these hours "11am", "02pm". When the clock jumps back by more than 6 hours it
  // has passed 12 (or midnight, for a file with a 24-hour clock): add a cycle so time runs forward.
  const maxHour = lines.reduce((max, l) => Math.max(max, Number(STAMP.exec(l)?.[1] ?? 0)), 0);
  const cycle = (maxHour > 12 ? 24 : 12) * 60;
  let cycles = 0;
  // Minutes since the file's day started, of the latest timestamped line (0 until one is seen).
  let minutes = 0;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    const where = `${file}:${i + 1}`;
    const stamp = STAMP.exec(line);
    if (stamp) {
      const [hh, mm] = [Number(stamp[1]), Number(stamp[2])];
      if (hh > 23 || mm > 59) {
        skip('bad timestamp', where);
        continue;
      }
      let t = cycles * cycle + hh * 60 + mm;
      if (t < minutes - 6 * 60) {
        while (t < minutes - 6 * 60) {
          cycles++;
          t += cycle;
        }
        const passed = cycle === 12 * 60 ? '12' : 'midnight';
        notes.push(
          `${where}: clock went back; read as the ${cycle / 60}-hour clock passing ${passed} (+${cycle / 60}h)`,
        );
      } else if (t < minutes) {
        notes.push(`${where}: clock went back by ${minutes - t} min; kept as written`);
      }
      minutes = t;
    }
    const at = new Date(dayStart + minutes * 60_000).toISOString().replace('.000Z', 'Z');

    const event = parse(line, Boolean(stamp));
    if (!event?.type) {
      skip(event?.other ?? skipReason(line), where);
      continue;
    }
    if (event.type === 'message' && event.text === '') notes.push(`${where}: message with empty text`);

    // The importer trims user and name; the files' tokeniser left a trailing space after some
    // nicks ending in "]" ("<[optik] >"), which is trimmed here so the file says what is imported.
    const user = event.nick.trim();
    if (user === '') {
      skip('empty nick', where);
      continue;
    }
    const record = { type: event.type, group: GROUP, user, name: user, at };
    if (event.type === 'message') record.text = event.text;
    out.push(JSON.stringify(record));
    counts[event.type]++;
    users.add(user);
  }
}

// --- output ------------------------------------------------------------------------------------

const expected = { ...counts, members: users.size, skipped: skippedTotal };
mkdirSync(dirname(outputFile), { recursive: true });
writeFileSync(outputFile, `${out.join('\n')}\n`);
writeFileSync(countsFile, `${JSON.stringify(expected, null, 2)}\n`);

const show = (p) => relative(process.cwd(), p) || '.';
const log = (s) => process.stdout.write(`${s}\n`);
log(`read ${files.length} files from ${show(inputDir)}`);
log(`wrote ${out.length} events to ${show(outputFile)} and counts to ${show(countsFile)}`);
log(`  message ${counts.message}`);
log(`  join    ${counts.join}`);
log(`  leave   ${counts.leave}`);
log(`  members ${users.size} (distinct nicks)`);
log(`  skipped ${skippedTotal} lines`);
for (const [reason, where] of [...skipped].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))) {
  log(`    ${String(where.length).padStart(5)}  ${reason}`);
  if (listSkipped) for (const w of where) log(`           ${w}`);
}
for (const note of notes) log(`note: ${note}`);
if (!listSkipped && skippedTotal > 0) log(`(run with --list-skipped to see every skipped line as file:line)`);
