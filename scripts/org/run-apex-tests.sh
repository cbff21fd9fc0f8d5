#!/usr/bin/env bash
# Runs the Apex tests in the org with code coverage: the package's own tests and, when unpackaged/ was deployed
# (scripts/org/deploy.sh does), the contract tests (one test per contract vector) and the defaults test.
# Usage: scripts/org/run-apex-tests.sh [target-org]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ORG="$(target_org "${1:-}")"
log "Running Apex tests in ${ORG}"
sf_cli apex run test --target-org "$ORG" --test-level RunLocalTests --code-coverage --result-format human --wait 30
