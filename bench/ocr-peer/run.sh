#!/usr/bin/env bash
# Peer comparison for OCR: runs the Node peer @gutenye/ocr-node and our Go OCR
# on the same images (inference/ocr/testdata/screens) in one run and prints,
# per image, both times, both CERs and the time ratio (ours / peer's).
# Run by hand; never part of `make test`. Needs node + npm (the npm registry
# only: onnxruntime-node is installed with ONNXRUNTIME_NODE_INSTALL=skip, its
# package already holds the linux-x64 CPU library), Go, and the OCR models
# that `make test-data` fetches into .cache/test-data.
#
#   bench/ocr-peer/run.sh [--peer-only] [RUNS]
#
# Environment: OCR_DATA (the data folder our ONNX Runtime comes from;
# default .cache/test-data), OCR_PEER_DIR (where the peer is installed; default
# .cache/ocr-peer in the clone), OCR_MODELS (our models; default the test
# data's), SCREENS (the images), and ocr-peer's flags via GO_FLAGS.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
peer_only=0
if [ "${1:-}" = --peer-only ]; then peer_only=1; shift; fi
runs=${1:-3}
models=${OCR_MODELS:-$root/.cache/test-data/models/ppocr-v4}
screens=${SCREENS:-$root/inference/ocr/testdata/screens}
peer=${OCR_PEER_DIR:-$root/.cache/ocr-peer}

"$here/install.sh" "$peer"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "peer: @gutenye/ocr-node $(node -p "require('$peer/node_modules/@gutenye/ocr-node/package.json').version"), onnxruntime-node $(node -p "require('$peer/node_modules/onnxruntime-node/package.json').version"), $runs run(s) per image, $(nproc) CPUs" >&2
(cd "$peer" && node "$here/peer.mjs" "$screens" "$runs") >"$tmp/peer.jsonl"
if [ $peer_only = 0 ]; then
	(cd "$root" && go run -tags ocrpeer ./bench/ocr-peer -data "${OCR_DATA:-$root/.cache/test-data}" -models "$models" -screens "$screens" -runs "$runs" ${GO_FLAGS:-}) >"$tmp/ours.jsonl"
else
	: >"$tmp/ours.jsonl"
fi
node "$here/report.mjs" "$tmp/peer.jsonl" "$tmp/ours.jsonl"
