import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS_FILE, loadCommonPasswords, parseCommonPasswords } from './common-passwords.ts';
import { PASSWORD_RULES, checkNewPassword } from './password-policy.ts';

/** A password of exactly `length` characters that is in no list. */
const uncommon = (length: number) => 'blue pump lantern river '.repeat(11).slice(0, length);

describe('checkNewPassword: length', () => {
  it('states the rules: at least 8, 15 recommended, at most 256', () => {
    expect(PASSWORD_RULES).toEqual({ minLength: 8, recommendedLength: 15, maxLength: 256 });
  });

  it('a 7-character password is refused (too_short) with a plain message', () => {
    expect(checkNewPassword(uncommon(7), {})).toEqual({
      ok: false,
      code: 'too_short',
      message: 'Use at least 8 characters; 15 or more is better.',
    });
  });

  it('an 8-character password is accepted', () => {
    expect(checkNewPassword(uncommon(8), {})).toEqual({ ok: true });
  });

  it('64-, 65- and 256-character passwords are accepted', () => {
    for (const length of [64, 65, 256]) expect(checkNewPassword(uncommon(length), {})).toEqual({ ok: true });
  });

  it('a 257-character password is refused (too_long)', () => {
    expect(checkNewPassword(uncommon(257), {})).toEqual({
      ok: false,
      code: 'too_long',
      message: 'Use at most 256 characters.',
    });
  });

  it('counts code points: 7 emoji (14 UTF-16 units) are too short, 8 emoji are accepted', () => {
    expect('🔒'.repeat(7)).toHaveLength(14);
    expect(checkNewPassword('🔒'.repeat(7), {})).toMatchObject({ ok: false, code: 'too_short' });
    expect(checkNewPassword('🔒'.repeat(8), {})).toEqual({ ok: true });
  });

  it('counts after NFKC: 4 × "e" + combining accent (8 code points typed) is 4 characters, too short', () => {
    expect(checkNewPassword('e\u0301'.repeat(4), {})).toMatchObject({ ok: false, code: 'too_short' });
    expect(checkNewPassword('e\u0301'.repeat(8), {})).toEqual({ ok: true });
  });

  it('has no composition rules: 15 lower-case letters with spaces are accepted', () => {
    expect(checkNewPassword('quiet blue pump', {})).toEqual({ ok: true });
  });
});

describe('checkNewPassword: common passwords', () => {
  it("'password1234' is refused (common)", () => {
    expect(checkNewPassword('password1234', {})).toMatchObject({ ok: false, code: 'common' });
  });

  it("'Password1234' and ' PASSWORD1234 ' are refused too (case and surrounding spaces ignored)", () => {
    expect(checkNewPassword('Password1234', {})).toMatchObject({ ok: false, code: 'common' });
    expect(checkNewPassword(' PASSWORD1234 ', {})).toMatchObject({ ok: false, code: 'common' });
  });

  it('ships a list of 17,950 passwords of 8+ characters, all lower-case, loaded once', () => {
    const list = loadCommonPasswords();
    expect(list.size).toBe(17_950);
    expect(loadCommonPasswords()).toBe(list);
    expect(list.has('password')).toBe(true);
    expect(list.has('12345678')).toBe(true);
    expect(
      [...list].filter((entry) => Array.from(entry).length < 8 || entry !== entry.toLowerCase()),
    ).toEqual([]);
    expect(COMMON_PASSWORDS_FILE).toMatch(/common-passwords\.txt$/);
  });

  it('skips the header lines of the file', () => {
    expect([...parseCommonPasswords('# source\nabcdefgh\r\n\nqwertyuiop\n')]).toEqual([
      'abcdefgh',
      'qwertyuiop',
    ]);
  });
});

describe('checkNewPassword: the account’s own details', () => {
  const context = { email: 'Ann.Nurse@clinic.example', name: 'Ann Nurse-Smith' };

  it.each([
    ['the email', 'ann.nurse@clinic.example'],
    ['the email’s local part', 'ANN.NURSE'],
    ['the name with spaces around it', '  ann nurse-smith '],
    ['"pumpdesk"', 'PumpDesk'],
  ])('%s is refused (context)', (_, password) => {
    expect(checkNewPassword(password, context)).toEqual({
      ok: false,
      code: 'context',
      message: 'Do not use your email address, your name or "PumpDesk" as your password.',
    });
  });

  it('a password that only contains the name is accepted (equality, not inclusion)', () => {
    expect(checkNewPassword('ann nurse-smith rides a zebra', context)).toEqual({ ok: true });
  });

  it('"pumpdesk" is refused even with no email or name', () => {
    expect(checkNewPassword('pumpdesk', {})).toMatchObject({ ok: false, code: 'context' });
  });
});
