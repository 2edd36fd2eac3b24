#!/usr/bin/env bash
# Installs the Node peer @gutenye/ocr-node into DIR (default .cache/ocr-peer
# in the clone) unless it is there; run.sh and eval.sh use it. The npm
# registry only: onnxruntime-node is installed with ONNXRUNTIME_NODE_INSTALL=skip,
# its package already holds the linux-x64 CPU library.
#
#   bench/ocr-peer/install.sh [DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
peer=${1:-$here/../../.cache/ocr-peer}
PEER_VERSION=${PEER_VERSION:-1.4.8}
if [ ! -d "$peer/node_modules/@gutenye/ocr-node" ]; then
	echo "installing @gutenye/ocr-node@$PEER_VERSION in $peer" >&2
	mkdir -p "$peer"
	[ -f "$peer/package.json" ] || echo '{"private":true,"type":"module"}' >"$peer/package.json"
	(cd "$peer" && ONNXRUNTIME_NODE_INSTALL=skip npm install --no-audit --no-fund \
		"@gutenye/ocr-node@$PEER_VERSION" >&2)
fi
