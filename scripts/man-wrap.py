#!/usr/bin/env python3
"""Wraps plain text lines of an mdoc page at 80 bytes, as `mandoc -Tlint` asks (macro lines and
literal displays are left alone)."""
import sys

path = sys.argv[1]
out, literal = [], False
for line in open(path, encoding="utf-8").read().split("\n"):
    line = line.rstrip()
    if line.startswith(".Bd"):
        literal = True
    elif line.startswith(".Ed"):
        literal = False
    if literal or line.startswith(".") or len(line.encode()) <= 80:
        out.append(line)
        continue
    words, current = line.split(" "), ""
    for word in words:
        candidate = word if not current else current + " " + word
        if current and len(candidate.encode()) > 80:
            out.append(current)
            current = word
        else:
            current = candidate
    out.append(current)
open(path, "w", encoding="utf-8").write("\n".join(out))
