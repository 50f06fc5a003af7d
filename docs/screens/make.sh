#!/bin/sh
# Renders every screen of docs/screens/ to a PNG: the template's placeholders are
# filled with the bot's texts (locales/es/*.ftl) and the catalog's names by fill.py,
# then headless Chromium takes a 390 px wide screenshot cropped to the content.
#
#   sh docs/screens/make.sh            # every *.html here
#   sh docs/screens/make.sh vote       # only vote.html
#
# Needs python3 (3.11+) and Chromium with the Roboto and Noto Color Emoji fonts;
# pngquant, when installed, makes each PNG about three times smaller:
#   sudo apt-get install chromium fonts-roboto-unhinted fonts-noto-color-emoji pngquant
set -eu
here=$(cd "$(dirname "$0")" && pwd)
chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome)
scale=${SCALE:-2}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cp "$here/chat.css" "$out/"
if [ $# -eq 0 ]; then set -- $(cd "$here" && ls *.html | sed 's/\.html$//'); fi
for name in "$@"; do
    python3 "$here/fill.py" "$here/$name.html" >"$out/$name.html"
    # The page writes its own height into the DOM; the screenshot takes exactly that.
    height=$("$chrome" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --window-size=390,800 --virtual-time-budget=2000 --dump-dom "file://$out/$name.html" 2>/dev/null \
        | sed -n 's/.*data-height="\([0-9]*\)".*/\1/p' | head -n 1)
    [ -n "$height" ] || { echo "$name: no height measured" >&2; exit 1; }
    "$chrome" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --force-device-scale-factor="$scale" --window-size="390,$height" \
        --screenshot="$here/$name.png" "file://$out/$name.html" 2>/dev/null
    if command -v pngquant >/dev/null; then
        pngquant --quality=70-90 --speed 1 --strip --force --output "$here/$name.png" "$here/$name.png"
    fi
    echo "$name.png: 390 x $height px (x$scale)"
done
