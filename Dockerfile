# Decision Ledger: the API and the projector, from one image.
#   docker build -t decision-ledger .
# Build stage: every dependency, TypeScript compiled to dist/.
FROM node:24-bookworm-slim AS build
WORKDIR /ledger
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps apps
COPY libs libs
COPY bench bench
COPY site site
RUN npm run build --silent

# Runtime stage: production dependencies only, no compiler, not root.
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /ledger
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /ledger/dist dist
COPY migrations migrations
COPY scenarios scenarios
COPY bin bin
COPY site site
# The image of a fresh PGlite cluster, kept beside the packages, which a ledger on memory:// or on
# a new data folder starts from instead of running initdb (node_modules is not the node user's to write).
RUN node -e "import('./dist/libs/event-store/src/index.js').then(({ startFreshCluster }) => startFreshCluster()).then((cluster) => cluster.close())"
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "dist/apps/ledger-api/src/main.js"]
