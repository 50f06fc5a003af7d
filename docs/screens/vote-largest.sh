#!/bin/sh
# The voting screen of the largest pillar (21 proposals) on a 390 px wide phone,
# drawn by the bot's own screen function (examples/vote_screen.rs), one pick made:
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
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=390,1500 \
    --screenshot="$here/votar-pilar-mayor.png" "file://$out/pages/votar-pilar-mayor.html" 2>/dev/null
echo "votar-pilar-mayor.png"
