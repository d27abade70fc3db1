"""The command line: ``python -m upperback`` or ``upperback``.

Data goes to standard output, diagnostics to standard error. Exit codes:
0 success, 1 a domain error (bad input to the library), 2 a usage error.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from importlib.metadata import version
from typing import TYPE_CHECKING

from upperback.anatomy import Region
from upperback.catalog import default_catalog
from upperback.cli import plan as plan_command
from upperback.cli import prescribe as prescribe_command
from upperback.cli import screen as screen_command
from upperback.cli import triage as triage_command
from upperback.cli import validate as validate_command
from upperback.cli._common import UsageError, add_format, emit, shown
from upperback.compose import Change, ChangeKind, Goal, compose, desk_reset, prescribe
from upperback.errors import UnknownExercise, UpperbackError
from upperback.props import (
    MAX_HEIGHT_CM,
    MIN_HEIGHT_CM,
    PROP_TYPES,
    Kit,
    Prop,
    PropKind,
    ResistanceBand,
    SwissBall,
)
from upperback.routine import Routine, SectionRole
from upperback.routine.scaling import MAX_MINUTES, MIN_MINUTES
from upperback.safety import AgeBand, Condition, Profile
from upperback.serialization import DOCUMENT_KINDS, dumps, json_schema
from upperback.vocab import Benefit, ExerciseKind, Level, Position

if TYPE_CHECKING:
    import enum
    from collections.abc import Callable, Sequence

DISCLAIMER = (
    "upperback supports clinicians and apps; it does not replace a healthcare "
    "professional. Upper-back pain that does not ease within days should be seen "
    "by one."
)


def _ball(args: argparse.Namespace) -> int:
    ball = SwissBall.for_height(args.height, long_legs=args.long_legs, heavy=args.heavy)
    print(f"Swiss ball for {args.height:g} cm: {ball.diameter_cm} cm")
    print("Check the fit: sitting on it, hips and knees at about 90 degrees, feet flat.")
    return 0


def _catalog(args: argparse.Namespace) -> int:
    catalog = default_catalog().where(
        requires=args.prop or None, kind=args.kind or None, region=args.region or None
    )
    for exercise in catalog:
        props = ", ".join(
            need.kind.value if need.required else f"({need.kind.value})" for need in exercise.props
        )
        print(f"{exercise.id}\t{exercise.name}\t{exercise.kind.value}\t{props or '-'}")
    return 0


def _show(args: argparse.Namespace) -> int:
    try:
        exercise = default_catalog()[args.id]
    except UnknownExercise as exc:
        print(f"upperback: {exc}", file=sys.stderr)
        return 1
    print(exercise.name)
    if exercise.aliases:
        print(f"Also called: {', '.join(exercise.aliases)}")
    print(
        f"Kind: {exercise.kind.value}; position: {exercise.position.value}; "
        f"level {int(exercise.level)}"
    )
    if exercise.props:
        print(
            "Props: "
            + ", ".join(
                need.kind.value + ("" if need.required else " (optional)")
                for need in exercise.props
            )
        )
    print("\nHow to do it:")
    for number, cue in enumerate(exercise.cues, start=1):
        print(f"  {number}. {cue}")
    print(f"\nDose: {exercise.default_dose.describe()}")
    if exercise.dose_note:
        print(f"  {exercise.dose_note}")
    if exercise.precautions:
        print("\nPrecautions:")
        for precaution in exercise.precautions:
            print(f"  - {precaution}")
    if exercise.sources:
        print("\nSources:")
        for source in exercise.sources:
            note = f" ({source.note})" if source.note else ""
            print(f"  [{source.key}] {source.url}{note}")
    return 0


_ROLE_TITLES = {
    SectionRole.WARM_UP: "Warm-up",
    SectionRole.MAIN: "Main",
    SectionRole.COOL_DOWN: "Cool-down",
}


def _minutes(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60} min {whole % 60:02d} s"


def _kit(kinds: Sequence[PropKind], height_cm: float) -> Kit:
    # A ball sized for the person, and a red band: red or green to start
    # strengthening [D1]. Props without settings are made as they are.
    makers: dict[PropKind, Callable[[], Prop]] = {
        **PROP_TYPES,
        PropKind.SWISS_BALL: lambda: SwissBall.for_height(height_cm),
        PropKind.RESISTANCE_BAND: lambda: ResistanceBand.from_colour("red"),
    }
    return Kit(props=frozenset(makers[kind]() for kind in kinds))


def _routine(args: argparse.Namespace) -> int:
    catalog = default_catalog()
    kinds = args.kit if args.kit is not None else sorted(Kit.everyday().kinds)
    kit = _kit(kinds, args.height)
    profile = Profile(conditions=frozenset(args.condition or ()), kit=kit)
    result = prescribe(desk_reset(catalog), catalog, profile=profile, minutes=args.minutes)
    if args.format in {"markdown", "html"}:
        emit(shown(result, args.format), args.output)
        return 0
    notes = [_change_note(change) for change in result.changes]
    if args.format == "json":
        # The prescription document: the routine and every change with its reason.
        emit(dumps(result, indent=2), args.output)
        return 0
    _print_routine(result.routine, kit, profile, notes)
    return 0


def _compose(args: argparse.Namespace) -> int:
    kit = _kit(args.kit or (), args.height)
    profile = Profile(conditions=frozenset(args.condition or ()), kit=kit, age_band=args.age_band)
    benefits = args.benefit or ([] if args.region else list(Benefit))
    goal = Goal.of(
        args.minutes,
        benefits=benefits,
        regions=args.region or (),
        positions=args.position or (),
        kinds=args.kind or (),
        level=Level(args.level),
    )
    result = compose(default_catalog(), goal, profile=profile, seed=args.seed)
    if args.format in {"markdown", "html"}:
        emit(shown(result, args.format), args.output)
        return 0
    gaps = [f"{gap.what}: {gap.reason}" for gap in result.gaps]
    if args.format == "json":
        # The composition document: the routine, the reason for each choice and every gap.
        emit(dumps(result, indent=2), args.output)
        return 0
    reasons = {choice.exercise_id: choice.reason for choice in result.choices}
    after = [
        f"Coverage of the aims ({', '.join(t.label for t in goal.targets)}): {result.score:.2f}"
    ]
    if gaps:
        after += ["", "Not covered, and why:", *(f"  - {gap}" for gap in gaps)]
    _print_routine(result.routine, kit, profile, [], reasons=reasons, after=after)
    return 0


def _change_note(change: Change) -> str:
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


def _print_routine(
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
        print(f"\n{_ROLE_TITLES[section.role]} ({_minutes(section.duration().total_seconds())})")
        for block in section.blocks:
            number += 1
            print(f"  {number}. {block.exercise.name}: {block.dose.describe()}")
            if reasons and block.exercise.id in reasons:
                print(f"     why: {reasons[block.exercise.id]}")
            if block.notes:
                print(f"     note: {block.notes}")
    print(f"\nTakes about {_minutes(routine.duration().total_seconds())}.")
    coverage = routine.coverage()
    if coverage.benefits:
        worked = ", ".join(
            f"{benefit.replace('_', ' ')} {_minutes(s)}" for benefit, s in coverage.benefits
        )
        print(f"Time towards each aim: {worked}")
    if notes:
        print("\nWhat was changed for this person, and why:")
        for note in notes:
            print(f"  - {note}")
    for line in after:
        print(line)
    print(f"\n{DISCLAIMER}")


def _schema(args: argparse.Namespace) -> int:
    if args.list or args.kind is None:
        for kind in sorted(DOCUMENT_KINDS):
            schema = json_schema(kind)
            data = schema["$defs"][schema["properties"]["data"]["$ref"].rpartition("/")[2]]
            print(f"{kind}\t{data['description']}")
        return 0
    print(json.dumps(json_schema(args.kind), indent=2, ensure_ascii=False))
    return 0


def _member(values: type[enum.StrEnum], what: str) -> Callable[[str], enum.StrEnum]:
    """An option's type: one of an enum's values, or an error that lists them all."""

    def parse(text: str) -> enum.StrEnum:
        try:
            return values(text)
        except ValueError:
            message = f"{text!r} is not a {what}; choose from {', '.join(values)}"
            raise argparse.ArgumentTypeError(message) from None

    parse.__name__ = what  # argparse names the type in some messages
    return parse


def _members(values: type[enum.StrEnum], what: str) -> Callable[[str], list[enum.StrEnum]]:
    """An option's type: a comma-separated list of an enum's values."""
    one = _member(values, what)

    def parse(text: str) -> list[enum.StrEnum]:
        return [one(item.strip()) for item in text.split(",") if item.strip()]

    parse.__name__ = f"{what} list"
    return parse


def _number(what: str, low: float, high: float, unit: str) -> Callable[[str], float]:
    """An option's type: a finite number from ``low`` to ``high``, or an error saying so."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or not low <= value <= high:
            message = f"{what} must be a number from {low:g} to {high:g} {unit} (got {text!r})"
            raise argparse.ArgumentTypeError(message)
        return value

    parse.__name__ = what
    return parse


