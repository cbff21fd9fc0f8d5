#!/usr/bin/env bash
# Builds the softphone bundle (npm run build → force-app/main/default/staticresources/SoftphoneBundle.js) and deploys
# the package (force-app) with its unpackaged tests and test data (unpackaged/: the contract vectors and the Apex
# contract tests, `unpackagedMetadata` in sfdx-project.json), so that `sf apex run test` runs every test.
# --package-only deploys force-app alone (what a subscriber org gets: the package and its own tests).
# Usage: scripts/org/deploy.sh [target-org] [--dry-run] [--package-only]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ORG="$(target_org "${1:-}")"
EXTRA=()
SOURCES=(--source-dir force-app --source-dir unpackaged)
for arg in "${@:2}"; do
  case "$arg" in
    --dry-run) EXTRA+=(--dry-run) ;;
    --package-only) SOURCES=(--source-dir force-app) ;;
    *)
      echo "Unknown option ${arg}. Usage: scripts/org/deploy.sh [target-org] [--dry-run] [--package-only]" >&2
      exit 2
      ;;
  esac
done

log "Building the softphone bundle"
(cd "$ROOT_DIR" && npm run build)
if [[ ! -s "$ROOT_DIR/force-app/main/default/staticresources/SoftphoneBundle.js" ]]; then
  echo "SoftphoneBundle.js was not built; aborting" >&2
  exit 1
fi

log "Deploying ${SOURCES[*]} to ${ORG}"
sf_cli project deploy start "${SOURCES[@]}" --target-org "$ORG" --wait 30 ${EXTRA[@]+"${EXTRA[@]}"}
