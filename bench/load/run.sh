#!/usr/bin/env bash
# `make load-test`: the production stack of deploy/prod-check.sh on a kept database
# (karib_load_bench), the generated data set, locust at 5/20/50 users. Not run by CI.
#   KARIB_LOAD_SCALE=0.1 make load-test     # 10k people instead of 100k
#   KARIB_LOAD_RUN_TIME=30s make load-test
set -euo pipefail
cd "$(dirname "$0")/../.."
export PROD_CHECK_DB="${PROD_CHECK_DB:-karib_load_bench}" PROD_CHECK_KEEP_DB=1
export PROD_CHECK_THEN="bash bench/load/drive.sh"
exec bash deploy/prod-check.sh
