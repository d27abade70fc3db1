"""Composing a routine for a goal, a person and a kit: :func:`compose`."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Final

import attrs

from upperback import _validate as v
from upperback._convert import to_tuple
from upperback.anatomy import Muscle
from upperback.catalog import Catalog
from upperback.compose.goal import Goal
from upperback.compose.scoring import REPEAT_FACTOR, hits, objective
from upperback.errors import InvalidValue, NothingFits, NothingSafe
from upperback.props import Kit
from upperback.routine import RECOVERY_KINDS, Block, Routine, SectionRole, recovery_problem
from upperback.routine.timing import visit_s
from upperback.safety import Profile, Verdict, screen
from upperback.safety.person import OLDER_ADULT_HOLD_S
from upperback.vocab import STRETCH_KINDS, ExerciseKind, KindFamily, Movement

if TYPE_CHECKING:
    from collections.abc import Iterable

    from upperback.dose import Dose
    from upperback.exercise import Exercise

__all__ = [
    "ALTERNATIVE_SLACK",
    "OLDER_ADULT_HOLD_S",
    "Choice",
    "Composition",
    "Gap",
    "compose",
    "dose_for",
    "reach",
    "role_of",
    "safe_exercises",
]

_WARM_UP_KINDS: Final = frozenset({ExerciseKind.DYNAMIC_MOBILITY, ExerciseKind.BREATHING})
_COOL_DOWN_KINDS: Final = STRETCH_KINDS
_CHEST: Final = frozenset({Muscle.PECTORALIS_MAJOR, Muscle.PECTORALIS_MINOR})
_PULLING_KINDS: Final = frozenset(k for k in ExerciseKind if k.family is KindFamily.STRENGTHEN)
_MAX_PASSES: Final = 50
_EPS: Final = 1e-12
_SCREENED: Final = "is left out by screening"
_RECOVERY: Final = "is strengthening, and sessions_per_week is"
_STARTS: Final = 16
_POLISHED: Final = 6

ALTERNATIVE_SLACK: Final = 0.03
"""How far below the best routine found another seed's routine may score (3%)."""


def role_of(exercise: Exercise) -> SectionRole:
    """Where an exercise goes in a composed session, by its kind.

    Dynamic mobility and breathing warm up; static and PNF stretches cool
    down, when the muscles are warm [A2][A3]; the rest is the main work,
    self-massage included (the sources give it no place in a session).
    """
    if exercise.kind in _WARM_UP_KINDS:
        return SectionRole.WARM_UP
    if exercise.kind in _COOL_DOWN_KINDS:
        return SectionRole.COOL_DOWN
    return SectionRole.MAIN


def reach(goal: Goal, profile: Profile) -> int:
    """The highest level of exercise within reach: the goal's, and the person's level in reach.

    A goal that states no level takes the person's (:meth:`Goal.level_for
    <upperback.compose.goal.Goal.level_for>`).

    A person whose level is known is offered exercises up to one level
    above it (:attr:`Profile.level_in_reach
    <upperback.safety.profile.Profile.level_in_reach>`, the rule screening
    applies too), never above the goal's level.
    """
    return min(int(goal.level_for(profile)), profile.level_in_reach)


def dose_for(exercise: Exercise, profile: Profile) -> Dose:
    """The exercise's default dose, adjusted to the person.

    For an older adult (:attr:`Profile.older_adult
    <upperback.safety.profile.Profile.older_adult>`) a static stretch is
    held 30–60 s [A1][A2], with fewer repetitions when that would pass 60 s
    in all [A2][A3]; for an older adult or a novice (:attr:`Profile.novice
    <upperback.safety.profile.Profile.novice>`) strengthening takes 10–15
    reps [A5][A3]: see :func:`~upperback.safety.person.adjusted_dose`.
    Screening may shorten it again (its caps win). Other doses are the
    exercise's default.
    """
    return profile.starting_dose(exercise)


