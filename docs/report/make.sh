#!/usr/bin/env bash
# Renders the report as people will see it, from demonstration data on the
# example catalog and plan (catalog/plantilla.toml, catalog/plan-plantilla.toml):
#   docs/report/informe-ejemplo.{html,pdf}  the files `consulta informe` writes
#   docs/report/html-390-*.png               the HTML on a phone (390 px wide)
#   docs/report/html-1280-*.png              the HTML on a computer (1280 px wide)
#   docs/report/pdf-N.png                    the PDF's first pages
# Needs Debian's chromium and poppler-utils (pdftoppm), and python3.
#   bash docs/report/make.sh [path/to/consulta]
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-target/debug/consulta}
[ -x "$bin" ] || cargo build --bin consulta
out=docs/report
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DATABASE_URL="$work/demo.db" RUST_LOG=warn
"$bin" catalog import catalog/plantilla.toml >/dev/null
python3 "$out/demo-data.py" "$work/demo.db" "$work/papeletas.csv"
"$bin" papeletas import "$work/papeletas.csv" >/dev/null
"$bin" plan import catalog/plan-plantilla.toml >/dev/null
"$bin" informe --dir "$work/informe" >/dev/null
cp "$work/informe/informe.html" "$out/informe-ejemplo.html"
cp "$work/informe/informe.pdf" "$out/informe-ejemplo.pdf"

# The page from the heading with id $1 on (headless screenshots ignore #anchors).
from_heading() {
  python3 - "$out/informe-ejemplo.html" "$1" "$work/from-$1.html" <<'PY'
import sys
html = open(sys.argv[1], encoding="utf-8").read()
head, body = html.split("<main>", 1)
at = body.index(f'id="{sys.argv[2]}"')
start = body.rindex("<h", 0, at)
open(sys.argv[3], "w", encoding="utf-8").write(head + "<main>" + body[start:])
PY
  echo "$work/from-$1.html"
}
shot() { # width height file name
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/chromium" --hide-scrollbars --window-size="$1,$2" \
    --screenshot="$out/$4.png" "file://$3" 2>/dev/null
}
page="$PWD/$out/informe-ejemplo.html"
shot 390 1600 "$page" html-390-inicio
shot 390 1600 "$(from_heading prioridades-transparencia)" html-390-prioridades
shot 1280 1000 "$page" html-1280-inicio
shot 1280 1000 "$(from_heading respuesta-transparencia)" html-1280-respuesta
shot 390 1800 "$(from_heading integridad)" html-390-integridad
shot 1280 1100 "$(from_heading integridad)" html-1280-integridad
# /integridad and /verificar as an admin and a citizen see them in Telegram.
cargo run --quiet --example integrity_screens -- "$work/demo.db" "$work/screens" >/dev/null
cp docs/screens/chat.css "$work/"
shot 390 660 "$work/screens/integridad.html" integridad
shot 390 560 "$work/screens/verificar.html" verificar
rm -f "$out"/pdf-*.png
pdftoppm -png -r 70 -f 1 -l 6 "$out/informe-ejemplo.pdf" "$out/pdf"
ls "$out"
