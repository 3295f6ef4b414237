import { consoleDir } from '@qunzhu/console';
import { QunzhuError } from '@qunzhu/core';
import { CONNECTION_ENV, connectionsFromEnv, startServer } from '@qunzhu/server';
import type { Command } from 'commander';
import { describeLocation, storeLocation, withStoreOption } from '../store-option.js';

const port = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new QunzhuError('bad_input', `--port must be 0–65535, got "${value}"`);
  return n;
};

export const startCommand = (program: Command) =>
  withStoreOption(
    program
      .command('start')
      .description('run the server: API, console, plays and the outbox')
      .option('--port <port>', 'port to listen on (env PORT)', process.env.PORT ?? '8080')
      .option(
        '--host <host>',
        'address to listen on (env QUNZHU_HOST); 0.0.0.0 for every interface',
        process.env.QUNZHU_HOST ?? '127.0.0.1',
      )
      .option('--demo', 'on a store with no community, create the demo community from real chat history')
      .option(
        '--public-url <url>',
        'address people open, for printed links (env QUNZHU_PUBLIC_URL)',
        process.env.QUNZHU_PUBLIC_URL,
      )
      .option(
        '--community <name>',
        'the community the platform variables below connect (created if missing); default: the first one',
      )
      .addHelpText(
        'after',
        `\nPlatform connections from the environment (saved into the community, shown in Settings → Platforms):\n${CONNECTION_ENV.map(
          ([name, what]) => `  ${name.padEnd(30)} ${what}`,
        ).join(
          '\n',
        )}\n  ${'QUNZHU_OUTBOX_MAX_ATTEMPTS'.padEnd(30)} attempts before an outgoing action is given up (default 6)\nSee docs/connections.md, docs/telegram.md and docs/wechat.md.`,
      ),
  ).action(
    async (flags: {
      port: string;
      host: string;
      demo?: boolean;
      publicUrl?: string;
      data?: string;
      community?: string;
    }) => {
      const location = storeLocation(flags);
      const envConnections = connectionsFromEnv(process.env, flags.community);
      const attempts = process.env.QUNZHU_OUTBOX_MAX_ATTEMPTS;
      if (attempts !== undefined && !/^[1-9]\d{0,2}$/.test(attempts)) {
        throw new QunzhuError(
          'bad_input',
          `QUNZHU_OUTBOX_MAX_ATTEMPTS must be a whole number 1–999, got "${attempts}"`,
        );
      }
      const server = await startServer({
        store: location,
        port: port(flags.port),
        host: flags.host,
        demo: flags.demo ?? false,
        adminEmail: process.env.QUNZHU_ADMIN_EMAIL,
        adminPassword: process.env.QUNZHU_ADMIN_PASSWORD,
        publicUrl: flags.publicUrl?.replace(/\/$/, ''),
        consoleDir,
        ...(process.env.QUNZHU_SECURE_COOKIES ? { secureCookies: process.env.QUNZHU_SECURE_COOKIES === 'true' } : {}),
        ...(envConnections.connections.length > 0 ? { envConnections } : {}),
        ...(attempts ? { outboxMaxAttempts: Number(attempts) } : {}),
      });
      const out = (line = '') => process.stdout.write(`${line}\n`);
      out(`Qunzhu 群主 is running on ${describeLocation(location)}`);
      if (server.demo) {
        const d = server.demo;
        out(
          `Demo community "${d.community.name}" created: ${d.imported.inserted} events of real #ubuntu IRC history imported, ` +
            'and a sandbox group with the welcome play on.',
        );
      }
      out();
      out(`  Open ${server.url}`);
      if (server.owner.kind === 'setup') {
        out();
        out('  No account exists yet. Create the owner account with this one-time link:');
        out('  还没有账号。请用下面的一次性链接创建群主（所有者）账号：');
        out(`  ${server.url}/setup?token=${server.owner.token}`);
        out('  (or set QUNZHU_ADMIN_EMAIL and QUNZHU_ADMIN_PASSWORD before the first start)');
      } else if (server.owner.kind === 'created') {
        out(`  Log in as ${server.owner.email} with QUNZHU_ADMIN_PASSWORD. 使用该邮箱和密码登录。`);
      } else {
        out('  Log in with your account. 使用已有账号登录。');
      }
      if (server.envCommunity) {
        const { communityId, communityName } = server.envCommunity;
        out();
        out(`  Connecting community "${communityName}" 正在连接社群「${communityName}」:`);
        for (const c of envConnections.connections) {
          // Report the first outcome, without holding the server up (a WeChat login waits for a scan).
          const state = await Promise.race([
            server.connections.whenStarted(communityId, c.platform),
            new Promise<null>((resolve) => setTimeout(() => resolve(null), 15_000).unref()),
          ]);
          const status = state?.status ?? 'connecting';
          const who = state?.account ? ` as ${state.account.displayName}` : '';
          const detail = state?.detail ? ` — ${state.detail}` : '';
          out(`    ${c.platform}: ${status}${who}${detail}`);
        }
        out('  State and groups: Settings → Platforms. 状态与群：设置 → 平台。');
      }
      out();
      let stopping = false;
      const stop = async () => {
        if (stopping) return;
        stopping = true;
        process.stderr.write('stopping…\n');
        await server.close();
        process.exit(0);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
  );
