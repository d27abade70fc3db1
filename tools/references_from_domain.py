"""Regenerates ``src/upperback/data/references.json`` from the clinical fact sheet.

Usage: ``python tools/references_from_domain.py PATH_TO_FACT_SHEET.md``

The fact sheet's §11 ("Sources") lists every source key with its title and
addresses, one key a line::

    - A3 Garber CE, ... 2011, Quantity and quality of exercise ..., Med Sci Sports
      Exerc 43(7):1334–1359. doi:10.1249/MSS.0b013e318213fefb: https://doi.org/...
    - A4 Garber et al. 2011, ACSM PNF stretching parameters (flexibility table) (as A3)
    - R8* Bupa UK health information, ...: https://www.bupa.co.uk/... ; http://www.bupa.co.uk/...

A key without ``*`` is a primary or authoritative source, one with ``*`` a
reputable secondary one. The title runs to the colon before the first address
(a DOI or PMID stays in the title); further addresses follow after `` ; ``; a
key with no address of its own and ``(as KEY)`` in its title shares that key's
addresses. An ``http://`` address is written as ``https://`` when the sheet
lists the same host with ``https://`` elsewhere, or the host is in
:data:`KNOWN_HTTPS`. The library ships the result so that rules, advice and
exercises can link their sources; the tests check the shipped file against
the rules the fact sheet states (no content farm, mirror or dump; https where
offered), never against the fact sheet itself, which does not ship.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "src" / "upperback" / "data" / "references.json"

KNOWN_HTTPS = frozenset({"www.acefitness.org", "www.spine-health.com"})
"""Hosts the sheet lists with ``http://`` only, which serve the same pages over https."""

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
    secure = KNOWN_HTTPS | {
        urlsplit(url).hostname
        for entry in found.values()
        for url in entry["urls"]
        if url.startswith("https://")
    }
    for entry in found.values():
        entry["urls"] = [_secured(url, secure) for url in entry["urls"]]
    return found


def _secured(url: str, secure: frozenset[str | None] | set[str | None]) -> str:
    if url.startswith("http://") and urlsplit(url).hostname in secure:
        return "https://" + url[len("http://") :]
    return url


def main(argv: list[str]) -> int:
    """Write the references file from the fact sheet named on the command line."""
    if len(argv) != 1:
        usage = "usage: python tools/references_from_domain.py PATH_TO_FACT_SHEET.md"
        print(usage, file=sys.stderr)  # noqa: T201 - a command-line tool
        return 2
    data = parse(Path(argv[0]).read_text(encoding="utf-8"))
    OUTPUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
