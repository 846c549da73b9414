# syntax=docker/dockerfile:1

# 1. The web app. It is embedded into the Go binary, so it is built first.
FROM node:20-bookworm-slim AS web
WORKDIR /src/frontend
# Playwright is a dev dependency for the browser journey; the image needs no browser.
ENV PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

# 2. A static binary with the web app inside.
FROM golang:1.26 AS go
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=web /src/frontend/dist ./frontend/dist
# .git is not in the build context, so the version comes in as an argument:
#   docker build --build-arg VERSION=$(git describe --always --dirty) .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -buildvcs=false \
	-ldflags "-s -w -X main.version=${VERSION}" -o /out/probono ./cmd/probono

# 3. Alpine rather than distroless so that compose health checks can call busybox wget.
FROM alpine:3.22
RUN apk add --no-cache ca-certificates tzdata \
	&& addgroup -S -g 10001 probono \
	&& adduser -S -D -H -u 10001 -G probono probono
COPY --from=go /out/probono /probono
USER 10001:10001
# Development mode writes .env.local into the working directory; production mode writes nothing.
WORKDIR /tmp
ENV APP_ENV=production HTTP_ADDR=:8080 METRICS_ADDR=:9091
EXPOSE 8080 9091
ENTRYPOINT ["/probono"]
CMD ["all"]
