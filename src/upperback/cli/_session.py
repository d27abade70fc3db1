"""How the routine and compose commands print a session, the kit and the changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from upperback.cli._options import DISCLAIMER, kit_for
from upperback.compose import Change, ChangeKind
from upperback.render._sheet import ROLE_TITLES, minutes

if TYPE_CHECKING:
    from collections.abc import Sequence

    from upperback.props import Kit
    from upperback.routine import Routine
    from upperback.safety import Profile

__all__ = ["ROLE_TITLES", "change_note", "kit_for", "minutes", "print_routine"]


def change_note(change: Change) -> str:
    """One line for a change :func:`~upperback.compose.prescribe` made."""
    what, reason = change.exercise_id, change.reason
    match change.kind:
        case ChangeKind.SUBSTITUTED:
            return f"{what} -> {change.replacement_id}: {reason}"
        case ChangeKind.REPLACED:
            return f"left out {what}, replaced by {change.replacement_id}: {reason}"
        case ChangeKind.DROPPED:
            return f"left out {what}: {reason}"
        case ChangeKind.MODIFIED:
            return f"modified {what}: {reason}"
        case _:
            return f"{what}: {reason}"


def print_routine(
    routine: Routine,
    kit: Kit,
    profile: Profile,
    notes: list[str],
    *,
    reasons: dict[str, str] | None = None,
    after: Sequence[str] = (),
) -> None:
    print(f"{routine.title}: {routine.sessions_per_week} sessions a week")
    print(f"Kit: {', '.join(sorted(kit.kinds)) or 'nothing'}")
    print(f"Conditions: {', '.join(sorted(profile.conditions)) or 'none given'}")
    number = 0
    for section in routine.sections:
        print(f"\n{ROLE_TITLES[section.role]} ({minutes(section.duration().total_seconds())})")
        for block in section.blocks:
            number += 1
            print(f"  {number}. {block.exercise.name}: {block.dose.describe()}")
            if reasons and block.exercise.id in reasons:
                print(f"     why: {reasons[block.exercise.id]}")
            if block.notes:
                print(f"     note: {block.notes}")
    print(f"\nTakes about {minutes(routine.duration().total_seconds())}.")
    coverage = routine.coverage()
    if coverage.benefits:
        worked = ", ".join(
            f"{benefit.replace('_', ' ')} {minutes(s)}" for benefit, s in coverage.benefits
        )
        print(f"Time towards each aim: {worked}")
    if notes:
        print("\nWhat was changed for this person, and why:")
        for note in notes:
            print(f"  - {note}")
    for line in after:
        print(line)
    print(f"\n{DISCLAIMER}")