def safe_exercises(
    catalog: Catalog, profile: Profile | None = None, *, kit: Kit | None = None
) -> Catalog:
    """The exercises of a catalog that screening keeps for a person, and a kit allows.

    An exercise is kept when :func:`~upperback.safety.screen` does not exclude it
    for ``profile`` (it may modify it) and, when ``kit`` is given, every prop it
    requires is in the kit (as ``catalog.where(kit=kit)``). The catalog itself
    cannot ask this, because screening sits above it; use this instead.

    Raises:
        InvalidValue: An argument is of the wrong type.
    """
    v.instance("catalog", catalog, Catalog)
    person = Profile() if profile is None else profile
    v.instance("profile", person, Profile)
    pool = catalog if kit is None else catalog.where(kit=kit)
    return pool.filter(lambda e: screen(e, person).verdict is not Verdict.EXCLUDE)


@attrs.frozen(kw_only=True)
class Choice:
    """One exercise the composer chose, and why.

    Args:
        exercise_id: The exercise.
        role: The section it went into.
        reason: Why it was chosen, in plain words.
        gain: What it added to the objective when it was chosen (0 to 1).

    .. versionadded:: 0.1.0
    """

    exercise_id: str = attrs.field(metadata=v.slug_id())
    role: SectionRole
    reason: str = attrs.field(metadata=v.text_up_to())
    gain: float = attrs.field(metadata=v.number_in(0, 1))

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.report(self._bound_problems())
        v.instance("role", self.role, SectionRole)


@attrs.frozen(kw_only=True)
class Gap:
    """Something the goal asked for that the routine does not give, and why.

    Args:
        what: What is missing, e.g. ``"neck"`` or ``"warm-up"``.
        reason: Why, in plain words.

    .. versionadded:: 0.1.0
    """

    what: str = attrs.field(metadata=v.text_up_to(200))
    reason: str = attrs.field(metadata=v.text_up_to())

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.report(self._bound_problems())


@attrs.frozen(kw_only=True)
class Composition:
    """A composed routine, with a reason for each choice and what is left uncovered.

    Args:
        routine: The routine, already screened for the person (modifications applied).
        goal: The goal it was composed for.
        choices: One per block of the routine, in session order.
        gaps: Targets left uncovered and other shortfalls, each with its reason.
        score: The :func:`~upperback.compose.scoring.objective` of the routine for the goal.

    .. versionadded:: 0.1.0
    """

    routine: Routine
    goal: Goal
    choices: tuple[Choice, ...] = attrs.field(converter=to_tuple)
    gaps: tuple[Gap, ...] = attrs.field(default=(), converter=to_tuple)
    score: float = attrs.field(default=0.0, metadata=v.number_in(0, 1))

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.report(self._bound_problems())
        v.instance("routine", self.routine, Routine)
        v.instance("goal", self.goal, Goal)
        v.collection("choices", self.choices, tuple, Choice)
        v.collection("gaps", self.gaps, tuple, Gap)
        ids = [block.exercise.id for block in self.routine.blocks]
        if [choice.exercise_id for choice in self.choices] != ids:
            raise InvalidValue(
                "choices", len(self.choices), "must give one choice per block, in session order"
            )


@attrs.frozen
class _Item:
    exercise: Exercise
    block: Block
    cost: int
    hits: tuple[int, ...]


def _gain(item: _Item, counts: list[int], weights: list[float]) -> float:
    return sum(weights[t] * REPEAT_FACTOR ** counts[t] * (1 - REPEAT_FACTOR) for t in item.hits)


def _loss(item: _Item, counts: list[int], weights: list[float]) -> float:
    return sum(
        weights[t] * REPEAT_FACTOR ** (counts[t] - 1) * (1 - REPEAT_FACTOR) for t in item.hits
    )


def _add(item: _Item, counts: list[int], step: int) -> None:
    for t in item.hits:
        counts[t] += step


def _greedy(
    items: list[_Item], weights: list[float], budget: int, noise: list[float], start: list[int]
) -> list[int]:
    """Add, from ``start``, the item with the most gain per second that fits, until none does."""
    counts = [0] * len(weights)
    chosen = list(start)
    for i in chosen:
        _add(items[i], counts, 1)
    left = budget - sum(items[i].cost for i in chosen)
    free = set(range(len(items))) - set(chosen)
    while True:
        best, best_key = -1, 0.0
        for i in sorted(free):
            item = items[i]
            if item.cost > left:
                continue
            key = _gain(item, counts, weights) * noise[i] / item.cost
            if key > best_key:
                best, best_key = i, key
        if best < 0:
            return chosen
        chosen.append(best)
        free.discard(best)
        left -= items[best].cost
        _add(items[best], counts, 1)


