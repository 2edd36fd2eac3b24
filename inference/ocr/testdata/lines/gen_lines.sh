#!/usr/bin/env bash
# Renders small_long_lines.png, long lines of small text as a browser draws
# them, for TestEngineKeepsSpacesAndLetters: three lines of Liberation Serif
# at 12 px, then three of Noto Sans at 11 px, #222 on white, line height
# 1.5. Before the recogniser's crop was fitted to each line's ink (crop.go)
# Describer lost letters and spaces here ("Lettes that hveevbeen shw",
# "Quarterlybudget aproved"). The truth is small_long_lines.txt, written from
# the same lines. Needs chromium, fonts-liberation, fonts-noto-core and
# ImageMagick (convert).
# Usage: ./gen_lines.sh   (writes beside this script)
set -euo pipefail
cd "$(dirname "$0")"
serif=("Letters that have never been shown in public, according to the museum, go on display."
	"Describe window Describe clipboard Read the block under the pointer Settings"
	"Quarterly budget approved after a long debate among all the committee members")
sans=("The school board will vote on the new budget next Tuesday evening at seven."
	"To fetch them, run: describer models pull and wait for the download to finish"
	"Officials said the bridge will be closed for repairs until the end of the summer.")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{
	echo '<html><body style="margin:12px;background:#fff;color:#222;line-height:1.5">'
	for l in "${serif[@]}"; do echo "<div style=\"font:12px 'Liberation Serif'\">$l</div>"; done
	for l in "${sans[@]}"; do echo "<div style=\"font:11px 'Noto Sans'\">$l</div>"; done
	echo '</body></html>'
} >"$tmp/page.html"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --screenshot="$tmp/shot.png" \
	--window-size=500,130 "file://$tmp/page.html" >/dev/null 2>&1
convert "$tmp/shot.png" -colorspace Gray -depth 8 -strip -define png:exclude-chunks=date,time PNG8:small_long_lines.png
printf '%s\n' "${serif[@]}" "${sans[@]}" >small_long_lines.txt
