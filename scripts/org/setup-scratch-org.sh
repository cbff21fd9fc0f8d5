#!/usr/bin/env bash
# One command from nothing to a working softphone org: create a scratch org, deploy, assign the admin permission
# sets, add the default user to the call center, load the sample data, run the Apex tests.
# Usage: scripts/org/setup-scratch-org.sh [alias]
set -euo pipefail
DIR="$(dirname "$0")"
ALIAS="${1:-rc-softphone}"

bash "$DIR/create-scratch-org.sh" "$ALIAS"
bash "$DIR/deploy.sh" "$ALIAS"
bash "$DIR/assign-permission-sets.sh" "$ALIAS" "" admin
bash "$DIR/add-user-to-call-center.sh" "$ALIAS"
bash "$DIR/import-data.sh" "$ALIAS"
bash "$DIR/run-apex-tests.sh" "$ALIAS"
echo
echo "Done. Open the org with: npx sf org open --target-org ${ALIAS} --path /lightning/app/c__RingCentral_Softphone"
echo "Then fill Setup > Call Centers > RingCentral Open CTI > RingCentral Settings (server URL, client id)."
