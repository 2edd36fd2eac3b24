#!/usr/bin/env bash
# Times Describer and transformers.js answering a question on the same
# base-size SmolVLM graphs, in one run, with the same two intra-op threads:
#
#   bash bench/smolvlm-peer/compare.sh [MODEL_DIR]
#
# MODEL_DIR defaults to .cache/smolvlm-base (make bench writes it; with
# .cache/florence2-base-q8 and .cache/bench-piper/medium.onnx there, the
# peak memory counts Florence-2 and a Piper voice too). It prints
# transformers.js' time to the first token and decoding speed (splitting
# off, 24 new tokens), Describer's BenchmarkAsk lines and the ratios.
set -euo pipefail
cd "$(dirname "$0")/../.."
model=$(realpath "${1:-.cache/smolvlm-base}")
image=inference/smolvlm/testdata/images/screen_1920x1080.png
export DESCRIBER_TEST_DATA=$PWD/.cache/test-data DESCRIBER_HOME=$PWD/.cache/test-home DESCRIBER_BENCH_SMOLVLM=$model
[ -d .cache/florence2-base-q8 ] && export DESCRIBER_BENCH_FLORENCE=$PWD/.cache/florence2-base-q8
[ -f .cache/bench-piper/medium.onnx ] && export DESCRIBER_BENCH_PIPER_VOICE=$PWD/.cache/bench-piper/medium.onnx
peer=$(ONNXRUNTIME_NODE_INSTALL=skip node bench/smolvlm-peer/time.mjs "$model" "$image" 5 2 | tee /dev/stderr | grep '^first-token')
first=$(sed -n 's/^first-token \([0-9]*\) ms.*/\1/p' <<<"$peer")
rate=$(sed -n 's/.* \([0-9.]*\) tokens\/s.*/\1/p' <<<"$peer")
go test -run '^$' -bench 'BenchmarkAsk$' -benchtime 5x ./inference/smolvlm/ | tee /tmp/describer-smolvlm-bench.txt
awk -v first="$first" -v rate="$rate" '/one-tile/ {
	for (i = 1; i <= NF; i++) {
		if ($(i+1) == "first-token-ms") printf "first token: %s ms, %.2f of transformers.js (%s ms)\n", $i, $i / first, first
		if ($(i+1) == "tokens/s") printf "decoding: %s tokens/s, %.2f times transformers.js (%s tokens/s)\n", $i, $i / rate, rate
	}
}' /tmp/describer-smolvlm-bench.txt
