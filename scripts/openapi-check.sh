#!/usr/bin/env bash
# The API document as the tools people feed it to see it: writes what /api/v1/openapi.json serves
# to .data/openapi/ (no server), lints it with Redocly CLI (recommended rules, redocly.yaml),
# generates a TypeScript client's types with openapi-typescript and type-checks them together with
# a small client written against them (test/openapi-client). Exits non-zero on any finding.
set -euo pipefail
cd "$(dirname "$0")/.."
out=.data/openapi
# No telemetry and no update check from the linter: CI reaches only the package registries.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
node_modules/.bin/tsx --conditions=react-server scripts/openapi-document.ts "$out/openapi.json"
node_modules/.bin/redocly lint "$out/openapi.json" --config redocly.yaml
node_modules/.bin/openapi-typescript "$out/openapi.json" --output "$out/api.d.ts"
node_modules/.bin/tsc -p test/openapi-client
echo "OpenAPI: lint clean, generated client type-checks"