def _improve(items: list[_Item], weights: list[float], budget: int, chosen: list[int]) -> list[int]:
    """Local search: add what fits, or swap one chosen item for one that scores higher."""
    counts = [0] * len(weights)
    for i in chosen:
        _add(items[i], counts, 1)
    used = sum(items[i].cost for i in chosen)
    for _ in range(_MAX_PASSES):
        inside = set(chosen)
        before = len(chosen)
        for j, item in enumerate(items):
            if j in inside or used + item.cost > budget or _gain(item, counts, weights) <= _EPS:
                continue
            chosen.append(j)
            inside.add(j)
            used += item.cost
            _add(item, counts, 1)
        swap = _best_swap(
            items, weights=weights, left=budget - used, chosen=chosen, counts=counts, inside=inside
        )
        if swap is not None:
            pos, j = swap
            out_i = chosen[pos]
            _add(items[out_i], counts, -1)
            _add(items[j], counts, 1)
            used += items[j].cost - items[out_i].cost
            chosen[pos] = j
        elif len(chosen) == before:
            break
    return chosen


def _best_swap(
    items: list[_Item],
    *,
    weights: list[float],
    left: int,
    chosen: list[int],
    counts: list[int],
    inside: set[int],
) -> tuple[int, int] | None:
    """The swap of a chosen item for another that raises the score most, if any."""
    best: tuple[float, int, int] | None = None
    for pos, i in enumerate(chosen):
        out = items[i]
        loss = _loss(out, counts, weights)
        _add(out, counts, -1)
        for j, item in enumerate(items):
            if j in inside or item.cost - out.cost > left:
                continue
            delta = _gain(item, counts, weights) - loss
            if delta > _EPS and (best is None or delta > best[0]):
                best = (delta, pos, j)
        _add(out, counts, 1)
    return None if best is None else (best[1], best[2])


def _value(items: list[_Item], weights: list[float], chosen: list[int]) -> float:
    counts = [0] * len(weights)
    for i in chosen:
        _add(items[i], counts, 1)
    return sum(w * (1 - REPEAT_FACTOR**c) for w, c in zip(weights, counts, strict=True))


def _prune(items: list[_Item], budget: int, rank: list[float]) -> list[_Item]:
    """Per set of targets hit, keep the exercises (cheapest first) that could fit together.

    Two exercises that hit the same targets score the same, so a best
    routine never needs a dearer one while a cheaper one is left over:
    this keeps the search small on large catalogs without losing the optimum.
    """
    groups: dict[tuple[int, ...], list[int]] = {}
    for i, item in enumerate(items):
        if item.hits:
            groups.setdefault(item.hits, []).append(i)
    kept: list[int] = []
    for members in groups.values():
        members.sort(key=lambda i: (items[i].cost, rank[i], i))
        total = 0
        for i in members:
            if total + items[i].cost > budget:
                break
            kept.append(i)
            total += items[i].cost
    return [items[i] for i in sorted(kept)]


