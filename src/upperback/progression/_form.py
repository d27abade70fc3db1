"""A session log from what a person answered in an app's form (behind :meth:`SessionLog.from_form`).

The form gives only what differs from the plan: the session is found by its
day in the program, every block is filled in as prescribed (two numbers a
set, left then right, for a per-side dose), and each answer replaces what
it names. Every bad answer is reported at once, each by its path under
``answers``, in the words of the library's other errors.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from upperback import _validate as v
from upperback.errors import InvalidValue, InvalidValues
from upperback.progression.log import Outcome, SessionLog, addresses
from upperback.safety.triage import SymptomReport

if TYPE_CHECKING:
    from upperback.progression.program import PlannedSession, Program, Week
    from upperback.routine import Block

__all__ = ["BLOCK_ANSWERS", "RATINGS", "SESSION_ANSWERS", "from_form"]

RATINGS: Final = ("pain_during", "pain_after", "pain_next_morning", "effort")
"""The 0–10 ratings a form may give for one block, or for every block of the session."""

BLOCK_ANSWERS: Final = ("done", *RATINGS, "skip_reason")
"""What a form may answer for one block."""

SESSION_ANSWERS: Final = ("pain_before", "notes", *RATINGS, "blocks")
"""What a form may answer for the session."""


def _key(path: str, key: str) -> str:
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


def _unknown(path: str, answers: Mapping[Any, Any], known: tuple[str, ...]) -> list[InvalidValue]:
    return [
        InvalidValue(
            _key(path, key) if isinstance(key, str) else path,
            key,
            f"is not an answer the form may give (the answers are {', '.join(known)})",
        )
        for key in answers
        if key not in known
    ]


def _checked(cls: type, name: str, value: Any, path: str) -> list[InvalidValue]:
    """The problems of one answer against the bound declared on ``cls``'s field ``name``."""
    found = v.field_checks(cls)[name](value) or []
    return [InvalidValue(f"{path}.{name}", error.value, error.reason) for error in found]


def _find_session(program: Program, date: Any) -> tuple[Week, PlannedSession]:
    if type(date) is not dt.date:
        raise InvalidValue("date", date, "must be a date")
    if program.start is None:
        raise InvalidValue(
            "program.start", None, "must be given: a session is found by its date in the program"
        )
    sessions = [(week, session) for week in program.weeks for session in week.sessions]
    for week, session in sessions:
        if session.date == date:
            return week, session
    days = [session.date for _, session in sessions if session.date is not None]
    if not days[0] <= date <= days[-1]:
        reason = f"must fall within the program's sessions, {days[0]} to {days[-1]}"
    else:
        before = max(day for day in days if day < date)
        after = min(day for day in days if day > date)
        reason = f"must be the day of a planned session (the nearest are {before} and {after})"
    raise InvalidValue("date", date.isoformat(), reason)


def _blocks_named(
    routine_blocks: tuple[tuple[tuple[int, int], Block], ...], answers: Any, path: str
) -> tuple[dict[tuple[int, int], tuple[str, Mapping[str, Any]]], list[InvalidValue]]:
    """Each answered block's address, with its answers' path and the answers."""
    if not isinstance(answers, Mapping):
        return {}, [InvalidValue(path, answers, "must be a mapping from block to its answers")]
    by_id: dict[str, list[tuple[int, int]]] = {}
    for at, block in routine_blocks:
        by_id.setdefault(block.exercise.id, []).append(at)
    by_address = {f"{at[0]}.{at[1]}": at for at, _ in routine_blocks}
    named: dict[tuple[int, int], tuple[str, Mapping[str, Any]]] = {}
    problems = []
    for key, block_answers in answers.items():
        where = _key(path, key) if isinstance(key, str) else path
        found = None
        if isinstance(key, str):
            found = by_address.get(key) or by_id.get(key, [None])[0]
        if found is None:
            problems.append(
                InvalidValue(
                    where,
                    key,
                    "must name a block of the session: an exercise id"
                    f' ({", ".join(by_id)}) or an address such as "0.0"',
                )
            )
        elif key in by_id and len(by_id[key]) > 1:
            places = " and ".join(f'"{a}.{b}"' for a, b in by_id[key])
            problems.append(
                InvalidValue(
                    where, key, f"names {len(by_id[key])} blocks: name one by its address, {places}"
                )
            )
        elif found in named:
            problems.append(InvalidValue(where, key, "names a block already answered"))
        elif not isinstance(block_answers, Mapping):
            problems.append(InvalidValue(where, block_answers, "must be a mapping of answers"))
        else:
            named[found] = (where, block_answers)
    return named, problems


