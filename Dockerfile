# Samråd: one process serving the API and the built client (DESIGN.md §3).
# Production-like use: `docker compose up` (docker-compose.yml) runs it against PostgreSQL 15.

# ---- build: all dependencies, then the client bundle (dist/client) ----
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# ---- runtime: production dependencies only (tsx runs the TypeScript server) ----
FROM node:24-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY tsconfig.json tsconfig.base.json tsconfig.server.json ./
COPY server ./server
COPY migrations ./migrations
COPY scripts ./scripts
COPY --from=build /app/dist/client ./dist/client
# DATA_DIR holds the embedded PGlite database when DATABASE_URL is unset; owned by the app user.
RUN mkdir -p /app/data && chown node:node /app/data

ENV PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/app/data \
    CLIENT_DIST=/app/dist/client
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# One process (not `npx tsx …`): npx exits on SIGTERM without passing it on, so the server would
# be killed instead of closing gracefully. tsx's loader runs the TypeScript directly.
CMD ["node", "--import", "tsx", "server/server.ts"]
