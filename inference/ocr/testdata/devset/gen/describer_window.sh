#!/usr/bin/env bash
# Captures Describer's own window for the development set: the app on a fresh
# Xvfb display with an empty DESCRIBER_HOME (first run: no models, no sound
# device), once with its download offer (describer_first_run.png) and once
# after "Not now" (describer_window.png). The truths beside them are written
# by hand from the PNGs; rewrite them when the window's text changes.
#
#   gen/describer_window.sh [BINARY] [OUTDIR]     (default bin/describer, the devset folder)
#
# Needs Xvfb, xdotool and ImageMagick (import, convert), pngquant.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(realpath "${1:-$here/../../../../../bin/describer}")
out=${2:-$here/..}
tmp=$(mktemp -d)
display=:63
Xvfb $display -screen 0 1280x800x24 -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
xvfb=$!
app=
cleanup() {
	if [ -n "$app" ]; then kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; fi
	kill "$xvfb" 2>/dev/null || true
	wait "$xvfb" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
sleep 2
mkdir -p "$tmp/home"
DISPLAY=$display DESCRIBER_HOME=$tmp/home XDG_CONFIG_HOME=$tmp/home/config "$bin" >"$tmp/app.log" 2>&1 &
app=$!
sleep 15 # the window and its download offer, with no event to wait for
shot() {
	DISPLAY=$display import -window root "$tmp/raw.png"
	pngquant --force --strip --speed 1 --nofs --output "$out/$1.png" 256 "$tmp/raw.png"
}
shot describer_first_run
# "Not now" in the offer, then the pointer out of the way.
DISPLAY=$display xdotool mousemove 561 373 click 1
sleep 3
DISPLAY=$display xdotool mousemove 1200 780
sleep 2
shot describer_window
