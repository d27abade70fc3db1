"""Reading an exercise's safety features from its plain English instructions.

A foreign catalog has no safety data, only words. :func:`read_safety` reads
them for the features the screening rules act on and sorts each feature into
one of three answers: the words say it (a feature), the words cannot rule it
out (a feature to review, in the exercise's ``unreviewed``),
or nothing points to it (absent). Screening treats a feature to review as
present, so a doubt costs an exercise, never a person's safety.

Every pattern is checked against the lower-cased name and instructions,
one sentence at a time; a phrase the sentence negates before it ("avoid
swinging", "do not jerk the weight", "with no jerking") does not count.
Silence rules a feature out: the instructions describe the start position
and the movement, so a lying position, a forward bend or a hang they do not
mention is taken to be absent. The patterns were written by reading
free-exercise-db; their precision and recall on it are measured against hand
labels in the tests and reported in the interop docs.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

import attrs

from upperback.anatomy import Muscle
from upperback.props import PropKind
from upperback.vocab import STRETCH_KINDS, ExerciseKind, Feature, KindFamily, Position

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = ["FEATURE_WORDS", "POSITION_WORDS", "REVIEW_WORDS", "position", "read_safety"]

_NEGATED: Final = re.compile(
    r"\b(?:avoid|don't|do not|never|without|no|not|refrain from)\b[^.;:!?()]*$"
)
_LOOK_BACK: Final = 40  # characters before a phrase searched for a negation in its sentence


def _said(pattern: re.Pattern[str], words: str) -> bool:
    """Whether ``pattern`` occurs in ``words`` other than negated in its own sentence."""
    for match in pattern.finditer(words):
        before = words[max(0, match.start() - _LOOK_BACK) : match.start()]
        if not _NEGATED.search(before):
            return True
    return False


POSITION_WORDS: Final = (  # first match wins
    (
        Position.PRONE,
        re.compile(
            r"face ?down|facedown|\bprone\b|on your (stomach|belly|front)|chest (down|against)"
            r"|chest and stomach|lean into (an? |the )?(incline )?bench"
            r"|on your toes and (your )?hands|push-?up position|\bplank\b"
        ),
    ),
    (
        Position.SUPINE,
        re.compile(
            r"on your back|\bsupine\b|face ?up|back on the floor|with your back on"
            r"|(?<!still )(lie|lay|lying) (down )?on (the|a|an) (floor|mat|ground)"
            r"|(?<!still )(lie|lay|lying) (down )?on (an? |the )?(flat |incline |decline )?(an? )?"
            r"(exercise )?bench|underneath (a|the) bar"
        ),
    ),
    (Position.QUADRUPED, re.compile(r"all fours|hands and knees")),
    (Position.KNEELING, re.compile(r"\bkneel")),
    (
        Position.SIDE_LYING,
        re.compile(r"on your (left |right )?side|side[- ]lying|(lie|lay|lying) sideways"),
    ),
    (Position.SEATED, re.compile(r"\bseated\b|\bsit\b|\bsitting\b")),
)
"""See :data:`upperback.interop.free_exercise_db.POSITION_WORDS`."""

_POSITION_FEATURES: Final[Mapping[Position, frozenset[Feature]]] = {
    Position.PRONE: frozenset({Feature.PRONE}),
    Position.SUPINE: frozenset({Feature.SUPINE}),
    Position.QUADRUPED: frozenset({Feature.KNEELING, Feature.HANDS_WEIGHT_BEARING}),
    Position.KNEELING: frozenset({Feature.KNEELING}),
}

_BALANCE = frozenset({Feature.UNSTABLE_SURFACE, Feature.NEEDS_BALANCE})
_CLIMB = r"\bclimb\w* (up )?(the|a) rope|rope climb|top of the rope"

FEATURE_WORDS: Final = (
    (
        frozenset({Feature.OVERHEAD}),
        re.compile(
            r"overhead|over (your|the) head|above (your|the) head|above you\b"
            r"|(?<!upper )(arms?|hands?) (extended |raised |straight )?up\b"
            r"|(swing|raise|lift|extend) them (straight )?up\b"
            r"|up (and )?behind (your|the) head"
            r"|(reach|raise|extend|lift) (your |one |both )?(hands?|arms?) (up |straight )?"
            r"(behind|over|above) (your|the) head|(high|top) pulley|pull-?downs?\b|climbing rope"
        ),
    ),
    (
        frozenset({Feature.END_RANGE_ROTATION}),
        re.compile(r"\btwist\w*|(rotate|turn) (your|the) (torso|trunk|upper body|body|spine)"),
    ),
    (
        frozenset({Feature.END_RANGE_FLEXION}),
        re.compile(
            r"\bround(ing)? (your |the )?(back|spine|upper back|shoulders)"
            r"|(head|chin) down (to|towards?)|let(ting)? your head drop|chin touches"
            r"|(pull|drop|lower|bring|tuck) your (head|chin) (down )?(to|towards?) your chest"
            r"|on(to)? your heels|forehead (on|to) the floor|tuck your knees"
            r"|curl (up|forward|your (back|spine))"
        ),
    ),
    (
        frozenset({Feature.NECK_SIDE_BEND}),
        re.compile(
            r"tilt your head|head towards? your shoulder|ear (to|towards?) (your )?shoulder"
        ),
    ),
    (
        frozenset({Feature.NECK_ROTATION}),
        re.compile(
            r"(turn|rotate) your (head|neck|chin)|look over your shoulder"
            r"|nose (to|towards?) (your )?(armpit|knee)"
        ),
    ),
    (
        frozenset({Feature.HANDS_WEIGHT_BEARING}),
        re.compile(r"push-?ups?\b|plank|all fours|hands and knees|hand on [^.]*for support"),
    ),
    (
        frozenset({Feature.HANGING, Feature.OVERHEAD}),
        re.compile(
            r"\bhang(ing)? (from|onto) (a|the|your) (bar|pull-up|chin-up|rings)"
            r"|hanging position|muscle[- ]ups?\b|\bhang from it\b|weight to hang|" + _CLIMB
        ),
    ),
    (
        frozenset({Feature.UPRIGHT_ROW}),
        re.compile(r"upright (cable |barbell |dumbbell )?row|high pull\b"),
    ),
    (
        frozenset({Feature.BEHIND_NECK}),
        re.compile(
            r"behind[- ](the[- ]|your[- ])?(neck|head)|back of (the|your) (neck|head)"
            r"|rear of (the|your) head|back side of (the|your) head"
        ),
    ),
    (
        frozenset({Feature.BALLISTIC}),
        re.compile(
            r"\bkip(ping)?\b|explosive\w*|\bbounc\w*|ballistic|\bswing\w*|\bjerk\w*|quickly"
            r"|rapid(ly)?|increasing speed|as fast as|\bjump\w*|momentum|high pull\b|\bsnatch"
        ),
    ),
    (
        frozenset({Feature.NEEDS_BALANCE}),
        re.compile(
            r"legs over|stand(ing)? on (the|a|an) (bench|bar|box|platform|step|chair)"
            r"|to balance|balance yourself|for balance|" + _CLIMB
        ),
    ),
    (_BALANCE, re.compile(r"bosu|balance board|wobble board")),
    (frozenset({Feature.UNSTABLE_SURFACE}), re.compile(r"hand over hand|" + _CLIMB)),
    (frozenset({Feature.EXTERNAL_LOAD}), re.compile(r"\bweighted\b|weight belt|dip belt")),
)
"""See :data:`upperback.interop.free_exercise_db.FEATURE_WORDS`."""

REVIEW_WORDS: Final = (
    (
        frozenset({Feature.HANGING}),
        re.compile(
            r"(yourself|your body|body) (\w+ )?hanging|hanging (underneath|under)"
            r"|hanging from the (ropes?|straps?|rings?|bar)"
        ),
    ),
    (frozenset({Feature.NEEDS_BALANCE}), re.compile(r"\bbalanc\w*|\bunstable|wobbl")),
    (frozenset({Feature.END_RANGE_FLEXION}), re.compile(r"knees (in )?(to|towards?) your chest")),
)
"""See :data:`upperback.interop.free_exercise_db.REVIEW_WORDS`."""

_FORWARD_BEND: Final = re.compile(
    r"bend(ing)? (over|forward|at the waist|from the waist)|bent[- ]over"
    r"|(bring|move|bend) your torso (and head )?forward|torso forward|lean(ing)? (forward|over)"
    r"|(push|set) your (butt|hips) (out|back)|(stance|stand) with your hips back|\bhinge"
    r"|from the hips?\b"
    r"|(torso|upper body) (is )?(almost |nearly |as close to )?parallel (to|with) the floor"
)
_TRUNK_TOWARD: Final = re.compile(
    r"(upper body|torso|trunk|chest) (forward|down|towards? the floor)"
    r"|lean(ing)? (toward|into|over|down)|bend (to|over|down|sideways)|reach (your hands )?forward"
    r"|\bcurl|\bhunch|\bslump"
)
_NECK_FLEXION: Final = re.compile(
    r"lower your (head|neck)(?! back)|chin (down )?to(wards?)? your chest|chin touches"
    r"|saying \W?yes"
)
_NECK_LOAD: Final = re.compile(r"resist|isometric|press your head|plate|harness|neck strap")
_ISOMETRIC: Final = re.compile(r"isometric|resisting any movement")
_UPRIGHT: Final = re.compile(
    r"stand (up )?(straight|erect|upright|tall)|\bupright\b|\berect\b|\bseat|\bsit\b|\bkneel"
    r"|(head|chest) (and chest )?up\b"
)
_SLOW: Final = re.compile(r"\bslow(ly)?\b|\bgentl[ey]\b|controlled|\bsmall\b")
_LYING: Final = re.compile(r"(?<!still )\b(lie|lay|lying|laying|recline|reclining)\b")
_FACE: Final = re.compile(
    r"face ?(up|down)|facedown|\bprone\b|\bsupine\b|on your (back|stomach|belly|front)"
    r"|chest (down|against)|chest and stomach|lean into"
)
_LEAN_BACK: Final = re.compile(r"lean(ing)? back")
_SUSPENDED: Final = re.compile(r"\bstraps?\b|\brope|\brings?\b|\bbar\b")
_LOAD_BEHIND_HEAD: Final = re.compile(
    r"(bar|pole|stick|bodybar|broomstick|weight|barbell)[^.]*(behind|back of) (the|your)"
    r" (head|neck)|behind[- ]the[- ]neck"
)
_ARMS_BACK: Final = re.compile(
    r"(arms?|elbows?|hands?) [^.]{0,20}(back|behind)[^.]{0,10} as far as|as far behind you as"
    r"|(move|push|pull) your (arms|elbows) back|arms? against (a|the) (wall|door)"
)
_END_RANGE_ROTATION_OF_SHOULDER: Final = re.compile(
    r"raise your upper arms?[^.]*parallel|scarecrow"
)
_EXTERNAL_ROTATION: Final = re.compile(r"external(ly)? rotat")
_AS_FAR: Final = re.compile(r"as far as")
_DIP: Final = re.compile(r"\bdips?\b(?! belt)")
_PARTNER: Final = re.compile(r"\bpartner|\bassistant")
_STRETCHED: Final = re.compile(r"\bstretch")
_DYNAMIC_RANGE: Final = re.compile(r"as far as|increasing the range|range of motion each time")
_LOADED_STRETCH: Final = re.compile(r"until you feel a stretch|feel a stretch on")
_STRETCH_WORD: Final = re.compile(r"\bstretch(ed)?\b")
_PULLOVER: Final = re.compile(r"semi ?circle|\barc\b|pullover")
_REACH_FORWARD: Final = re.compile(
    r"(walk|reach|extend|stretch) your (hands|arms) (in front|forward)"
)
_KNEE_ON_BENCH: Final = re.compile(r"(knee|leg) on (top of )?(the end of )?(the|a) (flat )?bench")
_TURNING: Final = re.compile(r"\b(rotat\w*|turn\w*|twist\w*)\b([^.;:,]{0,40})")
_LIMB_TURN: Final = re.compile(
    r"hand|wrist|palm|arm|shoulder|elbow|grip|head|neck|chin|roller|weight|dumbbell|kettlebell"
    r"|\bbar\b|handle|foot|feet|leg|knee"
)
_TRUNK_TURN: Final = re.compile(r"torso|trunk|upper body|spine|waist|\bbody\b")
_SIDEWAYS: Final = re.compile(r"\bside|\bleft\b|\bright\b|tilt")
_TURN_WORDS: Final = re.compile(r"\bturn|rotat|twist|\blook\b")
_ROW: Final = re.compile(r"\brows?\b")
_ON_FREE_WEIGHTS: Final = re.compile(r"(kettlebell|dumbbell)s? to support")

_LOADS: Final = frozenset(
    {
        PropKind.DUMBBELL,
        PropKind.KETTLEBELL,
        PropKind.BARBELL,
        PropKind.CABLE_STATION,
        PropKind.MACHINE,
        PropKind.WEIGHT_PLATE,
    }
)
_LOADING_OTHERS: Final = frozenset({"medicine-ball", "ez-curl-bar", "sled", "head-harness"})
_SHOULDER_MUSCLES: Final = frozenset(
    {
        Muscle.PECTORALIS_MAJOR,
        Muscle.PECTORALIS_MINOR,
        Muscle.ANTERIOR_DELTOID,
        Muscle.LATERAL_DELTOID,
        Muscle.POSTERIOR_DELTOID,
        Muscle.ROTATOR_CUFF,
        Muscle.LATISSIMUS_DORSI,
        Muscle.TRICEPS,
    }
)
_SHOULDER_JOINT: Final = frozenset(
    {
        Muscle.ANTERIOR_DELTOID,
        Muscle.LATERAL_DELTOID,
        Muscle.POSTERIOR_DELTOID,
        Muscle.ROTATOR_CUFF,
    }
)


def position(words: str) -> Position:
    """The starting position the words name (:data:`POSITION_WORDS`), standing otherwise."""
    for found, pattern in POSITION_WORDS:
        if _said(pattern, words):
            return found
    return Position.STANDING


@attrs.frozen(kw_only=True)
class _Entry:
    """What the reading needs of one entry (the importer's own values, already checked)."""

    name: str
    words: str
    kind: ExerciseKind
    start: Position
    prop_kinds: frozenset[PropKind]
    prop_names: frozenset[str]
    targets: frozenset[Muscle]
    neck: bool

    def says(self, pattern: re.Pattern[str]) -> bool:
        return _said(pattern, self.words)


def read_safety(
    *,
    name: str,
    words: str,
    kind: ExerciseKind,
    start: Position,
    props: Iterable[tuple[PropKind, str | None]],
    targets: frozenset[Muscle],
    neck: bool,
) -> tuple[frozenset[Feature], frozenset[Feature]]:
    """The features the words say, and those they cannot rule out (to review).

    Args:
        name: The entry's lower-cased name.
        words: The lower-cased name and instructions, one sentence after another.
        kind: The kind the importer made of it.
        start: Its starting position (:func:`position`).
        props: The kind and name of each prop it needs.
        targets: Its primary muscles.
        neck: Whether its source names the neck as its primary muscle.

    Returns:
        ``(features, unreviewed)``, disjoint. A self-massage is never loaded.
    """
    needs = list(props)
    entry = _Entry(
        name=name,
        words=words,
        kind=kind,
        start=start,
        prop_kinds=frozenset(prop_kind for prop_kind, _ in needs),
        prop_names=frozenset(prop_name for _, prop_name in needs if prop_name is not None),
        targets=targets,
        neck=neck,
    )
    found = _said_and_carried(entry)
    unsure = {
        feature for features, pattern in REVIEW_WORDS if entry.says(pattern) for feature in features
    }
    for reading in (_flexion, _shoulder, _stretch, _lying, _turning, _the_rest):
        reading(entry, found, unsure)
    if kind is ExerciseKind.SELF_MASSAGE:
        found.discard(Feature.EXTERNAL_LOAD)
        unsure.discard(Feature.EXTERNAL_LOAD)
    return frozenset(found), frozenset(unsure - found)


def _said_and_carried(entry: _Entry) -> set[Feature]:
    """What the position and the words say, and what the props carry with them."""
    found = set(_POSITION_FEATURES.get(entry.start, frozenset()))
    for features, pattern in FEATURE_WORDS:
        if entry.says(pattern):
            found |= features
    if entry.prop_kinds & _LOADS or entry.prop_names & _LOADING_OTHERS:
        found.add(Feature.EXTERNAL_LOAD)
    if PropKind.PULL_UP_BAR in entry.prop_kinds:
        found |= {Feature.HANGING, Feature.OVERHEAD}
    if entry.prop_kinds & {PropKind.SWISS_BALL, PropKind.SUSPENSION_TRAINER}:
        found |= _BALANCE
    if Feature.HANDS_WEIGHT_BEARING in found and entry.says(_ON_FREE_WEIGHTS):
        found |= _BALANCE  # the hands on kettlebells or dumbbells: they roll and tip
    if _KNEE_ON_BENCH.search(entry.words):
        found.add(Feature.KNEELING)
    if entry.neck and (Feature.EXTERNAL_LOAD in found or _NECK_LOAD.search(entry.words)):
        found.add(Feature.LOADED_NECK)
    return found


def _flexion(entry: _Entry, found: set[Feature], unsure: set[Feature]) -> None:
    loaded = Feature.EXTERNAL_LOAD in found
    bends = entry.says(_FORWARD_BEND)
    if loaded and bends:
        found.add(Feature.LOADED_FLEXION)
    if Feature.LOADED_NECK in found and entry.says(_NECK_FLEXION):
        found.add(Feature.LOADED_FLEXION)
    elif Feature.LOADED_NECK in found and not _ISOMETRIC.search(entry.words):
        unsure.add(Feature.LOADED_FLEXION)
    if (
        loaded
        and _ROW.search(entry.name)
        and entry.start is Position.STANDING
        and Feature.UPRIGHT_ROW not in found
        and not entry.says(_UPRIGHT)
    ):
        unsure.add(Feature.LOADED_FLEXION)  # a standing row with a free load is often bent over
    if entry.kind.family in (KindFamily.LENGTHEN, KindFamily.RELEASE) and not loaded:
        if bends:
            found.add(Feature.END_RANGE_FLEXION)
        elif entry.says(_TRUNK_TOWARD):
            unsure.add(Feature.END_RANGE_FLEXION)


def _shoulder(entry: _Entry, found: set[Feature], unsure: set[Feature]) -> None:
    held = entry.kind.is_stretch
    shoulder = bool(entry.targets & _SHOULDER_MUSCLES)
    behind = Feature.BEHIND_NECK in found and Feature.LOADED_NECK not in found
    load_behind = behind and entry.says(_LOAD_BEHIND_HEAD)
    if (
        load_behind
        or entry.says(_ARMS_BACK)
        or entry.says(_DIP)
        or (held and shoulder and entry.says(_PARTNER))
        or (held and Feature.HANGING in found)
        or (
            entry.kind is ExerciseKind.STRENGTHENING
            and entry.targets & _SHOULDER_JOINT
            and entry.says(_AS_FAR)
        )
        or (entry.says(_EXTERNAL_ROTATION) and entry.says(_END_RANGE_ROTATION_OF_SHOULDER))
    ):
        found.add(Feature.SHOULDER_END_RANGE)
    if load_behind:
        found.add(Feature.OVERHEAD)  # a bar or a weight lowered behind the head
    if _DIP.search(entry.words):
        found.add(Feature.HANDS_WEIGHT_BEARING)
    if (
        (behind and entry.kind is not ExerciseKind.SELF_MASSAGE)
        or (held and shoulder)
        or (entry.kind is ExerciseKind.DYNAMIC_MOBILITY and shoulder and not entry.says(_SLOW))
        or (
            Feature.OVERHEAD in found
            and Feature.EXTERNAL_LOAD in found
            and _PULLOVER.search(entry.words)
        )
    ):
        unsure.add(Feature.SHOULDER_END_RANGE)


def _stretch(entry: _Entry, found: set[Feature], unsure: set[Feature]) -> None:
    if entry.kind in STRETCH_KINDS:
        if (
            entry.says(_STRETCHED)
            or entry.says(_AS_FAR)
            or entry.says(_PARTNER)
            or Feature.HANGING in found
        ):
            found.add(Feature.END_RANGE_STRETCH)
        else:
            unsure.add(Feature.END_RANGE_STRETCH)
    elif entry.kind is ExerciseKind.DYNAMIC_MOBILITY:
        if entry.says(_DYNAMIC_RANGE):
            found.add(Feature.END_RANGE_STRETCH)
        elif not entry.says(_SLOW):
            unsure.add(Feature.END_RANGE_STRETCH)
    elif entry.kind is not ExerciseKind.SELF_MASSAGE:
        if entry.says(_LOADED_STRETCH):
            found.add(Feature.END_RANGE_STRETCH)
        elif _STRETCH_WORD.search(entry.words):
            unsure.add(Feature.END_RANGE_STRETCH)


def _lying(entry: _Entry, found: set[Feature], unsure: set[Feature]) -> None:
    lying = (Position.SUPINE, Position.PRONE)
    if entry.says(_LYING) and entry.start not in (*lying, Position.SIDE_LYING):
        unsure |= {Feature.SUPINE, Feature.PRONE}  # lying, but the words do not say how
    if entry.start in lying and "incline" in entry.words and not entry.says(_FACE):
        unsure |= {Feature.SUPINE, Feature.PRONE}  # an incline bench, face up or down
    suspended = Feature.HANGING in found or Feature.UNSTABLE_SURFACE in found
    if entry.says(_LEAN_BACK) and (suspended or _SUSPENDED.search(entry.words)):
        unsure.add(Feature.SUPINE)  # leaning back from a bar, straps or a rope: how far?


def _the_rest(entry: _Entry, found: set[Feature], unsure: set[Feature]) -> None:
    if entry.neck:
        if _SIDEWAYS.search(entry.words):
            unsure.add(Feature.NECK_SIDE_BEND)
        if _TURN_WORDS.search(entry.words):
            unsure.add(Feature.NECK_ROTATION)
    if entry.kind is ExerciseKind.DYNAMIC_MOBILITY and not entry.says(_SLOW):
        unsure.add(Feature.BALLISTIC)
    if entry.kind.is_stretch and (
        Muscle.LATISSIMUS_DORSI in entry.targets or entry.says(_REACH_FORWARD)
    ):
        unsure.add(Feature.OVERHEAD)  # a lat stretch or a reach forward may raise the arms
    del found  # every reading takes the same three arguments


def _turning(entry: _Entry, found: set[Feature], unsure: set[Feature]) -> None:
    del found  # every reading takes the same three arguments
    words = entry.words
    for match in _TURNING.finditer(words):
        before = words[max(0, match.start() - 15) : match.start()]
        rest = match.group(2)
        if re.search(r"extern|intern", before) or _LIMB_TURN.search(rest):
            continue  # a hand, an arm or the shoulder turns, not the trunk
        if not _TRUNK_TURN.search(rest):
            unsure.add(Feature.END_RANGE_ROTATION)
