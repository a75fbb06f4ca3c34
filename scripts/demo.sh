#!/usr/bin/env bash
# Builds the app and runs it on the embedded PostgreSQL (PGlite, data in .data/) with demo data:
# migrations, seed (prints the demo logins), then the server on PORT (default 3000).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
# The demo organisation is the operator's: its admins change global settings and run jobs.
export PLATFORM_ORG_SLUG="${PLATFORM_ORG_SLUG:-freshfoodz-demo}"
npm run --silent build
exec node scripts/with-db.mjs bash -c '
  set -e
  node scripts/migrate.mjs up
  node_modules/.bin/tsx --conditions=react-server prisma/seed.ts
  echo
  echo "FreshPlan Admin: http://localhost:${PORT:-3000}  (sign in with a demo login above)"
  echo
  exec node scripts/start.mjs
'
