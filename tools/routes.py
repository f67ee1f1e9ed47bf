#!/usr/bin/env python3
"""The REST route table of a commit: one line per endpoint, `METHOD path  Class.method`.

Usage: tools/routes.py [REV]   (default: the work tree)

Compare two commits, e.g. before and after moving endpoints between resources:
    diff <(tools/routes.py A | cut -f1 | sort) <(tools/routes.py B | cut -f1 | sort)
"""
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERBS = ("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")


def sources(rev):
    if rev is None:
        for path in sorted(ROOT.glob("web/src/main/java/**/*.java")):
            yield str(path.relative_to(ROOT)), path.read_text()
        return
    names = subprocess.run(
        ["git", "-C", str(ROOT), "ls-tree", "-r", "--name-only", rev, "web/src/main/java"],
        check=True, capture_output=True, text=True).stdout.split()
    for name in names:
        if name.endswith(".java"):
            yield name, subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:{name}"],
                                       check=True, capture_output=True, text=True).stdout


def join(*parts):
    path = "/".join(p.strip("/") for p in parts if p and p.strip("/"))
    return "/" + path


def routes(name, text):
    cls = re.search(r"^public (?:final )?class (\w+)", text, re.M)
    head = text[: cls.start()] if cls else ""
    base = re.search(r'^@Path\("([^"]*)"\)', head, re.M)
    if not cls or not base:
        return
    prefix = base.group(1)
    pending, path = [], None
    for line in text[cls.end():].splitlines():
        stripped = line.strip()
        if stripped.startswith("@"):
            m = re.match(r'@Path\("([^"]*)"\)', stripped)
            if m:
                path = m.group(1)
            elif stripped.lstrip("@").split("(")[0] in VERBS:
                pending.append(stripped.lstrip("@").split("(")[0])
            continue
        m = re.search(r"\b(\w+)\s*\(", stripped)
        if pending and m:
            for verb in pending:
                yield f"{verb} {join(prefix, path)}\t{cls.group(1)}.{m.group(1)}"
        if stripped and not stripped.startswith(("*", "/")):
            pending, path = [], None


def main():
    rev = sys.argv[1] if len(sys.argv) > 1 else None
    for name, text in sources(rev):
        for route in routes(name, text):
            print(route)


if __name__ == "__main__":
    main()
