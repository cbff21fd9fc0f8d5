#!/usr/bin/env bash
# Creates a scratch org (Developer edition with Person Accounts, config/project-scratch-def.json) and makes it the
# default org. Needs a Dev Hub: `npx sf org login web --set-default-dev-hub --alias devhub` first.
# Usage: scripts/org/create-scratch-org.sh [alias] [duration-days]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ALIAS="$(target_org "${1:-}")"
DAYS="${2:-7}"

log "Creating scratch org ${ALIAS} for ${DAYS} days"
sf_cli org create scratch \
  --definition-file config/project-scratch-def.json \
  --alias "$ALIAS" \
  --duration-days "$DAYS" \
  --set-default \
  --wait 20
sf_cli org display --target-org "$ALIAS"
