#!/usr/bin/env bash
# Describer set-up for Debian 12: checks Go and installs the Debian packages that
# are missing. Safe to run again; it skips what is done. Used by `make run` and
# `make test`. It fetches no model: once built, `describer models pull` fetches
# the runtime and the models (verified by SHA-256 against models/catalog.json),
# into the user's data folder for `make run` and into .cache/test-data for
# `make test`.
set -euo pipefail

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
