# One image for every Shopgraph service; docker-compose.yml picks the entry point per service.
# Services run their TypeScript with tsx, the same way `npm start` does: no build step to drift.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# npm ci's postinstall applies these fixes to dependencies (postgres.js: docs/operations.md, Faults and recovery).
COPY patches patches
COPY packages packages
COPY subgraphs subgraphs
COPY gateway gateway
COPY schema schema
# Only manifests matter to npm ci, but workspaces need their folders; sources are copied again below.
RUN npm ci --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# All of /app, not just node_modules: a workspace whose pinned versions differ from the hoisted
# ones (packages/tracing's OpenTelemetry SDK) has a node_modules of its own.
COPY --from=deps /app ./
COPY . .
USER node
# No CMD: each service in docker-compose.yml names its own entry point.
