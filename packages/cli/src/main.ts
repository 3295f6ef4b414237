import { VERSION } from '@qunzhu/server';
import { Command } from 'commander';
import { backtestCommand } from './commands/backtest.js';
import { benchCommand } from './commands/bench.js';
import { importCommand } from './commands/import.js';
import { reportCommand } from './commands/report.js';
import { spamCommand } from './commands/spam.js';
import { startCommand } from './commands/start.js';
import { usersCommand } from './commands/users.js';
import { EXIT, reportError } from './exit.js';

const program = new Command('qunzhu')
  .description(
    'Qunzhu 群主 — self-hosted community operations.\n' +
      'Every command takes --data DIR (or QUNZHU_DATA) and honours DATABASE_URL.\n' +
      'Exit codes: 0 ok, 1 runtime failure, 2 bad input or usage.',
  )
  .version(VERSION)
  .exitOverride()
  .showHelpAfterError()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

startCommand(program);
importCommand(program);
reportCommand(program);
backtestCommand(program);
usersCommand(program);
spamCommand(program);
benchCommand(program);
for (const command of program.commands) {
  command.exitOverride();
  for (const sub of command.commands) sub.exitOverride();
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportError(error);
}
if (process.exitCode === undefined) process.exitCode = EXIT.ok;
