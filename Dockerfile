# One Dockerfile for every Shopgraph service: docker build --build-arg SERVICE=<name> -t shopgraph/<name> .
# SERVICE is gateway, users, products, orders, inventory, reviews or analytics (the folders `npm run build` writes).

# Build stage: the whole workspace with dev dependencies, compiled to dist/<service>/ by esbuild.
FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY . .
RUN npm ci --no-audit --no-fund && npm run build

# Runtime stage: one service's bundle (every package inlined) and the native addons it installs (argon2 for users; none for the rest).
FROM node:24-bookworm-slim AS runtime
ARG SERVICE
RUN test -n "$SERVICE" || (echo "--build-arg SERVICE=<gateway|users|products|orders|inventory|reviews|analytics> is required" >&2; exit 1)
# tini as PID 1: forwards SIGTERM to node and reaps zombies.
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production NODE_OPTIONS=--enable-source-maps SERVICE=${SERVICE}
WORKDIR /app
COPY --from=build --chown=node:node /src/dist/${SERVICE}/ ./
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force
USER node
# PORT when set, else the service's standard port (COMMON ports: gateway 4000, users 4001 ... analytics 4006).
HEALTHCHECK --interval=5s --timeout=3s --retries=20 CMD ["node", "-e", "const port = process.env.PORT || { gateway: 4000, users: 4001, products: 4002, orders: 4003, inventory: 4004, reviews: 4005, analytics: 4006 }[process.env.SERVICE]; fetch(`http://127.0.0.1:${port}/health`).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "main.js"]
