#!/usr/bin/env bash
# Runs every test on a fresh machine: a throw-away PostgreSQL beside (see with-postgres.sh),
# then the whole solution's tests against SQLite and that cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./scripts/with-postgres.sh dotnet test ByteStack.slnx --nologo "$@"
