#!/usr/bin/env bash
# Loads the sample world (docs/sample-world.md) with `sf data import tree`: scripts/data/sample-plan.json, then the
# person account (scripts/data/sample-person-account-plan.json) when the org has Person Accounts. The harness org
# stand-in loads the same files. Usage: scripts/org/import-data.sh [target-org]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ORG="$(target_org "${1:-}")"
DATA_DIR="$ROOT_DIR/scripts/data"

log "Importing the sample world into ${ORG}"
sf_cli data import tree --target-org "$ORG" --plan "$DATA_DIR/sample-plan.json"

RECORD_TYPE_ID="$(sf_cli data query --target-org "$ORG" --json \
  --query "SELECT Id FROM RecordType WHERE SobjectType = 'Account' AND IsPersonType = true AND IsActive = true LIMIT 1" \
  2>/dev/null | first_record_field Id || true)"
if [[ -z "$RECORD_TYPE_ID" ]]; then
  echo "Person Accounts are not enabled in ${ORG}: skipping Erin Park (scripts/data/PersonAccount.json)"
  exit 0
fi

# sf data import tree cannot look up record types by name: write a copy of the person account file with the id.
WORK_DIR="$(mktemp -d)"
trap 'rm -rf "$WORK_DIR"' EXIT
cp "$DATA_DIR/sample-person-account-plan.json" "$WORK_DIR/"
node -e '
  const fs = require("fs");
  const [source, target, recordTypeId] = process.argv.slice(1);
  const doc = JSON.parse(fs.readFileSync(source, "utf8"));
  for (const record of doc.records) record.RecordTypeId = recordTypeId;
  fs.writeFileSync(target, JSON.stringify(doc, null, 2));
' "$DATA_DIR/PersonAccount.json" "$WORK_DIR/PersonAccount.json" "$RECORD_TYPE_ID"

log "Importing the person account"
sf_cli data import tree --target-org "$ORG" --plan "$WORK_DIR/sample-person-account-plan.json"
