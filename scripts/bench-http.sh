#!/usr/bin/env bash
# HTTP throughput beside Postgres's own: build bin/probono, serve it on a fresh database holding the
# demo data and generated referrals, sign in once as each role, load `GET /api/v1/me` and
# `GET /api/v1/referrals?limit=50` with wrk, run `pgbench -S` before and after them, and print
# requests per second, p99 latency and the ratio to pgbench's mean transactions per second. Ratios
# to pgbench, rather than bare figures, can be compared between machines and between runs on a busy
# machine.
#
# Environment: PGHOST/PGPORT/PGUSER (default 127.0.0.1/5432/root), BENCH_REDIS_URL
# (redis://127.0.0.1:6379/2), BENCH_PORT (first free port from 18280), BENCH_DURATION (10s per run),
# BENCH_THREADS (2), BENCH_CONNECTIONS (16), BENCH_REFERRALS (300), BENCH_REGISTRY_ENTRIES (500 per
# firm), BENCH_SKIP_BUILD=1 to reuse bin/probono. The databases probono_bench and
# probono_bench_pgbench are dropped and created again, and dropped at the end.
set -euo pipefail

cd "$(dirname "$0")/.."
root="$(pwd)"

pg_host="${PGHOST:-127.0.0.1}"
pg_port="${PGPORT:-5432}"
pg_user="${PGUSER:-root}"
redis_url="${BENCH_REDIS_URL:-redis://127.0.0.1:6379/2}"
duration="${BENCH_DURATION:-10s}"
threads="${BENCH_THREADS:-2}"
connections="${BENCH_CONNECTIONS:-16}"
referrals="${BENCH_REFERRALS:-300}"
registry_entries="${BENCH_REGISTRY_ENTRIES:-500}"
db=probono_bench
pgbench_db=probono_bench_pgbench

for tool in wrk pgbench psql curl; do
	if ! command -v "$tool" >/dev/null; then
		echo "bench-http: $tool is missing (Debian packages: wrk, postgresql-client, curl)" >&2
		exit 1
	fi
done

psql_admin() {
	psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -v ON_ERROR_STOP=1 -q -X "$@"
}

port_in_use() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
	make --no-print-directory binary
fi

port="${BENCH_PORT:-}"
if [ -n "$port" ] && port_in_use "$port"; then
	echo "bench-http: port $port is already in use" >&2
	exit 1
elif [ -z "$port" ]; then
	for candidate in $(seq 18280 18380); do
		if ! port_in_use "$candidate"; then
			port=$candidate
			break
		fi
	done
	if [ -z "$port" ]; then
		echo "bench-http: no free port between 18280 and 18380" >&2
		exit 1
	fi
fi
base_url="http://127.0.0.1:$port"

workdir="$(mktemp -d)"
server_log="$workdir/server.log"
server_pid=""

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
		tail -n 40 "$server_log" >&2 || true
	fi
	psql_admin -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" || true
	psql_admin -c "DROP DATABASE IF EXISTS \"$pgbench_db\" WITH (FORCE)" || true
	rm -rf "$workdir"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for d in "$db" "$pgbench_db"; do
	psql_admin -c "DROP DATABASE IF EXISTS \"$d\" WITH (FORCE)"
	psql_admin -c "CREATE DATABASE \"$d\""
done

# Development mode needs no mail server; every setting is explicit so a developer's .env.local is
# neither read nor written. Access logs stay on (info), as in production, but go to a file.
export APP_ENV=development
export DATABASE_URL="postgres://$pg_user@$pg_host:$pg_port/$db?sslmode=disable"
export REDIS_URL="$redis_url"
export HTTP_ADDR="127.0.0.1:$port"
export BASE_URL="$base_url"
export JWT_SIGNING_KEYS="bench=$(head -c 32 /dev/urandom | base64)"
export DATA_ENCRYPTION_KEY="bench=$(head -c 32 /dev/urandom | base64)"
export SMTP_URL=""
export LOG_LEVEL=info

echo "bench-http: migrating and seeding $db ($referrals generated referrals, $registry_entries registry entries per firm)"
"$root/bin/probono" migrate >/dev/null
"$root/bin/probono" seed --referrals "$referrals" --registry-entries "$registry_entries" >/dev/null
# Plans as on a database that has been in use: without statistics on the freshly filled tables,
# Postgres may choose plans it would not choose once autovacuum has analysed them.
psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "$db" -v ON_ERROR_STOP=1 -q -X -c ANALYZE

"$root/bin/probono" serve >"$server_log" 2>&1 &
server_pid=$!
ready=""
for _ in $(seq 1 120); do
	if ! kill -0 "$server_pid" 2>/dev/null; then
		echo "bench-http: the server exited before it was ready" >&2
		exit 1
	fi
	if curl -fsS -o /dev/null --max-time 2 "$base_url/readyz" 2>/dev/null; then
		ready=1
		break
	fi
	sleep 0.5
