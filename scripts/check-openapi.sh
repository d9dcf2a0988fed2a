#!/usr/bin/env bash
# Checks the API contract: prints the OpenAPI document from the server binary (no server, no
# database), lints it with Redocly's recommended ruleset (no error allowed), and regenerates
# the web's types (web/src/api/schema.d.ts), failing if they differ from the checked-in file.
#   scripts/check-openapi.sh [build/release/waishi] [--update]
# --update rewrites web/src/api/schema.d.ts instead of comparing. Needs `npm ci` in web/.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-build/release/waishi}
update=false
[[ "${2:-}" == "--update" || "${1:-}" == "--update" ]] && update=true
[[ "$binary" == "--update" ]] && binary=build/release/waishi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$binary" openapi > "$tmp/openapi.json"

web/node_modules/.bin/redocly lint --format=stylish "$tmp/openapi.json"

web/node_modules/.bin/openapi-typescript "$tmp/openapi.json" -o "$tmp/schema.d.ts" >/dev/null
if $update; then
  cp "$tmp/schema.d.ts" web/src/api/schema.d.ts
  echo "web/src/api/schema.d.ts updated"
elif ! diff -u web/src/api/schema.d.ts "$tmp/schema.d.ts"; then
  echo "web/src/api/schema.d.ts is stale: run scripts/check-openapi.sh $binary --update" >&2
  exit 1
fi
