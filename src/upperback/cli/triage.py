"""``upperback triage``: from how the back is doing to whether to see a professional."""

from __future__ import annotations

from typing import TYPE_CHECKING

from upperback.cli._common import (
    UsageError,
    add_format,
    add_person,
    emit,
    one_stdin,
    person_of,
    read_document,
)
from upperback.cli._options import enum_option, member, whole
from upperback.dose import MAX_PAIN
from upperback.safety import RedFlag, SymptomReport, Trend, triage
from upperback.safety.triage import MAX_DAYS
from upperback.serialization import dumps

if TYPE_CHECKING:
    import argparse

    from upperback.safety import Advice

__all__ = ["add", "describe", "run"]


def add(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the sub-command."""
    parser = commands.add_parser(
        "triage", help="advice on whether to carry on or see a professional, with its reasons"
    )
    parser.add_argument(
        "--report", metavar="FILE", help="a symptom-report document (- for standard input)"
    )
    parser.add_argument(
        "--days", type=whole("days", 0, MAX_DAYS), help="days since the pain began (0 for today)"
    )
    parser.add_argument(
        "--trend",
        type=member(Trend, "trend"),
        help=f"how the pain has changed; one of {', '.join(Trend)}",
    )
    parser.add_argument(
        "--pain-now", type=whole("pain-now", 0, MAX_PAIN), help="pain now, 0 (none) to 10"
    )
    parser.add_argument(
        "--pain-after",
        type=whole("pain-after", 0, MAX_PAIN),
        help="pain right after exercise, 0 to 10",
    )
    parser.add_argument(
        "--pain-next-morning",
        type=whole("pain-next-morning", 0, MAX_PAIN),
        help="pain the next morning, 0 to 10",
    )
    parser.add_argument(
        "--days-worse-after-exercise",
        type=whole("days-worse-after-exercise", 0, MAX_DAYS),
        default=0,
        help="days the pain has stayed worse after exercising",
    )
    enum_option(parser, "--red-flag", RedFlag, "a warning sign answered yes")
    add_person(parser, "a condition the person has (triage is stricter for some)")
    add_format(parser, ("text", "json"))
    parser.set_defaults(run=run)


def describe(advice: Advice) -> str:
    """The advice, then every reason with its sources."""
    lines = [f"{advice.level.value}: {advice.message}"]
    for reason in advice.reasons:
        keys = "".join(f"[{key}]" for key in reason.sources)
        lines.append(f"  - {reason.text} {keys}".rstrip())
    return "\n".join(lines)


def _report(args: argparse.Namespace) -> SymptomReport:
    if args.report is not None:
        return read_document(args.report, SymptomReport)
    missing = [
        flag for flag, value in (("--days", args.days), ("--trend", args.trend)) if value is None
    ]
    if missing:
        raise UsageError(f"give {' and '.join(missing)}, or a report file with --report.")
    # Each option's type has already checked it against the report's own bounds.
    return SymptomReport(
        days_since_onset=args.days,
        trend=args.trend,
        pain_now=args.pain_now,
        pain_after_exercise=args.pain_after,
        pain_next_morning=args.pain_next_morning,
        days_worse_after_exercise=args.days_worse_after_exercise,
        red_flags=frozenset(args.red_flag or ()),
    )


def run(args: argparse.Namespace) -> int:
    """Triage the report; the advice is the result, so the exit code is 0."""
    one_stdin(args.report, args.profile)
    report = _report(args)
    advice = triage(report, profile=person_of(args))
    text = dumps(advice, indent=2) if args.format == "json" else describe(advice)
    emit(text, args.output)
    return 0
