# Probono Match: `make run` to try it, `make test` for everything CI checks.
# Recipes are plain POSIX sh so they work with whatever /bin/sh is.

GO      ?= go
NPM     ?= npm
BIN     := bin/probono
WEB     := frontend
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)

# Files produced by `make generate`; they are committed so that a build needs neither generator.
GENERATED := api/api.gen.go $(WEB)/src/api/schema.d.ts

# What `make test` runs, in order; each step is also a target of its own.
TEST_STEPS := check-generated lint test-go test-web e2e

# Touched after npm ci (which empties node_modules first); a newer lockfile means reinstall.
NODE_STAMP := $(WEB)/node_modules/.make-installed

.DEFAULT_GOAL := help

.PHONY: help run build web binary deps generate check-generated lint test $(TEST_STEPS) bench bench-match bench-http bench-reports clean

help:
	@echo 'make run              build, migrate, seed the demo data and serve on http://localhost:8080'
	@echo 'make test             check generated code, lint, Go tests, web tests, browser journey'
	@echo 'make build            build the web app and bin/probono (with the web app embedded)'
	@echo 'make binary           build only bin/probono, embedding whatever frontend/dist holds'
	@echo 'make deps             install the web app dependencies (npm ci) if the lockfile changed'
	@echo 'make generate         regenerate api/api.gen.go and frontend/src/api/schema.d.ts from openapi.yaml'
	@echo 'make check-generated  fail if the generated files do not match openapi.yaml'
	@echo 'make lint             gofmt, go mod tidy, go vet, staticcheck, TypeScript type check'
	@echo 'make test-go          go test -race ./... (needs Postgres and Redis on localhost)'
	@echo 'make test-web         web unit tests (vitest)'
	@echo 'make e2e              browser journey against a freshly seeded throw-away database'
	@echo 'make bench            Go benchmarks, the outbox benchmarks beside redis-benchmark'
	@echo 'make bench-match      the batch solver beside GLPK glpsol on one instance (needs glpk-utils)'
	@echo 'make bench-http       HTTP requests per second for each role beside pgbench -S (needs wrk)'
	@echo 'make bench-reports    yearly hours reports of one firm over 10,000,000 time entries (p50, p95)'
	@echo 'make clean            remove build output'

# ---- build ------------------------------------------------------------------------------------

$(NODE_STAMP): $(WEB)/package-lock.json $(WEB)/package.json
	@echo "==> Installing the web app's dependencies (npm ci)..."
	cd $(WEB) && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 $(NPM) ci --no-audit --no-fund
	touch $@

deps: $(NODE_STAMP)

# The SPA is embedded into the binary (frontend/embed.go), so it is built first.
web: $(NODE_STAMP)
	@echo "==> Building the web app (Vite)..."
	cd $(WEB) && $(NPM) run build

# The first build compiles every Go dependency, which takes a few minutes; later builds reuse the cache.
binary:
	@echo "==> Compiling bin/probono (the first build compiles every Go dependency and can take a few minutes)..."
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/probono

build: web
	@$(MAKE) --no-print-directory binary

run: build
	@echo "==> Applying database migrations..."
	$(BIN) migrate
	@echo "==> Loading the demo data (only the first time)..."
	$(BIN) seed
	@echo
	@addr=$${HTTP_ADDR:-:8080}; echo "Probono Match is starting on $${BASE_URL:-http://localhost:$${addr##*:}} (Ctrl-C stops it)."
	@echo "Sign in with one of the demo logins above."
	@echo
	exec $(BIN) all

# ---- code generation ---------------------------------------------------------------------------

generate: $(NODE_STAMP)
	cd api && $(GO) tool oapi-codegen -config oapi-codegen.yaml ../openapi.yaml
	cd $(WEB) && $(NPM) run generate

# Stale means: regenerating from openapi.yaml changes a generated file. In CI (CI set) the generated
# files must also be committed, which `git status` shows.
check-generated: $(NODE_STAMP)
	@tmp="$$(mktemp -d)"; trap 'rm -rf "$$tmp"' EXIT; \
	for f in $(GENERATED); do \
		if [ -f "$$f" ]; then mkdir -p "$$tmp/$$(dirname $$f)" && cp "$$f" "$$tmp/$$f"; fi; \
	done; \
	$(MAKE) --no-print-directory generate || exit 1; \
	stale=""; \
	for f in $(GENERATED); do \
		cmp -s "$$f" "$$tmp/$$f" || stale="$$stale $$f"; \
	done; \
	if [ -n "$$stale" ]; then \
		echo "These generated files did not match openapi.yaml:$$stale"; \
		echo "They have now been regenerated: review and commit them."; \
		exit 1; \
	fi; \
	if [ -n "$${CI:-}" ]; then \
		changed="$$(git status --porcelain -- $(GENERATED))"; \
		if [ -n "$$changed" ]; then \
			echo "Generated files differ from the commit:"; echo "$$changed"; \
			echo "Run 'make generate' and commit the result."; \
			exit 1; \
		fi; \
	fi; \
	echo "Generated files are up to date."

