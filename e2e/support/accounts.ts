import { randomUUID } from 'node:crypto';
import { type Database, endSessionsOfUser } from '@pumpdesk/db';
import { createTestUser } from '@pumpdesk/db/testing';
import { type Page } from 'playwright-core';
import { hashPassword } from '../../apps/api/src/auth/password-hashing.ts';
import { generateTotpSecret, totpCode } from '../../apps/api/src/auth/totp.ts';

// Users the browser tests sign in as: each with a known password (hashed the way the API hashes) and,
// when asked, an authenticator app already set up, whose codes the test computes itself.

/** The roles as the user factory takes them (e2e does not depend on the contracts package). */
type UserRole = NonNullable<NonNullable<Parameters<typeof createTestUser>[2]>['role']>;

export interface TestAccount {
  id: string;
  name: string;
  email: string;
  password: string;
  /** The base32 TOTP secret when the account uses an authenticator app. */
  totpSecret: string | null;
}

export async function createAccount(
  database: Database,
  input: { name: string; role: UserRole; siteIds?: readonly string[]; allSites?: boolean; totp?: boolean },
): Promise<TestAccount> {
  const password = `e2e ${randomUUID()}`;
  const totpSecret = input.totp ? generateTotpSecret() : null;
  const email = `${input.name.toLowerCase().replace(/[^a-z]+/g, '.')}.${randomUUID().slice(0, 6)}@example.org`;
  const user = await createTestUser(database.prisma, input.siteIds ?? [], {
    name: input.name,
    email,
    role: input.role,
    allSites: input.allSites ?? false,
    passwordHash: await hashPassword(password),
    totpSecret,
    totpEnabledAt: totpSecret ? new Date() : null,
  });
  return { id: user.id, name: input.name, email, password, totpSecret };
}

/** Types the email and password on the sign-in page that is showing, and presses Sign in. */
export async function submitCredentials(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The whole sign-in on the page that is showing: password, then the app's current code if it has one. */
export async function signIn(page: Page, account: TestAccount): Promise<void> {
  await submitCredentials(page, account.email, account.password);
  if (account.totpSecret) await enterCurrentCode(page, account);
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** On the second-factor step: the code the account's authenticator app would show now. */
export async function enterCurrentCode(page: Page, account: TestAccount): Promise<void> {
  if (!account.totpSecret) throw new Error(`${account.name} has no authenticator app`);
  await page.getByLabel('6-digit code').fill(totpCode(account.totpSecret, Date.now()));
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** Ends every live session of the user in the database, as the idle timeout would. */
export function endSessionsInDatabase(database: Database, account: TestAccount): Promise<number> {
  return endSessionsOfUser(database.prisma, account.id, 'idle', new Date());
}
