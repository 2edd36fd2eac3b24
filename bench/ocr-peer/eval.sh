#!/usr/bin/env bash
# `make eval-ocr`: reads every image of the development set
# (inference/ocr/testdata/devset) and of the test screens
# (inference/ocr/testdata/screens) with Describer's OCR (Result.Text(), as
# the app speaks it) and, when node is present, with the peer
# @gutenye/ocr-node on the same PP-OCRv4 files; then prints, per set, CER
# after whitespace normalisation, word recall, row recall and images with
# invented text for both (package inference/ocr/ocreval). Each image is read
# once after one warm-up. The JSON lines with every text read stay in
# .cache/eval-ocr/ (NAME.ours.jsonl, NAME.peer.jsonl); EVAL_VERBOSE=1 adds
# the figures per image. Needs the runtime and the models of
# `make test-data`; installs the peer with npm on first use (install.sh).
#
# Environment: OCR_DATA (data folder; default .cache/test-data), OCR_MODELS,
# OCR_PEER_DIR (default .cache/ocr-peer), EVAL_OUT (default .cache/eval-ocr),
# NO_PEER=1 to leave the peer out.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
data=${OCR_DATA:-$root/.cache/test-data}
models=${OCR_MODELS:-$data/models/ppocr-v4}
peer=${OCR_PEER_DIR:-$root/.cache/ocr-peer}
out=${EVAL_OUT:-$root/.cache/eval-ocr}
sets=("devset=$root/inference/ocr/testdata/devset" "screens=$root/inference/ocr/testdata/screens")

mkdir -p "$out"
rm -f "$out"/*.jsonl
(cd "$root" && go build -tags ocrpeer -o "$out/ocr-peer" ./bench/ocr-peer)

use_peer=0
if [ "${NO_PEER:-}" != 1 ] && command -v node >/dev/null; then
	if "$here/install.sh" "$peer"; then use_peer=1; else echo "eval-ocr: the peer could not be installed; ours only" >&2; fi
fi
for s in "${sets[@]}"; do
	name=${s%%=*} dir=${s#*=}
	echo "eval-ocr: $name: ours" >&2
	"$out/ocr-peer" -data "$data" -models "$models" -screens "$dir" -runs 1 >"$out/$name.ours.jsonl"
	if [ $use_peer = 1 ]; then
		echo "eval-ocr: $name: peer" >&2
		(cd "$peer" && node "$here/peer.mjs" "$dir" 1) >"$out/$name.peer.jsonl"
	fi
done
v=
[ "${EVAL_VERBOSE:-}" = 1 ] && v=-v
"$out/ocr-peer" -score -results "$out" $v "${sets[@]}"