def _done(
    block: Block, answers: Mapping[str, Any], path: str
) -> tuple[tuple[int, ...] | None, int, list[InvalidValue]]:
    """What was done, as the outcome holds it, and how many of its numbers each answer gave.

    One number a set; for a per-side dose, one a set (both sides alike, given
    twice to the outcome) or two, left then right.
    """
    done = answers.get("done")
    where = f"{path}.done"
    if "done" not in answers:
        problems = []
    elif "skip_reason" in answers:
        problems = [InvalidValue(where, done, "must not be given for a skipped block")]
    elif not isinstance(done, list | tuple):
        problems = [InvalidValue(where, done, "must be a list of numbers, one a set")]
    else:
        problems = [
            InvalidValue(f"{where}[{i}]", value, "must be an integer")
            for i, value in enumerate(done)
            if type(value) is not int
        ]
    if problems or done is None:
        return None, 1, problems
    dose = block.dose
    if len(done) == dose.sets:
        if dose.per_side:
            return tuple(n for n in done for _ in range(2)), 2, []
        return tuple(done), 1, []
    if dose.per_side and len(done) == 2 * dose.sets:
        return tuple(done), 1, []
    each = f" or {2 * dose.sets}, left then right," if dose.per_side else ""
    reason = f"must hold {dose.sets} numbers, one a set,{each} for the prescribed {dose.describe()}"
    return None, 1, [InvalidValue(where, len(done), reason)]


def _outcome(
    at: tuple[int, int],
    block: Block,
    answers: Mapping[str, Any],
    path: str,
    session_ratings: dict[str, Any],
) -> tuple[Outcome | None, list[InvalidValue]]:
    problems = _unknown(path, answers, BLOCK_ANSWERS)
    ratings = dict(session_ratings)
    for name in RATINGS:
        if name in answers:
            problems += _checked(Outcome, name, answers[name], path)
            ratings[name] = answers[name]
    if "skip_reason" in answers:
        problems += _checked(Outcome, "skip_reason", answers["skip_reason"], path)
    done, each, wrong = _done(block, answers, path)
    problems += wrong
    if done is not None:
        problems += _numbers_done(at, block, done, each, path)
    if problems:
        return None, problems
    if "skip_reason" in answers:
        skipped = Outcome(
            section=at[0],
            block=at[1],
            exercise_id=block.exercise.id,
            dose=block.dose,
            skip_reason=answers["skip_reason"],
            **ratings,
        )
        return skipped, []
    if done is None:
        return Outcome.as_prescribed(block, at=at, **ratings), []
    outcome = Outcome(
        section=at[0],
        block=at[1],
        exercise_id=block.exercise.id,
        dose=block.dose,
        done=done,
        **ratings,
    )
    return outcome, []


def _numbers_done(
    at: tuple[int, int], block: Block, done: tuple[int, ...], each: int, path: str
) -> list[InvalidValue]:
    """The outcome's problems with the numbers done, each at its place in the answer."""
    try:
        Outcome(
            section=at[0], block=at[1], exercise_id=block.exercise.id, dose=block.dose, done=done
        )
    except InvalidValue as error:
        # Only a number done can be out of bounds here (``done[i]``): the count
        # matches the dose. A number given once for both sides is reported once.
        errors = error.errors if isinstance(error, InvalidValues) else (error,)
        found: dict[str, InvalidValue] = {}
        for e in errors:
            index = int(e.field.removeprefix("done[").removesuffix("]")) // each
            found.setdefault(f"{path}.done[{index}]", e)
        return [InvalidValue(where, e.value, e.reason) for where, e in found.items()]
    return []


def from_form(
    program: Program,
    *,
    date: dt.date,
    answers: Mapping[str, Any],
    symptoms: SymptomReport | None = None,
) -> SessionLog:
    """The log of the session planned on ``date``: see :meth:`SessionLog.from_form`."""
    from upperback.progression.program import Program  # noqa: PLC0415 - programs read logs

    v.instance("program", program, Program)
    week, session = _find_session(program, date)
    if symptoms is not None:
        v.instance("symptoms", symptoms, SymptomReport)
    if not isinstance(answers, Mapping):
        raise InvalidValue("answers", answers, "must be a mapping of the form's answers")
    problems = _unknown("answers", answers, SESSION_ANSWERS)
    for name in ("pain_before", "notes"):
        if name in answers:
            problems += _checked(SessionLog, name, answers[name], "answers")
    ratings: dict[str, Any] = {}
    for name in RATINGS:
        if name in answers:
            found = _checked(Outcome, name, answers[name], "answers")
            problems += found
            if not found:
                ratings[name] = answers[name]
    blocks = addresses(week.routine)
    named, wrong = _blocks_named(blocks, answers.get("blocks", {}), "answers.blocks")
    problems += wrong
    outcomes = []
    for at, block in blocks:
        path, block_answers = named.get(at, ("", {}))
        outcome, found = _outcome(at, block, block_answers, path, ratings)
        problems += found
        if outcome is not None:
            outcomes.append(outcome)
    v.report(problems)
    return SessionLog(
        date=date,
        routine_id=week.routine.id,
        week=week.number,
        session=session.number,
        outcomes=outcomes,
        pain_before=answers.get("pain_before"),
        symptoms=symptoms,
        notes=answers.get("notes"),
    )
