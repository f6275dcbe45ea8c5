#!/usr/bin/env bash
# Standalone bundle for people without Python: dist/threat-workbench/workbench (Linux, one
# folder, PyInstaller). Built in its own venv from the pinned versions in constraints.txt,
# then smoke-tested: validate and analyze a bundled sample from another folder.
# Usage: tools/build_bundle.sh [--no-check]      (docs/install.md)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
venv=${BUNDLE_VENV:-$root/build/bundle-venv}

python3 -m venv "$venv"
"$venv/bin/pip" install -q -c constraints.txt ".[bundle]"
"$venv/bin/pyinstaller" --noconfirm --log-level WARN --distpath "$root/dist" \
    --workpath "$root/build/pyinstaller" packaging/workbench.spec
exe=$root/dist/threat-workbench/workbench
echo "built $exe ($(du -sh "$root/dist/threat-workbench" | cut -f1))"

[ "${1:-}" = "--no-check" ] && exit 0
check=$(mktemp -d)
trap 'rm -rf "$check"' EXIT
cd "$check"  # not the checkout: the bundle must carry its own data
"$exe" --version
"$exe" new --template insulin-closed-loop -o sample.twm.json
"$exe" validate sample.twm.json
"$exe" analyze sample.twm.json --json --top 3 --samples 2048 --seed 1 > analysis.json
"$exe" catalog threats > /dev/null
python3 -c "import json,sys; d=json.load(open('analysis.json')); \
assert d['summary']['threats'] > 0, d['summary']; print('bundle analyze: ok,', \
d['summary']['threats'], 'threats')"
