#!/usr/bin/env bash
# Renders dense_1080p.png: a 1920×1080 screen of 120 lines of text (a
# title bar, then two panes of 60 lines at 13 px, the left a list of
# messages, the right a document), and dense_1080p.txt, its text in reading
# order. For BenchmarkFirstWords (app): how soon the first words of a dense
# screen are spoken. Needs ImageMagick 6 (convert) and fonts-dejavu-core;
# reproducible (fixed font, single-threaded, PNG time chunks stripped).
set -euo pipefail
cd "$(dirname "$0")"
export MAGICK_THREAD_LIMIT=1
words=(report budget meeting review invoice project schedule update summary draft notes release)
args=() truth=()
title="Mail and documents - Describer test screen"
for i in $(seq 0 59); do
	y=$((48 + 17 * i))
	left="Message $((i + 1)) from team $((i % 7 + 1)): ${words[$((i % 12))]} ${words[$(((i + 5) % 12))]}"
	right="Paragraph line $((i + 1)) of the ${words[$(((i + 3) % 12))]} document, ${words[$(((i + 8) % 12))]} and totals $((i * 37 % 1000)).$((i % 10))0"
	args+=(-annotate "+20+$y" "$left" -annotate "+760+$y" "$right")
	truth+=("$left")
	rtruth+=("$right")
done
convert -size 1920x1080 xc:white -font DejaVu-Sans -pointsize 13 -fill '#1a1a1a' \
	-fill '#dddddd' -draw 'rectangle 0,0 1919,28' -fill '#1a1a1a' -annotate +760+19 "$title" \
	-fill '#e4e4e4' -draw 'line 740,30 740,1079' -fill '#1a1a1a' "${args[@]}" \
	-colorspace Gray -depth 8 -strip -define png:exclude-chunks=date,time PNG8:dense_1080p.png
{
	echo "$title"
	printf '%s\n' "${truth[@]}"
	printf '%s\n' "${rtruth[@]}"
} >dense_1080p.txt
