#!/usr/bin/env bash
# Rewrites the tiny MarianMT (opus-mt-en-de) fixture and its reference files:
#   tiny/                             gen_fixture.py (Python, NumPy, onnx)
#   reference_transformersjs.json     transformersjs_reference.mjs (Node)
#   reference_beam.json               gen_fixture.py --beam (NumPy and PyTorch: Debian's python3-torch)
# Installs @huggingface/transformers 4.3.1 into DIR (default .cache/florence2-tjs
# in the clone, shared with the Florence-2 fixture) from the npm registry unless
# it is there: onnxruntime-node is installed with ONNXRUNTIME_NODE_INSTALL=skip,
# its package already holds the linux-x64 CPU library.
#
#   inference/marian/testdata/regen.sh [DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
tjs=${1:-$repo/.cache/florence2-tjs}
TJS_VERSION=${TJS_VERSION:-4.3.1}
if [ ! -d "$tjs/node_modules/@huggingface/transformers" ]; then
	echo "installing @huggingface/transformers@$TJS_VERSION in $tjs" >&2
	mkdir -p "$tjs"
	[ -f "$tjs/package.json" ] || echo '{"private":true,"type":"module"}' >"$tjs/package.json"
	(cd "$tjs" && ONNXRUNTIME_NODE_INSTALL=skip npm install --no-audit --no-fund \
		"@huggingface/transformers@$TJS_VERSION" >&2)
fi
cd "$here"
/usr/bin/python3 gen_fixture.py
node transformersjs_reference.mjs --modules "$tjs/node_modules"
/usr/bin/python3 gen_fixture.py --beam
