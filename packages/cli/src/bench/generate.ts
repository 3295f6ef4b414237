import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readFileLines } from '@qunzhu/importers';
import { DEMO_HISTORY } from '@qunzhu/server';

/** The formats `qunzhu bench import` can generate, from the demo's real history. */
export const BENCH_FORMATS = ['jsonl', 'telegram', 'discord-json', 'irc', 'wechat', 'qq'] as const;
export type BenchFormat = (typeof BENCH_FORMATS)[number];

type Demo = { type: 'message' | 'join' | 'leave'; user: string; at: string; text?: string };

const loadDemo = async (): Promise<Demo[]> => {
  const rows: Demo[] = [];
  for await (const { text } of readFileLines(DEMO_HISTORY)) if (text.trim()) rows.push(JSON.parse(text) as Demo);
  return rows;
};

const numericId = (nick: string) => String(BigInt(`0x${createHash('sha1').update(nick).digest('hex').slice(0, 12)}`));
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const local = (d: Date) =>
  `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
const csv = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

type Writer = { write(s: string): Promise<void>; end(): Promise<void> };
const writer = (path: string): Writer => {
  const out = createWriteStream(path);
  return {
    async write(s) {
      if (!out.write(s)) await once(out, 'drain');
    },
    async end() {
      out.end();
      await once(out, 'finish');
    },
  };
};

/**
 * Write an export of about `bytes` in `format` under `dir`: the demo's real #ubuntu history repeated,
 * each copy a day later with fresh ids. Returns the path to import (a file, or a folder for IRC).
 */
export const generateExport = async (format: BenchFormat, dir: string, bytes: number): Promise<string> => {
  const demo = await loadDemo();
  let written = 0;
  const copies = function* () {
    for (let copy = 0; ; copy++) {
      for (let i = 0; i < demo.length; i++) {
        const row = demo[i] as Demo;
        yield {
          row,
          copy,
          n: copy * demo.length + i + 1,
          at: new Date(new Date(row.at).getTime() + copy * 86_400_000),
        };
      }
    }
  };
  const fill = async (
    w: Writer,
    render: (r: { row: Demo; n: number; at: Date; copy: number }) => string | null,
    separator = '',
  ) => {
    let first = true;
    for (const r of copies()) {
      if (written >= bytes) break;
      const text = render(r);
      if (text === null) continue;
      const chunk = first ? text : `${separator}${text}`;
      first = false;
      written += Buffer.byteLength(chunk);
      await w.write(chunk);
    }
  };
  switch (format) {
    case 'jsonl': {
      const path = join(dir, 'ubuntu.jsonl');
      const w = writer(path);
      await fill(
        w,
        ({ row, n, at }) => `${JSON.stringify({ ...row, name: row.user, id: `m${n}`, at: at.toISOString() })}\n`,
      );
      await w.end();
      return path;
    }
    case 'telegram': {
      const path = join(dir, 'result.json');
      const w = writer(path);
      await w.write(
        '{\n "name": "Ubuntu 中文社区",\n "type": "public_supergroup",\n "id": 1234567890,\n "messages": [\n',
      );
      await fill(
        w,
        ({ row, n, at }) => {
          const base = {
            id: n,
            date: at.toISOString().slice(0, 19),
            date_unixtime: String(Math.floor(at.getTime() / 1000)),
          };
          const from = `user${numericId(row.user)}`;
          if (row.type === 'message') {
            return JSON.stringify({ ...base, type: 'message', from: row.user, from_id: from, text: row.text ?? '' });
          }
          if (row.type === 'join') {
            return JSON.stringify({
              ...base,
              type: 'service',
              actor: row.user,
              actor_id: from,
              action: 'join_group_by_link',
              inviter: 'Group',
            });
          }
          return JSON.stringify({
            ...base,
            type: 'service',
            actor: row.user,
            actor_id: from,
            action: 'remove_members',
            members: [row.user],
          });
        },
        ',\n',
      );
      await w.write('\n ]\n}\n');
      await w.end();
      return path;
    }
    case 'discord-json': {
      const path = join(dir, 'Ubuntu - general [222222222].json');
      const w = writer(path);
      await w.write(
        '{"guild":{"id":"111111111","name":"Ubuntu","iconUrl":""},"channel":{"id":"222222222","type":"GuildTextChat","categoryId":null,"category":"Text Channels","name":"general","topic":null},"dateRange":{"after":null,"before":null},"messages":[\n',
      );
      await fill(
        w,
        ({ row, n, at }) => {
          if (row.type === 'leave') return null; // Discord exports have no leave messages
          const author = {
            id: numericId(row.user),
            name: row.user,
            discriminator: '0000',
            nickname: row.user,
            color: null,
            isBot: false,
            avatarUrl: '',
          };
          return JSON.stringify({
            id: String(900000000000000000n + BigInt(n)),
            type: row.type === 'join' ? 'GuildMemberJoin' : 'Default',
            timestamp: at.toISOString().replace('Z', '+00:00'),
            timestampEdited: null,
            callEndedTimestamp: null,
            isPinned: false,
            content: row.text ?? '',
            author,
            attachments: [],
            embeds: [],
            stickers: [],
            reactions: [],
            mentions: [],
          });
        },
        ',\n',
      );
      await w.write('\n]}\n');
      await w.end();
      return path;
    }
    case 'irc': {
      // ZNC's log module: one file per day in a channel folder.
      const folder = join(dir, 'ubuntu');
      mkdirSync(folder, { recursive: true });
      let day = '';
      let w: Writer | null = null;
      const ending: Promise<void>[] = [];
      await fill(
        {
          write: async (s) => w?.write(s),
          end: async () => {},
        },
        ({ row, at, copy }) => {
          const d = at.toISOString().slice(0, 10);
          if (`${copy}/${d}` !== day) {
            day = `${copy}/${d}`;
            if (w) ending.push(w.end());
            // Copies shift by whole days, so a date comes back in a later copy: one folder per copy.
            mkdirSync(join(folder, `copy-${String(copy).padStart(4, '0')}`), { recursive: true });
            w = writer(join(folder, `copy-${String(copy).padStart(4, '0')}`, `#ubuntu_${d.replaceAll('-', '')}.log`));
          }
          const time = `[${at.toISOString().slice(11, 19)}]`;
          // The data set's tokeniser left a few nicks with spaces, which IRC does not allow.
          const nick = row.user.replaceAll(' ', '_');
          if (row.type === 'message') return `${time} <${nick}> ${row.text ?? ''}\n`;
          if (row.type === 'join') return `${time} *** Joins: ${nick} (~${nick}@example.org)\n`;
          return `${time} *** Quits: ${nick} (~${nick}@example.org) (Quit: leaving)\n`;
        },
      );
      await (w as Writer | null)?.end();
      await Promise.all(ending);
      return folder;
    }
    case 'wechat': {
      const path = join(dir, 'ubuntu群.csv');
      const w = writer(path);
      await w.write(
        'localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender\n',
      );
      await fill(w, ({ row, n, at }) => {
        const time = Math.floor(at.getTime() / 1000);
        const common = (type: number, content: string, sender: string) =>
          `${n},12345678901@chatroom,${type},0,0,${time},2,${csv(content)},${local(at)},,${csv(row.user)},${sender}\n`;
        if (row.type === 'message') return common(1, row.text ?? '', `wxid_${numericId(row.user)}`);
        if (row.type === 'join') return common(10000, `"${row.user}"通过扫描"群主"分享的二维码加入群聊`, '');
        return common(10000, `"群主"将"${row.user}"移出了群聊`, '');
      });
      await w.end();
      return path;
    }
    case 'qq': {
      const path = join(dir, 'ubuntu-qq.txt');
      const w = writer(path);
      await w.write(
        '消息记录（此消息记录为文本格式，不支持重新导入）\n\n================================================================\n消息分组:我的QQ群\n================================================================\n消息对象:Ubuntu 中文交流群\n================================================================\n\n',
      );
      await fill(w, ({ row, at }) => {
        if (row.type === 'message')
          return `${local(at)} ${row.user}(${numericId(row.user).slice(0, 10)})\n${row.text ?? ''}\n\n`;
        if (row.type === 'join') return `${local(at)} 系统消息(10000)\n${row.user} 加入本群。\n\n`;
        return `${local(at)} 系统消息(10000)\n${row.user} 退出了本群。\n\n`;
      });
      await w.end();
      return path;
    }
  }
};
