"""Regenerates ``src/upperback/data/references.json`` from the team's fact sheet.

Usage: ``python tools/references_from_domain.py [PATH_TO_DOMAIN.md]`` (default:
``../shared/DOMAIN.md`` beside the checkout). The fact sheet's §11 lists every
source key with its title and addresses; the library ships that list so rules
and exercises can link their sources. A test checks the shipped file matches
the fact sheet whenever the fact sheet is present.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DOMAIN = ROOT.parent / "shared" / "DOMAIN.md"
OUTPUT = ROOT / "src" / "upperback" / "data" / "references.json"

_KEY = re.compile(r"^([A-Z]\d+[a-z]?\*?)\s+(.*)$")
# Entries are separated by " ; ", or by "; " when the next entry starts with a key.
_SEPARATOR = re.compile(r"\s;\s|;\s(?=[A-Z]\d+[a-z]?\*?\s)")
# "E15 ACE (as B6)": the same source as another key.
_SAME_AS = re.compile(r"\(as ([A-Z]\d+[a-z]?\*?)\)")
_URL = re.compile(r"https?://\S+")


def parse(text: str) -> dict[str, dict[str, Any]]:
    """Every key of §11 with its title and addresses, in the sheet's order."""
    section = text[text.index("## 11. Sources") : text.index("## 12.")]
    found: dict[str, dict[str, Any]] = {}
    for line in section.splitlines():
        if not line.startswith("- "):
            continue
        current: str | None = None
        for segment in _SEPARATOR.split(line[2:]):
            match = _KEY.match(segment.strip())
            if match:
                current, rest = match.groups()
                url = _URL.search(rest)
                title = (rest[: url.start()] if url else rest).strip().rstrip(":").strip()
                entry = found.setdefault(current, {"title": title, "urls": []})
                if url:
                    entry["urls"].append(url.group(0))
            elif current is not None:
                # A further address of the same key ("full text: https://...").
                found[current]["urls"].extend(_URL.findall(segment))
    for entry in found.values():
        same = _SAME_AS.search(str(entry["title"]))
        if not entry["urls"] and same and same.group(1) in found:
            entry["urls"] = list(found[same.group(1)]["urls"])
    return found


def main() -> None:
    """Write the references file."""
    domain = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DOMAIN
    data = parse(domain.read_text(encoding="utf-8"))
    OUTPUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
