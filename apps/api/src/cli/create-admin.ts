// `pnpm user:create-admin --email EMAIL --name "NAME"`: the first admin of a deployment on your own
// Postgres (DATABASE_URL; the embedded database otherwise). Prints a one-time password, once: the
// admin changes it at the first sign-in and sets up an authenticator app. Every other account is
// created by an admin in the app.
import { parseArgs } from 'node:util';
import { emailSchema } from '@pumpdesk/contracts';
import { bootstrapAdmin, createDatabase } from '@pumpdesk/db';
import { generatedPassword } from '../auth/demo-users.ts';
import { hashPassword } from '../auth/password-hashing.ts';
import { loadConfig } from '../config.ts';

const USAGE = 'Usage: pnpm user:create-admin --email EMAIL --name "NAME"';

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { email: { type: 'string' }, name: { type: 'string' } },
  });
  const email = emailSchema.safeParse(values.email ?? '');
  const name = values.name?.trim() ?? '';
  if (!email.success || name === '') throw new Error(`${USAGE}\n(an email address and a name are required)`);
  const config = loadConfig(process.env);
  const database =
    config.database.mode === 'postgres'
      ? await createDatabase({ mode: 'postgres', url: config.database.url })
      : await createDatabase({ mode: 'embedded', dataDir: config.database.dataDir });
  try {
    const password = generatedPassword();
    const created = await bootstrapAdmin(database.prisma, {
      name,
      email: email.data,
      passwordHash: await hashPassword(password),
      now: new Date(),
    });
    if ('emailTaken' in created) throw new Error(`A user with the email ${email.data} exists already.`);
    process.stdout.write(
      `Admin ${email.data} created. One-time password (shown once): ${password}\n` +
        'At the first sign-in they choose their own password and set up an authenticator app.\n',
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
