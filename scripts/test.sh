#!/usr/bin/env bash
# Every test of the project, as CI runs it: static checks, unit, the API document through a linter
# and a client generator, integration (real PostgreSQL), production build, browser tests (Debian's
# Chromium). Installs PostgreSQL, Redis, Dovecot and Chromium from
# Debian when missing and starts PostgreSQL and Redis when they are down. The run uses Redis for the
# rate limits (REDIS_URL), as several instances would; tests of the memory path say so themselves.
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgresql://postgres:postgres@127.0.0.1:5432/postgres}"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

step "PostgreSQL"
if ! command -v pg_isready >/dev/null; then apt_install postgresql postgresql-client; fi
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  cluster=$(ls /etc/postgresql | sort -V | tail -1)
  pg_ctlcluster --skip-systemctl-redirect "$cluster" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
# A freshly installed server wants a password on TCP: give postgres the one TEST_DATABASE_URL names.
if ! psql "$TEST_DATABASE_URL" -qAtc 'select 1' >/dev/null 2>&1; then
  su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
fi
psql "$TEST_DATABASE_URL" -qAtc 'select version()'

step "Redis"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
if ! command -v redis-server >/dev/null; then apt_install redis-server; fi
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 1; done
fi
redis-cli -h 127.0.0.1 -p 6379 info server | grep -m1 redis_version

step "Dovecot"
# The IMAP server the inbox tests read from (test/fakes/imap.ts starts its own, unprivileged).
if [ ! -x /usr/sbin/dovecot ]; then apt_install dovecot-imapd; fi
/usr/sbin/dovecot --version

step "Chromium"
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then apt_install chromium; fi
"${CHROMIUM_PATH:-/usr/bin/chromium}" --version

# tsc and ESLint are single-threaded: on two cores they run side by side, each with its own log.
step "typecheck, lint, format (side by side)"
logs=$(mktemp -d)
npm run --silent typecheck >"$logs/typecheck" 2>&1 & typecheck=$!
npm run --silent lint >"$logs/lint" 2>&1 & lint=$!
npm run --silent format:check >"$logs/format" 2>&1 & format=$!
failed=""
for check in typecheck lint format; do
  if wait "${!check}"; then status=passed; else status=FAILED; failed=1; fi
  printf -- '-- %s: %s\n' "$check" "$status"
  cat "$logs/$check"
done
rm -rf "$logs"
[ -z "$failed" ]
step "unit";         npx vitest run --project unit
step "OpenAPI";      bash scripts/openapi-check.sh  # lint + generated client, no server
step "integration";  npx vitest run --project integration
step "build";        FRESHPLAN_CHECKED_BUILD=1 npm run --silent build  # typecheck passed above
step "browser";      npx playwright test
