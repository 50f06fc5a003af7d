#!/usr/bin/env python3
"""How the code is shaped: functions over 80 lines, files over 500 lines, and
the most parameters an endpoint of the handler tree takes.

    python3 docs/code-shape.py [src]

A function is counted from its `fn` line to the closing brace at the same
indentation (unit tests are left out); an endpoint is a `pub async fn on_*`.
"""
import glob
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else "src"
long, big, endpoints = [], [], []
for path in sorted(glob.glob(root + "/**/*.rs", recursive=True)):
    lines = open(path, encoding="utf-8").read().split("\n")
    if len(lines) > 500:
        big.append((len(lines), path))
    in_tests = False
    for i, line in enumerate(lines):
        if re.match(r"^\s*mod tests", line):
            in_tests = True
        m = re.match(r"^(\s*)(pub(\([^)]*\))? )?(async )?fn (\w+)", line)
        if not m or in_tests:
            continue
        indent, name = m.group(1), m.group(5)
        end = i
        while end < len(lines) and lines[end].rstrip() != indent + "}":
            end += 1
        if end - i + 1 > 80:
            long.append((end - i + 1, path, name))
        if name.startswith("on_") and "pub async fn" in line:
            signature = " ".join(lines[i : i + 15])
            inner = signature[signature.index("(") + 1 :]
            depth, params, current = 1, 0, ""
            for ch in inner:
                if ch in "([<":
                    depth += 1
                elif ch in ")]>":
                    depth -= 1
                    if depth == 0:
                        break
                if ch == "," and depth == 1:
                    params += 1 if current.strip() else 0
                    current = ""
                else:
                    current += ch
            params += 1 if current.strip() else 0
            endpoints.append((params, path, name))
print(f"functions over 80 lines: {len(long)}")
for n, path, name in sorted(long, reverse=True):
    print(f"  {n:4}  {path}  {name}")
print(f"files over 500 lines: {len(big)}")
for n, path in sorted(big, reverse=True):
    print(f"  {n:4}  {path}")
if endpoints:
    most = max(endpoints)
    print(f"endpoints: {len(endpoints)}, most parameters: {most[0]} ({most[2]} in {most[1]})")
