#!/usr/bin/env bash
# Runs the package's Apex tests (including one test per contract vector) with code coverage.
# Usage: scripts/org/run-apex-tests.sh [target-org]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ORG="$(target_org "${1:-}")"
log "Running Apex tests in ${ORG}"
sf_cli apex run test --target-org "$ORG" --test-level RunLocalTests --code-coverage --result-format human --wait 30
