"""Sphinx configuration."""

from __future__ import annotations

import sys
from importlib.metadata import version as _version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "upperback"
author = "The upperback developers"
copyright = "2026, The upperback developers"  # noqa: A001
release = _version("upperback")
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "exercise_catalog",
    "enum_members",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# No network at build time, so no intersphinx: references to the standard
# library and to attrs/cattrs types stay unresolved and are not errors.
nitpick_ignore_regex = [
    (
        r"py:.*",
        r"(dt|datetime|collections|typing|enum|pathlib|os|json|attrs|cattrs|hypothesis)\..*",
    ),
    (r"py:.*", r"(T|Any|Final|Migration|Callable|Iterable|Sequence|Mapping|ClassVar)"),
    (r"py:.*", r"(int|str|float|bool|dict|list|tuple|frozenset|set|type|object|None)"),
    (r"py:.*", r"(Exception|ValueError|KeyError|TypeError)"),
    (r"py:.*", r"st\..*|SearchStrategy|DrawFn"),
    (r"py:class", r"ZoneInfo|zoneinfo\..*"),
    (r"py:class", r"upperback\.serialization\.documents\.T"),  # a TypeVar autodoc cannot link
    (r"py:(class|obj)", r"upperback\.catalog\.resolve\.T"),  # the same, for Resolved
    (r"py:mod", r"upperback\.safety"),  # until the safety module lands
]

html_theme = "furo"
html_title = "upperback"
