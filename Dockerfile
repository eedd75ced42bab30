# syntax=docker/dockerfile:1
# A standalone image: one image serves every deployment, configured by env at run time.
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# .git stays out of the build context: pass the commit in (docker build --build-arg GIT_COMMIT=$(git rev-parse HEAD))
# so Settings → About and /api/health can name it.
ARG GIT_COMMIT=""
ENV GIT_COMMIT=$GIT_COMMIT
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS run
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
COPY --from=build --chown=node:node /app/.next/standalone ./
# Runs as the unprivileged `node` user that the base image provides.
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# fast-server.js serves /api/openai/* on a plain node:http fast path and hands everything else to
# Next (server/fast-server.ts); Next's own server.js is still there but not needed.
CMD ["node", "fast-server.js"]
