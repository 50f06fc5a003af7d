#!/bin/sh
# The voting screen of the largest pillar (21 proposals, one pick made) and of the
# first pillar (two picks made) on a 390 px wide phone, drawn by the bot's own
# screen function (examples/vote_screen.rs):
#
#   sh docs/screens/vote-largest.sh
#
# Needs cargo and Debian's chromium.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cp "$here/chat.css" "$out/"
mkdir "$out/pages"
(cd "$root" && cargo run --quiet --example vote_screen -- "$out/pages" >/dev/null)
for shot in votar-pilar-mayor:1500 vote:1100; do
    name=${shot%%:*}
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="390,${shot##*:}" \
        --screenshot="$here/$name.png" "file://$out/pages/$name.html" 2>/dev/null
    echo "$name.png"
done
