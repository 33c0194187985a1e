# syntax=docker/dockerfile:1
# optout-bot image: docker build -t optout-bot . (or docker compose up -d --build)
# Node 22 LTS (supported until April 2027) pinned to an exact release; bump both FROM lines together.
# Not 24: better-sqlite3 12 (the newest that builds on the Node 20 development machines) aborts on
# Node 24 when a Statement is finalised at teardown (Assertion failed: (env) != nullptr in
# RemoveEnvironmentCleanupHook; WiseLibs/better-sqlite3#1515, closed without a fix). Move to
# Node 24/26 together with better-sqlite3 13 once every machine runs Node 22 or newer.

# --- build: dev dependencies, the native SQLite addon, TypeScript -> dist/ (one bundle each) ---
FROM node:22.23.3-bookworm-slim AS build
# Compilers for better-sqlite3 when no prebuilt binary fits; they stay in this stage only.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
# Bundle, drop dev dependencies, and keep only the SQLite addon's binary of its build (-25 MB).
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && cd node_modules/better-sqlite3 \
 && rm -rf deps src build/Release/obj build/Release/obj.target build/Release/.deps \
      build/Release/sqlite3.a build/Release/test_extension.node

# --- runtime: production dependencies and compiled code only, no compilers, no tests ---
FROM node:22.23.3-bookworm-slim AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/data \
    HTTP_PORT=8080
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY config ./config
# The state volume must belong to the unprivileged user the bot runs as.
RUN mkdir -p /data \
 && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HTTP_PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The bot stops receiving, flushes in-flight sends (up to 10 s) and closes the database on SIGTERM;
# give it more than Docker's default 10 s (compose: stop_grace_period; docker run: --stop-timeout 15).
STOPSIGNAL SIGTERM
# Memory flags for a bot that mostly waits (npm run bench prints the figures): a small young
# generation and V8's size mode (-20 MB); no optimising compiler (-4 to -12 MB: the matcher needs
# a few microseconds per mention either way); fetch's HTTP parser (WebAssembly) compiled once by
# the baseline compiler only, instead of sometimes being recompiled (-8 MB when it was).
CMD ["node", "--max-semi-space-size=1", "--optimize-for-size", "--no-opt", "--liftoff-only", "dist/main.js"]
