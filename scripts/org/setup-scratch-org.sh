#!/usr/bin/env bash
# One command from nothing to a working softphone org: create a scratch org, deploy, assign the admin permission
# sets, add the default user to the call center, load the sample data, run the Apex tests.
# Usage: scripts/org/setup-scratch-org.sh [alias]
set -euo pipefail
DIR="$(dirname "$0")"
source "$DIR/lib.sh"
ALIAS="${1:-rc-softphone}"

bash "$DIR/create-scratch-org.sh" "$ALIAS"
bash "$DIR/deploy.sh" "$ALIAS"
bash "$DIR/assign-permission-sets.sh" "$ALIAS" "" admin
# The sample admin fields of unpackaged/ (Task Call Summary, Call Outcome), to try log customization and
# dispositions from a picklist on the Softphone Admin tab as the local harness does.
sf_cli org assign permset --name Softphone_Sample_Fields --target-org "$ALIAS"
bash "$DIR/add-user-to-call-center.sh" "$ALIAS"
bash "$DIR/import-data.sh" "$ALIAS"
bash "$DIR/run-apex-tests.sh" "$ALIAS"
echo
echo "Done. Open the org with: npx sf org open --target-org ${ALIAS} --path /lightning/app/c__RingCentral_Softphone"
echo "The admin page: npx sf org open --target-org ${ALIAS} --path /lightning/n/Softphone_Admin"
echo "Then fill Setup > Call Centers > RingCentral Open CTI > RingCentral Settings (server URL, client id)."