def _select(items: list[_Item], weights: list[float], budget: int, seed: int) -> list[_Item]:
    rng = random.Random(seed)  # noqa: S311 - variety, not secrecy
    rank = [1.0 if seed == 0 else rng.uniform(1.0, 1.6) for _ in items]
    pool = _prune(items, budget, rank)
    noise = [1.0 if seed == 0 else rng.uniform(0.75, 1.0) for _ in pool]
    # Partial enumeration: greedy from nothing and from each of the best
    # single items, then local search from the best few of those.
    singles = sorted(
        (i for i, item in enumerate(pool) if item.cost <= budget),
        key=lambda i: (-_value(pool, weights, [i]) * noise[i], i),
    )[:_STARTS]
    found = [
        _greedy(pool, weights, budget, noise, start) for start in ([], *([i] for i in singles))
    ]
    # Many starts end in the same set; polish each set once, best first.
    unique = {frozenset(run): run for run in reversed(found)}
    runs = sorted(unique.values(), key=lambda run: -_value(pool, weights, run))
    improved = [_improve(pool, weights, budget, run) for run in runs[:_POLISHED]]
    best = max(_value(pool, weights, run) for run in improved)
    # Another seed takes any distinct routine within ALTERNATIVE_SLACK of the best found.
    good = sorted(
        {
            tuple(sorted(run))
            for run in improved
            if _value(pool, weights, run) >= (1 - ALTERNATIVE_SLACK) * best
        }
    )
    chosen = list(good[0] if seed == 0 else rng.choice(good))
    if seed == 0:
        chosen = max(improved, key=lambda run: _value(pool, weights, run))
    return [pool[i] for i in chosen]


def _exclusion(exercise: Exercise, goal: Goal, kit: Kit, level: int) -> str | None:
    if not kit.satisfies_all(exercise.props):
        missing = sorted(n.key for n in exercise.props if not kit.satisfies(n))
        return f"needs {', '.join(missing)}"
    if goal.positions and exercise.position not in goal.positions:
        return f"starts {exercise.position.value.replace('_', ' ')}, a position not allowed"
    if goal.kinds and exercise.kind not in goal.kinds:
        return f"is {exercise.kind.value.replace('_', ' ')}, a kind not wanted"
    if exercise.level > level:
        return f"is level {int(exercise.level)}, above the level in reach ({level})"
    if exercise.kind in RECOVERY_KINDS and (why := recovery_problem(goal.sessions_per_week)):
        return f"{_RECOVERY} {goal.sessions_per_week}: {why}"
    return None


def _candidates(
    catalog: Iterable[Exercise], goal: Goal, person: Profile, kit: Kit
) -> tuple[list[_Item], dict[str, list[str]]]:
    level = reach(goal, person)
    budget = goal.budget_s
    items: list[_Item] = []
    why_not: dict[str, list[str]] = {}
    for exercise in catalog:
        reason = _exclusion(exercise, goal, kit, level)
        block = Block(exercise=exercise, dose=dose_for(exercise, person))
        if reason is None:
            check = screen(block, person)
            if check.verdict is Verdict.EXCLUDE:
                rules = ", ".join(rule.id for rule in check.rules)
                reason = f"{_SCREENED} ({rules})"
            else:
                cost = visit_s(check.safe_block or block)
                if cost > budget:
                    reason = f"takes {cost} s, more than the budget"
                else:
                    items.append(_Item(exercise, block, cost, hits(exercise, goal.targets)))
        if reason is not None:
            why_not[exercise.id] = [reason]
    return items, why_not


def _reason(item: _Item, goal: Goal, counts: list[int], gain: float) -> str:
    parts = []
    for t in item.hits:
        label = goal.targets[t].label
        parts.append(label if counts[t] == 0 else f"{label} again")
        counts[t] += 1
    role = role_of(item.exercise)
    where = {
        SectionRole.WARM_UP: "dynamic mobility warms up first",
        SectionRole.MAIN: "main work",
        SectionRole.COOL_DOWN: "static stretching cools down",
    }[role]
    aims = f"works on {', '.join(parts)}" if parts else "works on no target of the goal"
    return f"{aims} (+{gain:.2f}); {where}; {item.cost} s"


def _gaps(
    goal: Goal,
    catalog: Iterable[Exercise],
    counts: list[int],
    why_not: dict[str, list[str]],
) -> list[Gap]:
    gaps = []
    for t, target in enumerate(goal.targets):
        if counts[t]:
            continue
        meeting = [e for e in catalog if target.is_met_by(e.benefits, e.targets)]
        if not meeting:
            reason = "no exercise in the catalog works on it"
        else:
            blocked = [f"{e.id} {why_not[e.id][0]}" for e in meeting if e.id in why_not]
            if len(blocked) == len(meeting):
                reason = "every exercise for it is ruled out: " + "; ".join(blocked[:5])
                if len(blocked) > 5:
                    reason += f"; and {len(blocked) - 5} more"
            else:
                reason = "no time left in the budget for it"
        gaps.append(Gap(what=target.label, reason=reason))
    return gaps