_HEIGHT = _number("height", MIN_HEIGHT_CM, MAX_HEIGHT_CM, "cm")
_MINUTES = _number("minutes", MIN_MINUTES, MAX_MINUTES, "minutes")


def _repeatable(
    parser: argparse.ArgumentParser, flag: str, values: type[enum.StrEnum], what: str
) -> None:
    """An option that takes one of an enum's values and may be given again."""
    name = flag.removeprefix("--")
    parser.add_argument(
        flag,
        action="append",
        type=_member(values, name),
        metavar=name.upper(),
        help=f"{what}; repeatable; one of {', '.join(values)}",
    )


def _kit_option(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument(
        "--kit",
        type=_members(PropKind, "prop"),
        metavar="PROPS",
        help=f"the props to hand, comma-separated (default: {default}); from {', '.join(PropKind)}",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per job."""
    parser = argparse.ArgumentParser(
        prog="upperback",
        description="Upper-back stretching and strengthening routines.",
        epilog=DISCLAIMER,
    )
    parser.add_argument("--version", action="version", version=version("upperback"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    ball = commands.add_parser("ball", help="the Swiss ball size for a height")
    ball.add_argument(
        "--height",
        type=_HEIGHT,
        required=True,
        help=f"standing height in cm, {MIN_HEIGHT_CM} to {MAX_HEIGHT_CM}",
    )
    ball.add_argument("--long-legs", action="store_true", help="legs long for the height")
    ball.add_argument("--heavy", action="store_true", help="body weight high for the height")
    ball.set_defaults(run=_ball)

    catalog = commands.add_parser("catalog", help="list the built-in exercises")
    _repeatable(catalog, "--prop", PropKind, "only exercises that need this prop (all of them)")
    _repeatable(catalog, "--kind", ExerciseKind, "only exercises of this kind (any)")
    _repeatable(catalog, "--region", Region, "only exercises for this region (any)")
    catalog.set_defaults(run=_catalog)

    show = commands.add_parser("show", help="one built-in exercise in full")
    show.add_argument("id", help="the exercise's id, e.g. cat-camel")
    show.set_defaults(run=_show)

    routine = commands.add_parser(
        "routine",
        help="a sample desk-worker routine, adapted to a kit and screened for conditions",
    )
    _kit_option(routine, "chair,doorway,towel,wall")
    routine.add_argument(
        "--height",
        type=_HEIGHT,
        default=170,
        help=f"standing height in cm, {MIN_HEIGHT_CM} to {MAX_HEIGHT_CM}, to size the Swiss ball"
        " (default: 170)",
    )
    _repeatable(routine, "--condition", Condition, "a condition to screen for")
    routine.add_argument(
        "--minutes",
        type=_MINUTES,
        help=f"fit the routine into this many minutes, {MIN_MINUTES} to {MAX_MINUTES}",
    )
    add_format(routine, ("text", "json", "markdown", "html"))
    routine.set_defaults(run=_routine)

    composer = commands.add_parser(
        "compose",
        help="compose a routine for a goal, a kit and conditions, with a reason for each choice",
    )
    composer.add_argument(
        "--minutes",
        type=_MINUTES,
        required=True,
        help=f"the time budget, {MIN_MINUTES} to {MAX_MINUTES} minutes",
    )
    _kit_option(composer, "none")
    composer.add_argument(
        "--height",
        type=_HEIGHT,
        default=170,
        help=f"standing height in cm, {MIN_HEIGHT_CM} to {MAX_HEIGHT_CM} (default: 170)",
    )
    _repeatable(composer, "--condition", Condition, "a condition to screen for")
    _repeatable(composer, "--benefit", Benefit, "a benefit to work on")
    _repeatable(composer, "--region", Region, "a region to work on")
    _repeatable(composer, "--position", Position, "an allowed starting position (default: any)")
    _repeatable(composer, "--kind", ExerciseKind, "a kind of exercise wanted (default: any)")
    composer.add_argument(
        "--level", type=int, choices=range(1, 6), default=3, help="the highest level (default: 3)"
    )
    composer.add_argument(
        "--age-band",
        type=_member(AgeBand, "age-band"),
        help=f"the person's age band; one of {', '.join(AgeBand)}",
    )
    composer.add_argument("--seed", type=int, default=0, help="another seed, another routine")
    add_format(composer, ("text", "json", "markdown", "html"))
    composer.set_defaults(run=_compose)

    schema = commands.add_parser(
        "schema", help="the JSON Schema of a kind of document, for apps in other languages"
    )
    schema.add_argument(
        "kind",
        nargs="?",
        choices=sorted(DOCUMENT_KINDS),
        help=f"the kind of document; one of {', '.join(sorted(DOCUMENT_KINDS))}",
    )
    schema.add_argument("--list", action="store_true", help="list the kinds of document")
    schema.set_defaults(run=_schema)
    for command in (
        plan_command,
        prescribe_command,
        screen_command,
        triage_command,
        validate_command,
    ):
        command.add(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        return int(args.run(args))
    except UsageError as exc:
        print(f"upperback: {exc}", file=sys.stderr)
        return 2
    except UpperbackError as exc:
        print(f"upperback: {exc}", file=sys.stderr)
        return 1
