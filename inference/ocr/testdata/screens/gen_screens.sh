#!/usr/bin/env bash
# Renders the OCR test screens and their ground truth (.txt, one line per text
# line, in reading order). Needs ImageMagick 6 (convert) and fonts-dejavu-core.
# Reproducible: fixed fonts, sizes, seeds; PNG time chunks stripped.
# Usage: ./gen_screens.sh [outdir]   (default: this script's directory)
set -euo pipefail
out=${1:-$(cd "$(dirname "$0")" && pwd)}
cd "$out"
export MAGICK_THREAD_LIMIT=1 # deterministic output
SANS=DejaVu-Sans SERIF=DejaVu-Serif MONO=DejaVu-Sans-Mono
PNG=(-strip -define png:exclude-chunks=date,time)

# save NAME GREY|PAL  (reads the image from stdin as MIFF)
save() {
	case $2 in
	GREY) convert miff:- -colorspace Gray -depth 8 "${PNG[@]}" "PNG8:$1.png" ;;
	PAL) convert miff:- -dither None -colors 64 "${PNG[@]}" "PNG8:$1.png" ;;
	esac
}

# Plain text at each size, dark on light and light on dark.
line1="The quick brown fox jumps over the lazy dog"
line2="Invoice 2024-117: total 1,280.50 EUR (paid)"
i=0
for px in 11 13 16 20 32; do
	font=$([ $((i % 2)) -eq 0 ] && echo $SANS || echo $SERIF)
	font2=$([ $((i % 2)) -eq 0 ] && echo $SERIF || echo $SANS)
	convert -background white -fill '#202020' -font $font -pointsize $px \
		label:"$line1"$'\n'"$line2" -bordercolor white -border $((px)) miff:- | save "text_dark_${px}px" GREY
	printf '%s\n%s\n' "$line1" "$line2" >"text_dark_${px}px.txt"
	convert -background '#1e1e1e' -fill '#e8e8e8' -font $font2 -pointsize $px \
		label:"$line2"$'\n'"$line1" -bordercolor '#1e1e1e' -border $((px)) miff:- | save "text_light_${px}px" GREY
	printf '%s\n%s\n' "$line2" "$line1" >"text_light_${px}px.txt"
	i=$((i + 1))
done

# A dialog: title, message, a row of buttons.
convert -size 460x200 xc:'#f0f0f0' -font $SANS \
	-fill '#d8d8d8' -draw 'rectangle 0,0 459,30' -fill black -pointsize 14 -annotate +12+20 'Document Editor' \
	-pointsize 15 -annotate +24+70 'Save changes to document?' \
	-pointsize 13 -fill '#303030' -annotate +24+100 'Your changes will be lost if you close without saving.' \
	-fill white -stroke '#8a8a8a' -draw 'rectangle 120,150 200,178' -draw 'rectangle 214,150 320,178' -draw 'rectangle 334,150 430,178' \
	-stroke none -fill black -pointsize 13 -annotate +143+169 'Save' -annotate +231+169 "Don't Save" -annotate +358+169 'Cancel' \
	miff:- | save dialog GREY
printf '%s\n' 'Document Editor' 'Save changes to document?' 'Your changes will be lost if you close without saving.' "Save Don't Save Cancel" >dialog.txt

# A menu bar.
menu=(File Edit View Insert Format Tools Help)
args=() x=10
for m in "${menu[@]}"; do
	args+=(-annotate "+$x+19" "$m")
	x=$((x + 18 + 8 * ${#m}))
done
convert -size 640x28 xc:'#ececec' -font $SANS -pointsize 13 -fill '#111111' "${args[@]}" miff:- | save menubar GREY
echo "${menu[*]}" >menubar.txt

# Terminal text.
term=(
	'user@host:~/src/describer$ ls -l /usr/local/bin'
	'total 48'
	'-rwxr-xr-x 1 root root 24576 Mar 14 09:12 describer'
	'user@host:~/src/describer$ go test ./... 2>&1 | tail -3'
	'ok    github.com/describer/describer/inference 3.142s'
	'user@host:~/src/describer$ echo $HOME'
	'/home/user'
)
args=() y=22
for t in "${term[@]}"; do
	args+=(-annotate "+10+$y" "$t")
	y=$((y + 20))
done
convert -size 600x$((y)) xc:'#101010' -font $MONO -pointsize 14 -fill '#d0d0d0' "${args[@]}" miff:- | save terminal GREY
printf '%s\n' "${term[@]}" >terminal.txt

# A two-column page with a title.
left=('Screen readers speak the text' 'that is on the screen, but a' 'picture of text is silent to' 'them until it is recognised.')
right=('Optical character recognition' 'finds the lines of text in an' 'image and reads them in the' 'order a person would read.')
args=(-pointsize 22 -font $SERIF -annotate +40+44 'Reading Pictures of Text' -pointsize 16 -font $SERIF)
y=100
for k in 0 1 2 3; do
	args+=(-annotate "+40+$y" "${left[$k]}" -annotate "+380+$y" "${right[$k]}")
	y=$((y + 24))
done
convert -size 700x$((y + 20)) xc:white -fill '#1a1a1a' "${args[@]}" miff:- | save two_columns GREY
printf '%s\n' 'Reading Pictures of Text' "${left[@]}" "${right[@]}" >two_columns.txt

# A 1920x1080 screen: title bar, sidebar, a paragraph.
side=(Home Documents Downloads Music Pictures Videos Trash)
para=('Describer reads the screen aloud for people who cannot see it.'
	'It describes pictures with a caption and reads the text it finds,'
	'line by line, in the order a person would read it.')
args=(-fill '#2b2b2b' -draw 'rectangle 0,0 1919,39' -fill '#f2f2f2' -draw 'rectangle 0,40 279,1079'
	-font $SANS -fill white -pointsize 16 -annotate +860+26 'Files - Describer'
	-fill '#202020' -pointsize 15)
y=90
for s in "${side[@]}"; do
	args+=(-annotate "+32+$y" "$s")
	y=$((y + 36))
done
args+=(-pointsize 20 -font $SANS -fill '#202020')
y=120
for p in "${para[@]}"; do
	args+=(-annotate "+340+$y" "$p")
	y=$((y + 32))
done
convert -size 1920x1080 xc:white "${args[@]}" miff:- | save screen_1080p GREY
printf '%s\n' 'Files - Describer' "${side[@]}" "${para[@]}" >screen_1080p.txt

# No text: a blank screen and a photo-like image.
convert -size 1920x1080 xc:'#f6f6f6' miff:- | save blank_1080p GREY
: >blank_1080p.txt
convert -seed 42 -size 320x200 plasma:'#3a6ea5'-'#e0c080' -blur 0x6 -resize 640x400 miff:- | save gradient_photo PAL
: >gradient_photo.txt
