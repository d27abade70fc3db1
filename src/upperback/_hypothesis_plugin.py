"""Registers upperback's strategies with Hypothesis' ``from_type``.

Hypothesis calls :func:`_register` through the ``hypothesis`` entry point
when it is imported. The strategies themselves load only when first drawn.
"""

from __future__ import annotations

from typing import Any


def _register() -> None:
    from hypothesis import strategies as st  # noqa: PLC0415 - only under Hypothesis

    from upperback import (  # noqa: PLC0415
        catalog,
        dose,
        exercise,
        props,
        routine,
        safety,
    )

    def lazy(cls: type) -> Any:
        def resolve(_: type) -> Any:
            from upperback.strategies import _from_type_strategies  # noqa: PLC0415

            return _from_type_strategies()[cls]

        return resolve

    for cls in (
        dose.Dose,
        exercise.Exercise,
        exercise.Source,
        props.PropNeed,
        props.Kit,
        props.SwissBall,
        routine.Block,
        routine.Section,
        routine.Routine,
        catalog.Catalog,
        routine.Coverage,
        routine.Step,
        routine.DoseChange,
        routine.ScaleResult,
        routine.Substitution,
        routine.SubstitutionResult,
        safety.Profile,
        safety.Rule,
        safety.ScreenReport,
        safety.SymptomReport,
        safety.SafetyPolicy,
        safety.Advice,
    ):
        st.register_type_strategy(cls, lazy(cls))
