#!/usr/bin/env bash
# Shared helpers of the org scripts. Source it: `source "$(dirname "$0")/lib.sh"`.
# Needs the Salesforce CLI (`npx sf` from the project's devDependencies) and Node (for JSON parsing).
set -euo pipefail

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export SF_DISABLE_TELEMETRY=true
export SF_AUTOUPDATE_DISABLE=true

# Target org alias or username: first argument of the calling script, else $SF_TARGET_ORG, else rc-softphone.
target_org() {
  echo "${1:-${SF_TARGET_ORG:-rc-softphone}}"
}

sf_cli() {
  (cd "$ROOT_DIR" && npx --no-install sf "$@")
}

# Reads a field of the first record of a `sf data query --json` result from stdin.
first_record_field() {
  node -e '
    let text = "";
    process.stdin.on("data", (chunk) => (text += chunk));
    process.stdin.on("end", () => {
      const records = JSON.parse(text).result?.records ?? [];
      process.stdout.write(records.length > 0 ? String(records[0][process.argv[1]] ?? "") : "");
    });
  ' "$1"
}

log() {
  printf '\n==> %s\n' "$*"
}