# ---- checks ------------------------------------------------------------------------------------

lint: $(NODE_STAMP)
	@unformatted="$$(find . -name '*.go' -not -path './.git/*' -not -path './$(WEB)/node_modules/*' -print | xargs gofmt -l)"; \
	if [ -n "$$unformatted" ]; then \
		echo "gofmt would change these files (run gofmt -w):"; \
		echo "$$unformatted"; \
		exit 1; \
	fi
	@$(GO) mod tidy -diff >/dev/null || { echo "go.mod or go.sum is not as go mod tidy leaves it: run go mod tidy and commit the result"; $(GO) mod tidy -diff; exit 1; }
	$(GO) vet ./...
	$(GO) tool staticcheck ./...
	cd $(WEB) && $(NPM) run lint

# Each step runs in its own make so that its duration is printed and the first failure stops the rest.
test:
	@total=$$(date +%s); \
	for step in $(TEST_STEPS); do \
		start=$$(date +%s); \
		echo "==> make $$step"; \
		$(MAKE) --no-print-directory $$step || { echo "FAILED: make $$step after $$(( $$(date +%s) - start ))s"; exit 1; }; \
		echo "<== make $$step: $$(( $$(date +%s) - start ))s"; \
	done; \
	echo "All checks passed in $$(( $$(date +%s) - total ))s."

# Integration tests create their own databases on the local Postgres (PGHOST, PGPORT, PGUSER) and use
# Redis at TEST_REDIS_URL (default redis://127.0.0.1:6379/0).
test-go:
	$(GO) test -race -count=1 ./...

test-web: $(NODE_STAMP)
	cd $(WEB) && $(NPM) test

e2e:
	bash scripts/e2e.sh

# The outbox benchmarks run once each (a fixed load), beside redis-benchmark in the same run, so
# their figures can be read as ratios to what Redis alone does on this machine at this moment.
# The candidates endpoint's benchmark seeds 50,000 attorneys once and times 100 requests (p50, p95).
bench:
	$(GO) test -run '^$$' -bench . -skip 'BenchmarkOutbox|BenchmarkSolveBesideGLPK|BenchmarkCandidates|BenchmarkReportHours' -benchmem ./...
	$(GO) test -run '^$$' -bench 'BenchmarkCandidates' -benchtime=100x ./api
	$(GO) test -run '^$$' -bench 'BenchmarkOutbox' -benchtime=1x ./internal/jobs
	redis-benchmark -q -t set,get -n 100000 | tr '\r' '\n' | grep 'requests per second'

# The batch solver and glpsol (Debian package glpk-utils) on the same instance in one run, then the
# peak memory of `probono match solve` on it.
bench-match:
	@dir="$$(mktemp -d)"; \
	$(GO) test -run '^$$' -bench 'BenchmarkSolve' -benchmem -timeout 30m ./internal/matching -args -glpk.dir="$$dir" && \
	$(GO) build -o "$$dir/probono" ./cmd/probono && \
	echo "probono match solve on the 2000x20000x50 instance:" && \
	/usr/bin/time -v "$$dir/probono" match solve < "$$dir/2000x20000x50/instance.json" 2>&1 >/dev/null | grep -E 'User time|Elapsed|Maximum resident'; \
	status=$$?; rm -rf "$$dir"; exit $$status

bench-http:
	bash scripts/bench-http.sh

# `probono gen-hours` loads 10,000,000 approved time entries into a database of their own (once: a
# database that holds the load is reused), then each grouping of a firm's yearly hours report is
# requested 100 times through HTTP (p50, p95). BENCH_REPORTS_DB names the database.
BENCH_REPORTS_DB ?= postgres://$${PGUSER:-root}@$${PGHOST:-127.0.0.1}:$${PGPORT:-5432}/probono_bench_reports?sslmode=disable
bench-reports:
	@dir="$$(mktemp -d)"; trap 'rm -rf "$$dir"' EXIT; \
	$(GO) build -o "$$dir/probono" ./cmd/probono && \
	DATABASE_URL="$(BENCH_REPORTS_DB)" APP_ENV=development "$$dir/probono" gen-hours 2>&1 | grep -v 'applied migration' && \
	BENCH_REPORTS_DATABASE_URL="$(BENCH_REPORTS_DB)" $(GO) test -run '^$$' -bench 'BenchmarkReportHours' -benchtime=100x -timeout 30m ./api

clean:
	rm -rf bin $(WEB)/test-results $(WEB)/playwright-report
	find $(WEB)/dist -mindepth 1 -not -name .gitkeep -delete 2>/dev/null || true
