"""What a person with each condition should be told, beside what screening leaves out.

Screening (:func:`~upperback.safety.screen.screen`) changes the exercises;
some of a condition's guidance is about the person, not an exercise: back
pain with osteoporosis goes to a clinician [C1], a pregnant person does not
lie flat on the back for long [C6], a neck that brings on dizziness means
stop and get advice [R4][R17]. Those lines are data here, each with its
sources, so a sheet, an app's screen or a chatbot says the same thing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import attrs

from upperback import _validate as v
from upperback._convert import to_frozenset, to_tuple
from upperback.errors import InvalidValue
from upperback.safety.conditions import PREGNANCY, Condition

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["CONDITION_GUIDANCE", "ConditionGuidance", "condition_guidance"]


@attrs.frozen(kw_only=True)
class ConditionGuidance:
    """One line of guidance for a person with any of ``conditions``.

    >>> [line.sources for line in condition_guidance({Condition.OSTEOPOROSIS})][0]
    ('C1',)

    Args:
        conditions: The conditions it is for (at least one).
        text: The guidance, in plain words, addressed to the person.
        sources: Source keys (see :func:`~upperback.sources.reference`).

    .. versionadded:: 0.2.0
    """

    conditions: frozenset[Condition] = attrs.field(converter=to_frozenset)
    text: str = attrs.field(metadata=v.text_up_to(500))
    sources: tuple[str, ...] = attrs.field(
        converter=to_tuple, metadata=v.items(item=v.SOURCE_KEY, min_items=1)
    )

    _bound_problems = v.checker()

    def __attrs_post_init__(self) -> None:
        v.collection("conditions", self.conditions, frozenset, Condition)
        if not self.conditions:
            raise InvalidValue("conditions", [], "must name at least one condition")
        if not isinstance(self.sources, tuple):
            raise InvalidValue("sources", self.sources, "must be a collection of source keys")
        if problems := self._bound_problems():
            v.report(problems)


CONDITION_GUIDANCE: Final[tuple[ConditionGuidance, ...]] = (
    ConditionGuidance(
        conditions={Condition.OSTEOPOROSIS},
        text=(
            "Back pain with osteoporosis should be checked by a clinician: if your back"
            " hurts, see one before you carry on."
        ),
        sources=("C1",),
    ),
    ConditionGuidance(
        conditions={Condition.OSTEOPOROSIS},
        text=(
            "In everyday life too, avoid bending forward from the waist, twisting while"
            " bending, and heavy carrying; exercises that straighten the spine are the ones"
            " to favour."
        ),
        sources=("C1", "C4"),
    ),
    ConditionGuidance(
        conditions=PREGNANCY,
        text=(
            "Exercise in pregnancy is encouraged, with changes as needed: tell your midwife"
            " or doctor what you do, and ask what suits you."
        ),
        sources=("C5",),
    ),
    ConditionGuidance(
        conditions=PREGNANCY,
        text="Don't lie flat on your back for long periods, particularly after 16 weeks.",
        sources=("C6",),
    ),
    ConditionGuidance(
        conditions={Condition.HYPERMOBILITY},
        text=(
            "With hypermobility, overstretching and high-intensity exercise can make symptoms"
            " worse: build strength and control gradually, rather than range."
        ),
        sources=("C9*", "C9b"),
    ),
    ConditionGuidance(
        conditions={Condition.ACUTE_INJURY},
        text=(
            "After a soft-tissue injury, protect it for the first 1 to 3 days, then load it"
            " as symptoms allow, letting pain guide you; do not stretch a recently strained"
            " muscle in those first days."
        ),
        sources=("C10",),
    ),
    ConditionGuidance(
        conditions={Condition.RECENT_SURGERY},
        text="After recent surgery, talk with your surgeon or doctor before exercising.",
        sources=("E23",),
    ),
    ConditionGuidance(
        conditions={Condition.CERVICAL_RADICULOPATHY},
        text=(
            "Stop and seek urgent care if you notice a change in your walking or balance,"
            " clumsy hands, a change in bladder or bowel control, arm weakness that is"
            " severe or getting worse, or a fever or weight loss."
        ),
        sources=("C11",),
    ),
    ConditionGuidance(
        conditions={Condition.CERVICAL_RADICULOPATHY},
        text=(
            "If the arm symptoms have not eased after 4 weeks, see a healthcare professional"
            " (sources give 4 to 6 weeks; this is the shorter)."
        ),
        sources=("R5",),
    ),
    ConditionGuidance(
        conditions={Condition.BALANCE_IMPAIRMENT},
        text=(
            "Do ball exercises only with someone supervising you, and never lie back over"
            " the ball on your own."
        ),
        sources=("B10",),
    ),
    ConditionGuidance(
        conditions={Condition.BALANCE_IMPAIRMENT},
        text=(
            "If moving your neck makes you dizzy or changes your sight, stop and get advice"
            " from a healthcare professional."
        ),
        sources=("R4", "R17"),
    ),
    ConditionGuidance(
        conditions={Condition.SHOULDER_INSTABILITY},
        text=(
            "With a shoulder that has dislocated, feels unstable or is frozen, ask a"
            " physiotherapist or doctor before stretching it, above all with the arm high"
            " or behind you."
        ),
        sources=("E6e*", "E23"),
    ),
)
"""The guidance for each :class:`~upperback.safety.conditions.Condition`, in a fixed order.

Every condition has at least one line, from the guidance column of the
library's fact sheet (contraindications by condition), with its sources.
"""


def condition_guidance(conditions: Iterable[Condition]) -> tuple[ConditionGuidance, ...]:
    """The guidance for a person with ``conditions``, each line once, in table order.

    >>> len(condition_guidance({Condition.PREGNANCY_SECOND_TRIMESTER}))
    2
    >>> condition_guidance(())
    ()

    Raises:
        InvalidValue: An item is not a :class:`~upperback.safety.conditions.Condition`.

    .. versionadded:: 0.2.0
    """
    found = to_frozenset(conditions)
    v.collection("conditions", found, frozenset, Condition)
    return tuple(line for line in CONDITION_GUIDANCE if not line.conditions.isdisjoint(found))
