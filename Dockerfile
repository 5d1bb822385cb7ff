# PumpDesk: the API and the built web app in one image. Used by docker-compose.yml.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN npm install -g pnpm@10.34.9
COPY . .
RUN pnpm install --frozen-lockfile && pnpm build

FROM node:20-bookworm-slim
WORKDIR /app
RUN npm install -g pnpm@10.34.9
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
# The whole workspace: the bundled API loads its npm dependencies from node_modules, and the
# migration runner (pnpm db:migrate) runs from packages/db with prisma/migrations.
COPY --from=build /app /app
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["sh", "-c", "pnpm db:migrate && pnpm start"]
