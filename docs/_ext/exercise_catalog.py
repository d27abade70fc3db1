"""A Sphinx directive that lists the built-in exercises from the shipped data.

``docs/exercises.md`` holds only the directive, so the page is generated
from ``upperback/catalog/data/exercises.json`` and never typed twice.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import Directive

import upperback


def _paragraph(*parts: nodes.Node | str) -> nodes.paragraph:
    paragraph = nodes.paragraph()
    for part in parts:
        paragraph += nodes.Text(part) if isinstance(part, str) else part
    return paragraph


def _exercise(exercise: upperback.Exercise) -> list[nodes.Node]:
    props = ", ".join(
        need.key + ("" if need.required else " (optional)") for need in exercise.props
    )
    features = ", ".join(sorted(feature.value for feature in exercise.features))
    facts = nodes.bullet_list()
    for label, value in (
        ("Kind", exercise.kind.value),
        ("Position", exercise.position.value),
        ("Level", str(int(exercise.level))),
        ("Targets", ", ".join(sorted(muscle.value for muscle in exercise.targets))),
        (
            "Also works",
            ", ".join(sorted(m.value for m in exercise.secondary_targets)) or "none given",
        ),
        ("Props", props or "none"),
        ("Safety features", features or "none"),
        ("Default dose", exercise.default_dose.describe()),
        ("Why this dose", exercise.dose_note or "ACSM default"),
        ("Where each number comes from", exercise.dose_origin()),
        ("Its own limits", exercise.dose_limits.describe() or "the general ranges"),
        ("Easier", exercise.easier or "none"),
        ("Harder", exercise.harder or "none"),
    ):
        facts += nodes.list_item("", _paragraph(nodes.strong(text=f"{label}: "), value))
    sources = nodes.bullet_list()
    for source in exercise.sources:
        link = nodes.reference(text=source.url, refuri=source.url)
        note = f" — {source.note}" if source.note else ""
        sources += nodes.list_item("", _paragraph(f"[{source.key}] ", link, note))
    return [
        nodes.rubric(text=f"{exercise.name} ({exercise.id})"),
        facts,
        _paragraph(nodes.strong(text="Sources:")),
        sources,
    ]


class ExerciseCatalog(Directive):
    """``.. exercise-catalog::`` — every built-in exercise with its sources."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        """The nodes of the list, in catalog (id) order."""
        catalog = upperback.default_catalog()
        result: list[nodes.Node] = [
            _paragraph(f"{len(catalog)} exercises, generated from the package data.")
        ]
        for exercise in catalog:
            result += _exercise(exercise)
        return result


def setup(app: Any) -> dict[str, Any]:
    """Register the directive."""
    app.add_directive("exercise-catalog", ExerciseCatalog)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
