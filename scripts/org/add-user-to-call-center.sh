#!/usr/bin/env bash
# Makes a user a member of the RingCentral Open CTI call center (User.CallCenterId); without it the phone utility
# item shows nothing. Usage: scripts/org/add-user-to-call-center.sh [target-org] [username]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ORG="$(target_org "${1:-}")"
USERNAME="${2:-}"
if [[ -z "$USERNAME" ]]; then
  USERNAME="$(sf_cli org display --target-org "$ORG" --json | node -e '
    let t = ""; process.stdin.on("data", (c) => (t += c));
    process.stdin.on("end", () => process.stdout.write(JSON.parse(t).result.username));')"
fi

CALL_CENTER_ID="$(sf_cli data query --target-org "$ORG" --json \
  --query "SELECT Id FROM CallCenter WHERE InternalName = 'RingCentralOpenCTI' LIMIT 1" | first_record_field Id)"
if [[ -z "$CALL_CENTER_ID" ]]; then
  echo "No call center RingCentralOpenCTI in ${ORG}: deploy first (scripts/org/deploy.sh) or import config/call-center/RingCentralOpenCTI.xml" >&2
  exit 1
fi

log "Adding ${USERNAME} to call center ${CALL_CENTER_ID}"
sf_cli data update record --target-org "$ORG" --sobject User \
  --where "Username='${USERNAME}'" --values "CallCenterId=${CALL_CENTER_ID}"
