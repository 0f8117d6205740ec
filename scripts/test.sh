#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what is missing (Node.js for the S3-compatible
# test server s3rver, from tools/s3rver/package-lock.json), starts a throw-away PostgreSQL beside
# (see with-postgres.sh), then runs the whole solution's tests against SQLite, that cluster and s3rver.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v npm >/dev/null 2>&1; then
  echo "Installing Node.js and npm (for s3rver)…"
  sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
if [ ! -x tools/s3rver/node_modules/.bin/s3rver ]; then
  echo "Installing s3rver…"
  (cd tools/s3rver && npm ci --no-audit --no-fund --loglevel=error)
fi
export BYTESTACK_TEST_S3RVER="$PWD/tools/s3rver/node_modules/.bin/s3rver"

# The Python SDK's suite (clients/python) runs on Debian's python3 with its pytest and boto3.
python_debs=()
for deb in python3-pytest python3-boto3 python3-venv; do
  dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q "ok installed" || python_debs+=("$deb")
done
if [ ${#python_debs[@]} -gt 0 ]; then
  echo "Installing ${python_debs[*]} (for the Python SDK's tests)…"
  as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
  as_root apt-get update -qq -o DPkg::Lock::Timeout=600
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 "${python_debs[@]}" >/dev/null
fi

# Both suites run even when the first fails, so one run shows every failure; either fails the script.
status=0
./scripts/with-postgres.sh dotnet test ByteStack.slnx --nologo "$@" || status=$?
/usr/bin/python3 -m pytest clients/python/tests -q -p no:cacheprovider || status=$?
exit $status
