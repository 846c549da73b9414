#!/usr/bin/env bash
# Browser journey: build the app, serve it on a throw-away database holding only the demo data, and run
# the Playwright specs in frontend/e2e against it with Debian's Chromium. The database and the server
# are removed whatever happens.
#
# Environment: PGHOST/PGPORT/PGUSER (default 127.0.0.1/5432/root), E2E_REDIS_URL (redis://127.0.0.1:6379/1),
# E2E_PORT (first free port from 18080), CHROMIUM_PATH (/usr/bin/chromium), E2E_SKIP_BUILD=1 to reuse
# an existing build. Arguments go to Playwright: `scripts/e2e.sh e2e/to-clear.spec.ts` runs one spec.
set -euo pipefail

cd "$(dirname "$0")/.."
root="$(pwd)"

pg_host="${PGHOST:-127.0.0.1}"
pg_port="${PGPORT:-5432}"
pg_user="${PGUSER:-root}"
redis_url="${E2E_REDIS_URL:-redis://127.0.0.1:6379/1}"
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
db="probono_e2e_$$"

if [ ! -x "$chromium" ]; then
	echo "e2e: no Chromium at $chromium (install Debian's chromium package or set CHROMIUM_PATH)" >&2
	exit 1
fi

psql_admin() {
	psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -v ON_ERROR_STOP=1 -q -X "$@"
}

port_in_use() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

http_ok() {
	if command -v curl >/dev/null; then
		curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null
	else
		wget -q -O /dev/null -T 2 "$1" 2>/dev/null
	fi
}

if [ "${E2E_SKIP_BUILD:-}" != 1 ]; then
	make --no-print-directory build
fi

# One browser journey at a time on this machine: journeys at once would race for a port, and their
# workers would take each other's tasks from the shared Redis database. Taken after the build, which
# may run alongside; the server inherits the lock, which is let go when the script and it have ended.
exec 9>"${TMPDIR:-/tmp}/probono-e2e.lock"
if ! flock -n 9; then
	echo "e2e: waiting for another browser journey on this machine to finish"
	flock 9
fi

# Chosen after the build, so that the port is still free when the server starts.
port="${E2E_PORT:-}"
if [ -n "$port" ] && port_in_use "$port"; then
	# Something else answering there would be tested instead of this build.
	echo "e2e: port $port is already in use" >&2
	exit 1
elif [ -z "$port" ]; then
	for candidate in $(seq 18080 18180); do
		if ! port_in_use "$candidate"; then
			port=$candidate
			break
		fi
	done
	if [ -z "$port" ]; then
		echo "e2e: no free port between 18080 and 18180" >&2
		exit 1
	fi
fi
base_url="http://127.0.0.1:$port"

workdir="$(mktemp -d)"
server_log="$workdir/server.log"
server_pid=""
db_created=""

cleanup() {
	local rc=$?
	if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
		kill -TERM "$server_pid" 2>/dev/null || true
		for _ in $(seq 1 50); do
			kill -0 "$server_pid" 2>/dev/null || break
			sleep 0.2
		done
		kill -KILL "$server_pid" 2>/dev/null || true
		wait "$server_pid" 2>/dev/null || true
	fi
	if [ "$rc" -ne 0 ] && [ -s "$server_log" ]; then
		echo "---- last lines of the server log ----" >&2
		tail -n 60 "$server_log" >&2 || true
	fi
	if [ -n "$db_created" ]; then
		psql_admin -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" || true
	fi
	rm -rf "$workdir"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

psql_admin -c "CREATE DATABASE \"$db\""
db_created=1

# Development mode, so cookies are not Secure over plain HTTP and no mail server is needed. Every
# setting is given explicitly so nothing is read from, or written to, a developer's .env.local.
export APP_ENV=development
export DATABASE_URL="postgres://$pg_user@$pg_host:$pg_port/$db?sslmode=disable"
export REDIS_URL="$redis_url"
export HTTP_ADDR="127.0.0.1:$port"
export BASE_URL="$base_url"
export JWT_SIGNING_KEYS="e2e=$(head -c 32 /dev/urandom | base64)"
export DATA_ENCRYPTION_KEY="e2e=$(head -c 32 /dev/urandom | base64)"
export SMTP_URL=""
export LOG_LEVEL="${E2E_LOG_LEVEL:-warn}"
# No metrics listener: its fixed default port may be taken by a server already running on this machine.
export METRICS_ADDR=""

# The journeys include a failed sign-in; failures counted by earlier runs from this address must not
# add up to a lock-out. This Redis database is used by the browser journey only.
redis-cli -u "$redis_url" --scan --pattern 'ratelimit:*' 2>/dev/null |
	while read -r key; do redis-cli -u "$redis_url" DEL "$key" >/dev/null 2>&1; done || true

"$root/bin/probono" seed

# The API and the worker in one process, as `make run` does: the journeys see what the events a
# request records lead to (a notification in another user's bell).
"$root/bin/probono" all >"$server_log" 2>&1 &
server_pid=$!

echo "e2e: waiting for $base_url/readyz"
ready=""
for _ in $(seq 1 120); do
	if ! kill -0 "$server_pid" 2>/dev/null; then
		echo "e2e: the server exited before it was ready" >&2
		exit 1
	fi
	if http_ok "$base_url/readyz"; then
		ready=1
		break
	fi
	sleep 0.5
done
if [ -z "$ready" ]; then
	echo "e2e: the server was not ready within 60s" >&2
	exit 1
fi

echo "e2e: running the browser journey against $base_url"
cd "$root/frontend"
E2E_BASE_URL="$base_url" CHROMIUM_PATH="$chromium" npm run e2e -- "$@"
