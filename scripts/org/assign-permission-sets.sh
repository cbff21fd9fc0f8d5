#!/usr/bin/env bash
# Assigns the softphone permission sets to a user (default: the org's default user, i.e. the scratch org admin).
# Usage: scripts/org/assign-permission-sets.sh [target-org] [username] [agent|admin]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ORG="$(target_org "${1:-}")"
USERNAME="${2:-}"
ROLE="${3:-admin}"

SETS=(--name Softphone_Agent)
if [[ "$ROLE" == "admin" ]]; then
  SETS+=(--name Softphone_Admin)
fi
ON_BEHALF=()
if [[ -n "$USERNAME" ]]; then
  ON_BEHALF=(--on-behalf-of "$USERNAME")
fi

log "Assigning ${ROLE} permission sets in ${ORG}"
sf_cli org assign permset "${SETS[@]}" --target-org "$ORG" ${ON_BEHALF[@]+"${ON_BEHALF[@]}"}