def _recovery_gaps(
    catalog: Iterable[Exercise], goal: Goal, why_not: dict[str, list[str]]
) -> list[Gap]:
    """A gap when the frequency rule left out strengthening that would have served the goal."""
    left_out = [
        exercise
        for exercise in catalog
        if why_not.get(exercise.id, [""])[0].startswith(_RECOVERY) and hits(exercise, goal.targets)
    ]
    if not left_out:
        return []
    why = recovery_problem(goal.sessions_per_week)
    return [
        Gap(
            what="strengthening",
            reason=(
                f"left out at {goal.sessions_per_week} sessions a week (sessions_per_week {why}):"
                " compose strengthening for 3 sessions a week or fewer, and this routine for"
                " the days between"
            ),
        )
    ]


def _repair(chosen: list[_Item], items: list[_Item], goal: Goal, gaps: list[Gap]) -> list[_Item]:
    """Add a warm-up and retraction work to balance chest stretches, where time allows."""
    left = goal.budget_s - sum(item.cost for item in chosen)
    ids = {item.exercise.id for item in chosen}
    warm_allowed = not goal.kinds or ExerciseKind.DYNAMIC_MOBILITY in goal.kinds
    needs_warm_up = warm_allowed and not any(
        item.exercise.kind is ExerciseKind.DYNAMIC_MOBILITY for item in chosen
    )
    if needs_warm_up:
        options = [
            i for i in items if i.exercise.kind is ExerciseKind.DYNAMIC_MOBILITY and i.cost <= left
        ]
        if options:
            pick = min(options, key=lambda i: (-len(i.hits), i.cost, i.exercise.id))
            chosen.append(pick)
            ids.add(pick.exercise.id)
            left -= pick.cost
        elif any(i.exercise.kind is ExerciseKind.DYNAMIC_MOBILITY for i in items):
            gaps.append(Gap(what="warm-up", reason="no time left for dynamic mobility"))
        else:
            gaps.append(Gap(what="warm-up", reason="no dynamic mobility exercise is possible"))

    def pulls(e: Exercise) -> bool:
        return e.kind in _PULLING_KINDS and Movement.SCAPULAR_RETRACTION in e.movements

    chest = any(i.exercise.kind.is_stretch and i.exercise.targets & _CHEST for i in chosen)
    if chest and not any(pulls(i.exercise) for i in chosen):
        options = [i for i in items if pulls(i.exercise) and i.cost <= left]
        if options:
            pick = min(options, key=lambda i: (-len(i.hits), i.cost, i.exercise.id))
            chosen.append(pick)
        else:
            why = (
                "none is possible in the time left"
                if any(pulls(i.exercise) for i in items)
                else "none is possible within the goal's limits"
            )
            gaps.append(
                Gap(
                    what="balance",
                    reason=f"chest stretches without scapular retraction work: {why}",
                )
            )
    return chosen


