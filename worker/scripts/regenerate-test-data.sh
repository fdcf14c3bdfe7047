#!/usr/bin/env bash
# Regenerates the worker's committed test data with Debian's Python packages (python3-torch,
# python3-opencv, python3-pil, python3-numpy); see docs/models.md. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
$PY worker/scripts/make_test_model.py models/testing
$PY worker/scripts/make_resize_fixtures.py
$PY worker/scripts/make_parity_images.py
$PY worker/scripts/md_reference.py detect models/testing/biotrack-test-md.torchscript \
  worker/src/test/resources/parity worker/src/test/resources/parity/golden.json \
  --pixels worker/src/test/resources/parity/pixels.json
echo "done: review 'git status' and commit the changes together"
