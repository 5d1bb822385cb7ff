// Prisma CLI configuration, for machines that can download Prisma's native schema engine (a clinic's
// deployment host with internet access). There, `prisma migrate deploy` and `prisma migrate status`
// work on the same migrations folder as our own `pnpm db:migrate` (docs/decisions/001-offline-migrations.md):
//   DATABASE_URL=postgres://... pnpm --filter @pumpdesk/db exec prisma migrate status --config ../../prisma.config.ts
// Our own scripts do not read this file. It has no imports so that it loads from the repo root,
// where the `prisma` package is not installed.
export default {
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env['DATABASE_URL'] ?? '' },
};
