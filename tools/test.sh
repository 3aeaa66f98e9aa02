#!/usr/bin/env bash
# Build mailteach and run every test: unit tests of the core, and tshark
# tests that load the plugin into a real tshark on the bundled captures.
# Ends with ctest's summary ("N tests failed out of M").
# SPDX-License-Identifier: GPL-2.0-or-later
set -eu
cd "$(dirname "$0")/.."
bash tools/build.sh
cd build
ctest --output-on-failure -j"$(nproc)"
