#!/usr/bin/env python3
"""Fills a screen template with the bot's own words and writes the page to stdout.

    python3 fill.py TEMPLATE.html > page.html

A template is HTML with placeholders, innermost first:
  {{key}} or {{key|name=value|name=value}}   message `key` of locales/es/*.ftl, its
                                             { $name } variables filled with the values
  {{proposal:T04}}  {{pillar:transparencia}}  {{summary:transparencia}}
  {{consultation:title}}  {{consultation:city}}  {{territory:name}}  {{territory:outside}}
  {{choice:sectors:jac}}  {{choice:age_ranges:18-28}}  {{choice:territory:l1}}
                                             from catalog/cartagena-2022.toml
Messages with selectors ({ $n -> ... }) are refused: write the chosen variant instead.
"""
import html
import pathlib
import re
import sys
import tomllib

ROOT = pathlib.Path(__file__).resolve().parents[2]
KEY = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*=\s?(.*)$")


def load_messages(lang="es"):
    messages = {}
    for path in sorted((ROOT / "locales" / lang).glob("*.ftl")):
        key, lines = None, []

        def flush():
            if key is None:
                return
            first, rest = lines[0], lines[1:]
            while rest and not rest[-1].strip():
                rest.pop()
            indents = [len(l) - len(l.lstrip(" ")) for l in rest if l.strip()]
            cut = min(indents) if indents else 0
            body = [l[cut:] for l in rest]
            value = "\n".join(([first] if first.strip() else []) + body)
            messages[key] = value

        for line in path.read_text(encoding="utf-8").splitlines():
            m = KEY.match(line)
            if m:
                flush()
                key, lines = m.group(1), [m.group(2)]
            elif key is not None and (line.startswith(" ") or not line.strip()):
                lines.append(line)
            else:
                flush()
                key, lines = None, []
        flush()
    return messages


MESSAGES = load_messages()
CATALOG = tomllib.loads((ROOT / "catalog" / "cartagena-2022.toml").read_text(encoding="utf-8"))


def message(key, args):
    if key not in MESSAGES:
        sys.exit(f"fill.py: no message «{key}» in locales/es")
    value = MESSAGES[key]
    if "->" in value:
        sys.exit(f"fill.py: «{key}» has a selector; write the variant the bot would choose")

    def var(m):
        name = m.group(1)
        if name not in args:
            sys.exit(f"fill.py: «{key}» needs ${name}")
        return args[name]

    value = re.sub(r'\{\s*""\s*\}', "", value)
    return re.sub(r"\{\s*\$([A-Za-z0-9_-]+)\s*\}", var, value)


def catalog(kind, rest):
    c = CATALOG
    if kind == "proposal":
        return html.escape(next(p["title"] for p in c["proposals"] if p["id"] == rest))
    if kind in ("pillar", "summary"):
        p = next(p for p in c["pillars"] if p["key"] == rest)
        return html.escape(p["name"] if kind == "pillar" else p["summary"])
    if kind == "consultation":
        return html.escape(str(c["consultation"][rest]))
    if kind == "territory":
        return html.escape(c["territory"][rest + "_es"])
    if kind == "choice":
        table, code = rest.split(":", 1)
        rows = c["territory"]["units"] if table == "territory" else c[table]
        return html.escape(next(r["es"] for r in rows if r["code"] == code))
    sys.exit(f"fill.py: unknown placeholder {kind}:{rest}")


def replace(m):
    inner = m.group(1).strip()
    head, *parts = inner.split("|")
    if ":" in head and not parts:
        kind, rest = head.split(":", 1)
        return catalog(kind.strip(), rest.strip())
    args = {}
    for part in parts:
        name, _, value = part.partition("=")
        args[name.strip()] = value
    return message(head.strip(), args)


def fill(text):
    inner = re.compile(r"\{\{([^{}]+)\}\}")
    while inner.search(text):
        text = inner.sub(replace, text)
    return text


if __name__ == "__main__":
    sys.stdout.write(fill(pathlib.Path(sys.argv[1]).read_text(encoding="utf-8")))
