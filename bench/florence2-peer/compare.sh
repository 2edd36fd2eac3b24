#!/usr/bin/env bash
# Times Describer and transformers.js captioning on the same base-size
# Florence-2 graphs, in one run, with the same two intra-op threads:
#
#   bash bench/florence2-peer/compare.sh [MODEL_DIR]
#
# MODEL_DIR defaults to .cache/florence2-base (make bench writes it, and the
# medium Piper voice .cache/bench-piper/medium.onnx that the peak memory
# counts when it is there). It prints transformers.js' mean per brief
# caption (greedy: 4.3.1 has no beam search), Describer's BenchmarkCaption
# lines (3 beams, as the generation config says, and greedy) and the
# ratios, Describer ÷ transformers.js.
set -euo pipefail
cd "$(dirname "$0")/../.."
model=$(realpath "${1:-.cache/florence2-base}")
image=inference/florence2/testdata/images/scene_768x768.png
export DESCRIBER_TEST_DATA=$PWD/.cache/test-data DESCRIBER_HOME=$PWD/.cache/test-home DESCRIBER_BENCH_FLORENCE=$model
voice=$PWD/.cache/bench-piper/medium.onnx
if [ -f "$voice" ]; then
	export DESCRIBER_BENCH_PIPER_VOICE=$voice
fi
peer=$(ONNXRUNTIME_NODE_INSTALL=skip node bench/florence2-peer/time.mjs "$model" "$image" 5 2 | tee /dev/stderr |
	sed -n 's/^caption \([0-9]*\) ms.*/\1/p')
go test -run '^$' -bench 'BenchmarkCaption$' -benchtime 5x ./inference/florence2/ | tee /tmp/describer-florence-bench.txt
awk -v peer="$peer" '/ms\/caption/ {
	for (i = 1; i <= NF; i++) if ($(i+1) == "ms/caption") printf "%s: %s ms per caption, %.2f of transformers.js (%s ms)\n", $1, $i, $i / peer, peer
}' /tmp/describer-florence-bench.txt