done
if [ -z "$ready" ]; then
	echo "bench-http: the server was not ready within 60s" >&2
	exit 1
fi

# One sign-in per role: sign-ins are rate limited, and the access token lasts the whole run.
password="$(sed -n 's/^const DemoPassword = "\(.*\)"$/\1/p' internal/seed/seed.go)"
sign_in() {
	curl -fsS --max-time 10 -H 'Content-Type: application/json' \
		-d "{\"email\":\"$1\",\"password\":\"$password\"}" "$base_url/api/v1/auth/login" |
		sed -n 's/.*"access_token": *"\([^"]*\)".*/\1/p'
}

roles=("nonprofit staff" "coordinator" "attorney" "platform admin")
emails=("staff@northside.example" "coordinator@hartwell.example" "priya.raman@hartwell.example" "admin@probono.example")
tokens=()
for email in "${emails[@]}"; do
	token="$(sign_in "$email")"
	if [ -z "$token" ]; then
		echo "bench-http: could not sign in as $email" >&2
		exit 1
	fi
	tokens+=("$token")
	# A role that sees a short page would be measured on less work than the others.
	rows="$(curl -fsS --max-time 10 -H "Authorization: Bearer $token" "$base_url/api/v1/referrals?limit=50" | grep -o '"practice_area":' | wc -l)"
	echo "bench-http: $email sees $rows referrals on the first page of 50"
done

# wrk reports through this script: requests per second, p99 in milliseconds, and the responses that
# were not 2xx or 3xx, so that a run of errors is not mistaken for a fast one.
cat >"$workdir/report.lua" <<'EOF'
done = function(summary, latency, requests)
	local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
	io.write(string.format("RESULT %.1f %.2f %d\n", summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000, errors))
end
EOF

pgbench -h "$pg_host" -p "$pg_port" -U "$pg_user" -i -q "$pgbench_db" >/dev/null 2>&1
seconds="${duration%s}"
run_pgbench() {
	echo "bench-http: pgbench -S ($connections connections, $threads threads, $duration)" >&2
	pgbench -h "$pg_host" -p "$pg_port" -U "$pg_user" -S -n -c "$connections" -j "$threads" -T "$seconds" "$pgbench_db" 2>/dev/null |
		sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -n 1
}
pgbench_first="$(run_pgbench)"
if [ -z "$pgbench_first" ]; then
	echo "bench-http: pgbench printed no tps" >&2
	exit 1
fi

results="$workdir/results"
: >"$results"
for path in "/api/v1/me" "/api/v1/referrals?limit=50"; do
	for i in "${!roles[@]}"; do
		echo "bench-http: wrk GET $path as ${roles[$i]}"
		line="$(wrk -t "$threads" -c "$connections" -d "$duration" -s "$workdir/report.lua" \
			-H "Authorization: Bearer ${tokens[$i]}" "$base_url$path" | grep '^RESULT ')"
		echo "$path|${roles[$i]}|${line#RESULT }" >>"$results"
	done
done

# pgbench runs again after the HTTP runs, and the ratios are to the mean of both: on a shared
# machine the load can change during the run, and the mean stands for the whole of it.
pgbench_last="$(run_pgbench)"
if [ -z "$pgbench_last" ]; then
	echo "bench-http: pgbench printed no tps" >&2
	exit 1
fi
pgbench_tps="$(awk -v a="$pgbench_first" -v b="$pgbench_last" 'BEGIN { printf "%.1f", (a + b) / 2 }')"

echo
printf '%-34s %-16s %8s %8s %7s %9s  %s\n' "request" "role" "rps" "p99 ms" "errors" "×pgbench" "target"
printf '%-34s %-16s %8.0f %8s %7s %9s  first %.0f, last %.0f\n' "pgbench -S (mean of 2 runs)" "-" "$pgbench_tps" "-" "-" "1.000" "$pgbench_first" "$pgbench_last"
missed=0
while IFS='|' read -r path role figures; do
	read -r rps p99 errors <<<"$figures"
	target=0.5
	case "$path" in /api/v1/referrals*) target=0.3 ;; esac
	ratio="$(awk -v a="$rps" -v b="$pgbench_tps" 'BEGIN { printf "%.3f", a / b }')"
	verdict="$(awk -v r="$ratio" -v t="$target" 'BEGIN { print (r >= t ? "met" : "missed") }')"
	if [ "$verdict" = missed ] || [ "$errors" -ne 0 ]; then
		missed=$((missed + 1))
	fi
	printf '%-34s %-16s %8.0f %8.2f %7d %9s  %s\n' "GET $path" "$role" "$rps" "$p99" "$errors" "$ratio" ">= $target $verdict"
done <"$results"
echo
echo "$missed of $(wc -l <"$results") runs missed their target or had errors."
