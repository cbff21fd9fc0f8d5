#!/usr/bin/env bash
# Builds the softphone bundle (npm run build → force-app/main/default/staticresources/SoftphoneBundle.js) and deploys
# force-app to an org. Usage: scripts/org/deploy.sh [target-org] [--dry-run]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ORG="$(target_org "${1:-}")"
EXTRA=()
if [[ "${2:-}" == "--dry-run" ]]; then
  EXTRA+=(--dry-run)
fi

log "Building the softphone bundle"
(cd "$ROOT_DIR" && npm run build)
if [[ ! -s "$ROOT_DIR/force-app/main/default/staticresources/SoftphoneBundle.js" ]]; then
  echo "SoftphoneBundle.js was not built; aborting" >&2
  exit 1
fi

log "Deploying force-app to ${ORG}"
sf_cli project deploy start --source-dir force-app --target-org "$ORG" --wait 30 ${EXTRA[@]+"${EXTRA[@]}"}