def compose(
    catalog: Catalog,
    goal: Goal,
    *,
    profile: Profile | None = None,
    kit: Kit | None = None,
    seed: int = 0,
) -> Composition:
    """Compose a routine for a goal, safe for the person and doable with the kit.

    Hard constraints, never traded for coverage:

    * the routine takes at most ``goal.minutes``, as
      :meth:`Routine.duration() <upperback.routine.Routine.duration>` counts it;
    * every prop an exercise requires is in the kit;
    * nothing :func:`~upperback.safety.screen` excludes for the person is in
      it, and its modifications are applied;
    * every exercise starts in an allowed position, is of a wanted kind and
      is within the level in reach (:func:`reach`); none is there twice;
    * strengthening only for a goal of at most 3 sessions a week, 48 h apart
      [A6][A7]: the one frequency rule, which
      :func:`~upperback.progression.program.plan` applies too
      (:func:`~upperback.routine.check_recovery`). For more sessions, the
      routine is made of the rest (stretching and mobility, daily at best
      [A1][A2]) and a gap says that strengthening was left out and why, so
      that an app can compose a second routine of 3 sessions for it. What
      is composed can always be planned.

    Within them it maximises :func:`~upperback.compose.scoring.objective`: a greedy
    pass by gain per second, then a local search (adding what fits,
    swapping one exercise for a better one). It then adds, if time allows,
    a dynamic mobility warm-up when there is none, and scapular retraction
    work when chest stretches have none to balance them. Dynamic mobility
    goes in the warm-up, stretches in the cool-down, the rest in the main
    section, each with :func:`dose_for` the person.

    The same arguments and seed give the same routine. Other seeds shuffle
    the ties and perturb the greedy pass, giving other good routines for
    variety across days.

    Args:
        catalog: The exercises to choose from.
        goal: What to work on, within how many minutes.
        profile: The person; a person with no conditions when ``None``.
        kit: The props to hand; the profile's kit when ``None``.
        seed: Picks among good alternatives.

    Returns:
        The routine, a reason for each choice, and what could not be
        covered and why.

    Raises:
        InvalidValue: An argument is of the wrong type.
        NothingSafe: Screening left out every exercise that met the goal's
            other limits; the error says why for each exercise.
        NothingFits: No exercise of the catalog can be done within the
            goal's limits; the error says why for each.

    .. versionadded:: 0.1.0
    """
    v.instance("catalog", catalog, Catalog)
    v.instance("goal", goal, Goal)
    person = Profile() if profile is None else profile
    v.instance("profile", person, Profile)
    kit = person.kit if kit is None else kit
    v.instance("kit", kit, Kit)
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise InvalidValue("seed", seed, "must be an integer")
    items, why_not = _candidates(catalog, goal, person, kit)
    weights = [target.weight for target in goal.targets]
    chosen = _select(items, weights, goal.budget_s, seed)
    shape_gaps: list[Gap] = _recovery_gaps(catalog, goal, why_not)
    chosen = _repair(chosen, items, goal, shape_gaps)
    if not chosen:
        reasons = [
            f"{e.id}: {why_not.get(e.id, ['works on no target of the goal'])[0]}" for e in catalog
        ]
        # Screening is checked last, so an exercise it left out fitted every other limit.
        if any(_SCREENED in reason for reason in reasons):
            raise NothingSafe(reasons)
        raise NothingFits(reasons or ["the catalog is empty"])
    counts = [0] * len(weights)
    for item in chosen:
        _add(item, counts, 1)
    return _build(chosen, goal, person, _gaps(goal, catalog, counts, why_not) + shape_gaps)


def _build(chosen: list[_Item], goal: Goal, person: Profile, gaps: list[Gap]) -> Composition:
    weights = [target.weight for target in goal.targets]
    counts = [0] * len(weights)
    gains: dict[str, float] = {}
    for item in chosen:
        gains[item.exercise.id] = _gain(item, counts, weights) / sum(weights)
        _add(item, counts, 1)
    by_role: dict[SectionRole, list[_Item]] = {role: [] for role in SectionRole}
    for item in chosen:
        by_role[role_of(item.exercise)].append(item)
    ordered = [item for role in SectionRole for item in by_role[role]]
    routine = Routine.of(
        goal.title,
        warm_up=[item.block for item in by_role[SectionRole.WARM_UP]],
        main=[item.block for item in by_role[SectionRole.MAIN]],
        cool_down=[item.block for item in by_role[SectionRole.COOL_DOWN]],
        sessions_per_week=goal.sessions_per_week,
        tags={"composed"},
    )
    report = screen(routine, person)
    if report.excluded:  # every candidate was screened one by one
        raise AssertionError("screening excluded a block the composer had screened")
    routine = report.safe_routine()
    if routine.duration().total_seconds() > goal.budget_s:
        raise AssertionError("the composed routine is longer than the budget")
    counts = [0] * len(weights)
    choices = [
        Choice(
            exercise_id=item.exercise.id,
            role=role_of(item.exercise),
            reason=_reason(item, goal, counts, gains[item.exercise.id]),
            gain=gains[item.exercise.id],
        )
        for item in ordered
    ]
    return Composition(
        routine=routine, goal=goal, choices=choices, gaps=gaps, score=objective(routine, goal)
    )
