"""upperback: typed, validated building blocks for upper-back exercise routines.

The library models stretches and strengthening exercises, the props they use
(the Swiss ball above all), routines, progression chains and safety rules, for apps
that guide people through them. It supports clinicians and apps; it does not
replace a healthcare professional, and it makes no claim beyond the evidence
its sources give. Upper-back pain that does not ease within days should be
seen by a professional.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from upperback.anatomy import Muscle, Region
from upperback.dose import Dose
from upperback.errors import (
    InvalidCatalog,
    InvalidDocument,
    InvalidValue,
    NothingSafe,
    Problem,
    UnknownExercise,
    UnknownReference,
    UpperbackError,
)
from upperback.exercise import Exercise, Source
from upperback.props import (
    THERABAND_COLOURS,
    BandLevel,
    Chair,
    Doorway,
    FoamRoller,
    Kit,
    Mat,
    Prop,
    PropKind,
    PropNeed,
    ResistanceBand,
    SwissBall,
    Towel,
    Wall,
)
from upperback.vocab import (
    Benefit,
    ExerciseKind,
    Feature,
    Laterality,
    Level,
    Movement,
    Position,
)

if TYPE_CHECKING:
    from upperback.catalog import (
        Catalog,
        default_catalog,
    )
    from upperback.routine import (
        SWITCH_SIDES_S,
        TRANSITION_S,
        Block,
        Coverage,
        DoseChange,
        Routine,
        ScaleResult,
        Section,
        SectionRole,
        Side,
        Step,
        StepKind,
        Structure,
        Substitution,
        SubstitutionResult,
    )
    from upperback.safety import (
        CLINICIAN_RULE_ID,
        DEFAULT_POLICY,
        RULES,
        SUPPORTS_NOT_REPLACES,
        Action,
        Advice,
        AdviceCode,
        AdviceLevel,
        AgeBand,
        BlockScreen,
        Condition,
        Modification,
        Profile,
        Reason,
        RedFlag,
        Rule,
        SafetyPolicy,
        ScreenReport,
        SymptomReport,
        Trend,
        Verdict,
    )
    from upperback.safety.screen import screen
    from upperback.safety.triage import triage
    from upperback.serialize import (
        SCHEMA_VERSION,
        configure_converter,
        dumps,
        from_dict,
        json_schema,
        loads,
        make_converter,
        to_dict,
    )
    from upperback.sources import Reference, reference, references


# Routines, the catalog, safety and serialization load on first use (PEP 562),
# so that `import upperback` costs little more than attrs: apps that only read
# one part do not pay for every part. Type checkers see the imports above.
_LAZY: dict[str, str] = {
    "Reference": "upperback.sources",
    "reference": "upperback.sources",
    "references": "upperback.sources",
    "Catalog": "upperback.catalog",
    "default_catalog": "upperback.catalog",
    "SWITCH_SIDES_S": "upperback.routine",
    "TRANSITION_S": "upperback.routine",
    "Block": "upperback.routine",
    "Coverage": "upperback.routine",
    "DoseChange": "upperback.routine",
    "Routine": "upperback.routine",
    "ScaleResult": "upperback.routine",
    "Section": "upperback.routine",
    "SectionRole": "upperback.routine",
    "Side": "upperback.routine",
    "Step": "upperback.routine",
    "StepKind": "upperback.routine",
    "Structure": "upperback.routine",
    "Substitution": "upperback.routine",
    "SubstitutionResult": "upperback.routine",
    "CLINICIAN_RULE_ID": "upperback.safety",
    "DEFAULT_POLICY": "upperback.safety",
    "RULES": "upperback.safety",
    "SUPPORTS_NOT_REPLACES": "upperback.safety",
    "Action": "upperback.safety",
    "Advice": "upperback.safety",
    "AdviceCode": "upperback.safety",
    "AdviceLevel": "upperback.safety",
    "AgeBand": "upperback.safety",
    "BlockScreen": "upperback.safety",
    "Condition": "upperback.safety",
    "Modification": "upperback.safety",
    "Profile": "upperback.safety",
    "Reason": "upperback.safety",
    "RedFlag": "upperback.safety",
    "Rule": "upperback.safety",
    "SafetyPolicy": "upperback.safety",
    "ScreenReport": "upperback.safety",
    "SymptomReport": "upperback.safety",
    "Trend": "upperback.safety",
    "Verdict": "upperback.safety",
    "screen": "upperback.safety",
    "triage": "upperback.safety",
    "SCHEMA_VERSION": "upperback.serialize",
    "configure_converter": "upperback.serialize",
    "dumps": "upperback.serialize",
    "from_dict": "upperback.serialize",
    "json_schema": "upperback.serialize",
    "loads": "upperback.serialize",
    "make_converter": "upperback.serialize",
    "to_dict": "upperback.serialize",
}


def __getattr__(name: str) -> Any:
    if name == "__version__":
        # Read from the package metadata; importlib.metadata alone costs more
        # than attrs, so it is not imported until asked for.
        from importlib.metadata import version  # noqa: PLC0415

        return version("upperback")
    module = _LAZY.get(name)
    if module is None:
        message = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(message)
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY, "__version__"})


__all__ = [
    "CLINICIAN_RULE_ID",
    "DEFAULT_POLICY",
    "RULES",
    "SCHEMA_VERSION",
    "SUPPORTS_NOT_REPLACES",
    "SWITCH_SIDES_S",
    "THERABAND_COLOURS",
    "TRANSITION_S",
    "Action",
    "Advice",
    "AdviceCode",
    "AdviceLevel",
    "AgeBand",
    "BandLevel",
    "Benefit",
    "Block",
    "BlockScreen",
    "Catalog",
    "Chair",
    "Condition",
    "Coverage",
    "Doorway",
    "Dose",
    "DoseChange",
    "Exercise",
    "ExerciseKind",
    "Feature",
    "FoamRoller",
    "InvalidCatalog",
    "InvalidDocument",
    "InvalidValue",
    "Kit",
    "Laterality",
    "Level",
    "Mat",
    "Modification",
    "Movement",
    "Muscle",
    "NothingSafe",
    "Position",
    "Problem",
    "Profile",
    "Prop",
    "PropKind",
    "PropNeed",
    "Reason",
    "RedFlag",
    "Reference",
    "Region",
    "ResistanceBand",
    "Routine",
    "Rule",
    "SafetyPolicy",
    "ScaleResult",
    "ScreenReport",
    "Section",
    "SectionRole",
    "Side",
    "Source",
    "Step",
    "StepKind",
    "Structure",
    "Substitution",
    "SubstitutionResult",
    "SwissBall",
    "SymptomReport",
    "Towel",
    "Trend",
    "UnknownExercise",
    "UnknownReference",
    "UpperbackError",
    "Verdict",
    "Wall",
    "__version__",
    "configure_converter",
    "default_catalog",
    "dumps",
    "from_dict",
    "json_schema",
    "loads",
    "make_converter",
    "reference",
    "references",
    "screen",
    "to_dict",
    "triage",
]
