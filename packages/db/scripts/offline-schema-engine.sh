#!/bin/sh
# Stand-in for Prisma's native schema engine on machines that cannot download it.
# `prisma generate` only checks that the engine file exists; it never runs it. Anything else that
# reaches this script is a command that needs the real engine, so it fails loudly.
if [ "$1" = "--version" ]; then echo "schema-engine-cli offline-stand-in"; exit 0; fi
echo "The native Prisma schema engine is not installed on this machine (offline)." >&2
echo "Use the project's own scripts: pnpm db:migrate, pnpm db:migration <name>, pnpm db:check." >&2
exit 1
