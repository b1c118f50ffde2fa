#!/usr/bin/env bash
# Installs the npm package csv-spectrum into the build folder (only when missing) and checks the
# CSV reader against it. Exit 77 (skipped) when npm is not installed.
# Usage: csv_spectrum.sh DRIVER NPM_PREFIX
set -u
driver=$1 prefix=$2
pkg="$prefix/node_modules/csv-spectrum"
if [ ! -d "$pkg/csvs" ]; then
  if ! command -v npm >/dev/null; then
    echo "SKIP: npm is not installed, so the csv-spectrum conformance files cannot be fetched (apt-get install npm)"
    exit 77
  fi
  npm install --silent --no-audit --no-fund --prefix "$prefix" csv-spectrum >/dev/null || {
    echo "FAIL: npm install csv-spectrum failed"
    exit 1
  }
fi
exec "$driver" "$pkg"
