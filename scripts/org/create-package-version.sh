#!/usr/bin/env bash
# Creates a version of the managed package from force-app only. The unpackaged folder (unpackaged/: contract vectors
# and the Apex contract tests, `unpackagedMetadata` in sfdx-project.json) is deployed next to it for the version's
# test run and code coverage, and is never installed in subscriber orgs. Checks offline first that nothing unpackaged
# or test-only is in force-app (npm run test:metadata).
# Needs a Dev Hub with the package registered once: `npx sf package create --name "RingCentral Open CTI Softphone"
# --package-type Managed --path force-app` (writes its id to packageAliases in sfdx-project.json).
# Usage: scripts/org/create-package-version.sh [dev-hub-alias]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DEV_HUB="${1:-${SF_TARGET_DEV_HUB:-devhub}}"

log "Building the softphone bundle"
(cd "$ROOT_DIR" && npm run build)

log "Checking the package boundary offline"
(cd "$ROOT_DIR" && npm run --silent test:metadata)

log "Creating a package version from force-app in ${DEV_HUB}"
sf_cli package version create --path force-app --code-coverage --installation-key-bypass \
  --target-dev-hub "$DEV_HUB" --wait 60
