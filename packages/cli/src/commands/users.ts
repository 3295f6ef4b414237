import { QunzhuError, ROLES, type Role } from '@qunzhu/core';
import { hashPassword, MIN_PASSWORD_LENGTH } from '@qunzhu/server';
import type { Command } from 'commander';
import { readSecret } from '../prompt.js';
import { withStore, withStoreOption } from '../store-option.js';

const checkPassword = (password: string) => {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new QunzhuError('bad_input', `the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  return password;
};

export const usersCommand = (program: Command) => {
  const users = program.command('users').description('console accounts');

  withStoreOption(
    users
      .command('add')
      .description('create an account; with --community, give it a role there')
      .requiredOption('--email <email>', 'login email')
      .option('--password <password>', 'password (else asked on the terminal, or read from stdin)')
      .option('--name <name>', 'display name', '')
      .option('--admin', 'instance administrator: owns every community, can create communities')
      .option('--community <name>', 'community to give a role in')
      .option('--role <role>', `role in that community: ${ROLES.join(', ')}`, 'viewer'),
  ).action(
    async (flags: {
      email: string;
      password?: string;
      name: string;
      admin?: boolean;
      community?: string;
      role: string;
      data?: string;
    }) => {
      if (!(ROLES as readonly string[]).includes(flags.role)) {
        throw new QunzhuError('bad_input', `--role must be one of ${ROLES.join(', ')}`);
      }
      if (!/^[^\s@]+@[^\s@]+$/.test(flags.email))
        throw new QunzhuError('bad_input', `"${flags.email}" is not an email`);
      const password = checkPassword(await readSecret(flags.password, 'Password: '));
      await withStore(flags, async (store) => {
        const community = flags.community ? await store.communities.findByName(flags.community) : undefined;
        if (flags.community && !community)
          throw new QunzhuError('not_found', `no community named "${flags.community}"`);
        const passwordHash = await hashPassword(password);
        const user = await store.transaction(async (tx) => {
          const u = await tx.auth.createUser({
            email: flags.email,
            name: flags.name,
            passwordHash,
            isAdmin: flags.admin ?? false,
          });
          if (community) await tx.auth.setRole(community.id, u.id, flags.role as Role);
          return u;
        });
        process.stdout.write(
          `created ${user.email}${user.isAdmin ? ' (administrator)' : ''}` +
            (community ? `, ${flags.role} of "${community.name}"` : '') +
            '\n',
        );
      });
    },
  );

  withStoreOption(
    users
      .command('reset-password')
      .description('set a new password; ends that account’s sessions')
      .requiredOption('--email <email>', 'login email')
      .option('--password <password>', 'new password (else asked on the terminal, or read from stdin)'),
  ).action(async (flags: { email: string; password?: string; data?: string }) => {
    const password = checkPassword(await readSecret(flags.password, 'New password: '));
    await withStore(flags, async (store) => {
      const user = await store.auth.findUserByEmail(flags.email);
      if (!user) throw new QunzhuError('not_found', `no account with email ${flags.email}`);
      await store.auth.setPassword(user.id, await hashPassword(password));
      process.stdout.write(`password of ${user.email} changed; its sessions were ended\n`);
    });
  });
};
