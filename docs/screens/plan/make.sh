#!/bin/sh
# Renders the follow-up screens to PNG: the personal message sent when the plan
# is published, /plan, and a commitment's card. Unlike the other screens here,
# these pages are written by the bot's own screen functions
# (examples/plan_screens.rs: the template city's catalog and plan, made-up
# milestone stages and updates); headless Chromium takes a 390 px wide shot.
#
#   sh docs/screens/plan/make.sh
#
# Needs cargo, and Chromium with the Roboto and Noto Color Emoji fonts:
#   sudo apt-get install chromium fonts-roboto-unhinted fonts-noto-color-emoji pngquant
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome)
scale=${SCALE:-2}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cp "$here/../chat.css" "$out/"
mkdir "$out/plan"
(cd "$root" && cargo run --quiet --example plan_screens -- "$out/plan" >/dev/null)
# The progress piece is an image already, as staff send it.
cp "$out/plan/pieza.png" "$here/pieza.png"
echo "pieza.png: the progress piece"

for page in "$out"/plan/*.html; do
    name=$(basename "$page" .html)
    height=$("$chrome" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --window-size=390,800 --virtual-time-budget=2000 --dump-dom "file://$page" 2>/dev/null \
        | sed -n 's/.*data-height="\([0-9]*\)".*/\1/p' | head -n 1)
    [ -n "$height" ] || { echo "$name: no height measured" >&2; exit 1; }
    "$chrome" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --force-device-scale-factor="$scale" --window-size="390,$height" \
        --screenshot="$here/$name.png" "file://$page" 2>/dev/null
    if command -v pngquant >/dev/null; then
        pngquant --quality=70-90 --speed 1 --strip --force --output "$here/$name.png" "$here/$name.png"
    fi
    echo "$name.png: 390 x $height px (x$scale)"
done
