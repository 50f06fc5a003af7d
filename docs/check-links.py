#!/usr/bin/env python3
"""Checks every relative link of README.md and docs/**/*.md: the file exists and, for
`#anchor`, a heading of that file gives that anchor (GitHub's rule: lower case, spaces to
hyphens, punctuation dropped). Prints what is broken; exits 1 if anything is.

    python3 docs/check-links.py
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]


def anchors(path):
    found, fence = set(), False
    seen = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fence = not fence
        if fence or not re.match(r"^#{1,6} ", line):
            continue
        text = re.sub(r"`", "", line.lstrip("#").strip())
        slug = re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        found.add(slug if n == 0 else f"{slug}-{n}")
    return found


def links(path):
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    text = re.sub(r"`[^`\n]*`", "", text)
    for m in re.finditer(r"\]\(([^)\s]+)\)|(?:src|href)=\"([^\"]+)\"", text):
        yield m.group(1) or m.group(2)


broken = 0
files = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
for md in files:
    for target in links(md):
        if re.match(r"^[a-z]+:", target):
            continue
        file, _, anchor = target.partition("#")
        dest = (md.parent / file).resolve() if file else md
        if not dest.exists():
            print(f"{md.relative_to(ROOT)}: {target}: no such file")
            broken += 1
        elif anchor and dest.suffix == ".md" and anchor not in anchors(dest):
            print(f"{md.relative_to(ROOT)}: {target}: no such heading")
            broken += 1
print(f"{len(files)} files checked, {broken} broken links")
sys.exit(1 if broken else 0)
