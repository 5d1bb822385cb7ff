import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createTempMigrationsFolder,
  writeMigrationFolder,
  type TempMigrationsFolder,
} from '../testing/migration-fixtures.ts';
import {
  ensureMigrationLock,
  lockProvider,
  matchesChecksum,
  MIGRATION_LOCK_CONTENT,
  migrationChecksum,
  readLatestSnapshot,
  readMigrationFiles,
} from './migration-files.ts';

describe('migrationChecksum', () => {
  it('is the SHA-256 hex of the script, zero-padded (the value from Prisma’s own test)', () => {
    expect(migrationChecksum('hello')).toBe(
      '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
    );
    expect(migrationChecksum('abcd')).toHaveLength(64);
  });

  it('hashes the text as it is, line endings included', () => {
    expect(migrationChecksum('a\r\nb')).not.toBe(migrationChecksum('a\nb'));
  });
});

describe('matchesChecksum', () => {
  it('accepts the same script with LF or CRLF line endings, as Prisma does', () => {
    const unix = 'ab\ncd\nef\n';
    const windows = 'ab\r\ncd\r\nef\r\n';
    expect(matchesChecksum(windows, migrationChecksum(unix))).toBe(true);
    expect(matchesChecksum(unix, migrationChecksum(windows))).toBe(true);
  });

  it('rejects any other change', () => {
    expect(matchesChecksum('abc', migrationChecksum('abcd'))).toBe(false);
    expect(matchesChecksum('abc\n', migrationChecksum('abc'))).toBe(false);
  });

  it('accepts the unpadded checksums very old Prisma versions recorded', () => {
    const digest = Buffer.from(migrationChecksum('hello'), 'hex');
    const unpadded = Array.from(digest, (byte) => byte.toString(16)).join('');
    expect(unpadded.length).toBeLessThan(64);
    expect(matchesChecksum('hello', unpadded)).toBe(true);
  });
});

describe('the migrations folder', () => {
  let folder: TempMigrationsFolder;
  beforeEach(async () => {
    folder = await createTempMigrationsFolder();
  });
  afterEach(async () => {
    await folder.remove();
  });

  it('lists migration folders by name with their SQL and checksum, ignoring files and extra files', async () => {
    await writeMigrationFolder(folder.migrationsDir, '20250102000000_second', 'SELECT 2;\n', 'snapshot 2');
    await writeMigrationFolder(folder.migrationsDir, '20250101000000_first', 'SELECT 1;\n');
    await writeFile(join(folder.migrationsDir, 'migration_lock.toml'), MIGRATION_LOCK_CONTENT);

    const migrations = await readMigrationFiles(folder.migrationsDir);

    expect(migrations.map(({ name, sql, checksum }) => ({ name, sql, checksum }))).toEqual([
      { name: '20250101000000_first', sql: 'SELECT 1;\n', checksum: migrationChecksum('SELECT 1;\n') },
      { name: '20250102000000_second', sql: 'SELECT 2;\n', checksum: migrationChecksum('SELECT 2;\n') },
    ]);
  });

  it('treats a missing folder as no migrations, and a folder without migration.sql as an error', async () => {
    expect(await readMigrationFiles(join(folder.root, 'nowhere'))).toEqual([]);
    await mkdir(join(folder.migrationsDir, '20250101000000_empty'));
    await expect(readMigrationFiles(folder.migrationsDir)).rejects.toThrow(
      /20250101000000_empty has no readable/,
    );
  });

  it('finds the newest snapshot, and says when the newest folder has none', async () => {
    expect(await readLatestSnapshot(folder.migrationsDir)).toEqual({ kind: 'none' });
    await writeMigrationFolder(folder.migrationsDir, '20250101000000_first', 'SELECT 1;\n', 'model A');
    expect(await readLatestSnapshot(folder.migrationsDir)).toEqual({
      kind: 'found',
      migrationName: '20250101000000_first',
      datamodel: 'model A',
    });
    await writeMigrationFolder(folder.migrationsDir, '20250102000000_by_hand', 'SELECT 2;\n');
    expect(await readLatestSnapshot(folder.migrationsDir)).toEqual({
      kind: 'missing',
      migrationName: '20250102000000_by_hand',
    });
  });

  it('writes Prisma’s migration_lock.toml once and never overwrites it', async () => {
    expect(await ensureMigrationLock(folder.migrationsDir)).toBe(true);
    expect(await ensureMigrationLock(folder.migrationsDir)).toBe(false);
    const content = await readFile(join(folder.migrationsDir, 'migration_lock.toml'), 'utf8');
    expect(content).toBe(MIGRATION_LOCK_CONTENT);
    expect(lockProvider(content)).toBe('postgresql');
  });
});
