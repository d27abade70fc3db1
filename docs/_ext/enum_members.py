"""Every member of every public enum is in the API reference, or the build warns.

A document holds enum values, so the reference lists each member, with or
without a docstring of its own (autodoc leaves undocumented members out
unless told). When the docs are read, every member of every enum that a
public module of :mod:`upperback` exports is looked for among the documented
objects; one that is missing is a warning, and ``sphinx -W`` fails on it.
"""

from __future__ import annotations

import enum
import importlib
import pkgutil
from typing import TYPE_CHECKING, Any

import upperback

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def public_enums() -> list[type[enum.Enum]]:
    """The enums the public modules of upperback export (in their ``__all__``), each once."""
    found: dict[type[enum.Enum], None] = {}
    modules = pkgutil.walk_packages(upperback.__path__, "upperback.")
    names = ["upperback", *(m.name for m in modules)]
    for name in names:
        if any(part.startswith("_") for part in name.split(".")):
            continue  # private, and __main__ would run the command line
        module = importlib.import_module(name)
        for exported in getattr(module, "__all__", ()):
            value = getattr(module, exported)
            if isinstance(value, type) and issubclass(value, enum.Enum):
                found[value] = None
    return list(found)


def missing_members(documented: Iterable[str], enums: Iterable[type[enum.Enum]]) -> list[str]:
    """The members (``Position.STANDING``) of ``enums`` that no documented name ends with."""
    ends = {".".join(name.split(".")[-2:]) for name in documented}
    return [
        f"{members.__name__}.{member.name}"
        for members in enums
        for member in members
        if f"{members.__name__}.{member.name}" not in ends
    ]


def keep_enum_members(
    _app: Sphinx, what: str, name: str, obj: object, _skip: bool, _options: object
) -> bool | None:
    """Keep every member of an enum in its class's entry; leave every other choice to autodoc."""
    if what == "class" and isinstance(obj, enum.Enum) and type(obj).__members__.get(name) is obj:
        return False
    return None  # autodoc decides, as it would have


def check(_app: Sphinx, env: BuildEnvironment) -> None:
    """Warn of each enum member the reference does not list."""
    from sphinx.util import logging  # noqa: PLC0415 - the tests read this module without Sphinx

    logger = logging.getLogger(__name__)
    documented = env.get_domain("py").objects  # type: ignore[attr-defined]
    for member in missing_members(documented, public_enums()):
        logger.warning("the API reference does not list the enum member %s", member)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the hook that keeps enum members and the check that they are listed."""
    app.connect("autodoc-skip-member", keep_enum_members)
    app.connect("env-check-consistency", check)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
