#!/usr/bin/env bash
# Runs the engine benchmarks (bench/ByteStack.Bench) on SQLite and a throw-away PostgreSQL,
# with Quartz.NET as the baseline in the same run. Arguments go to the benchmark, e.g.
#   ./scripts/bench.sh --jobs 10000,100000 --idle 1000000 --idle-seconds 30
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./scripts/with-postgres.sh dotnet run -c Release --project bench/ByteStack.Bench -- "$@"
