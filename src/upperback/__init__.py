"""upperback: typed, validated building blocks for upper-back exercise routines.

The library models stretches and strengthening exercises, the props they use
(the Swiss ball above all), routines, progression and safety rules, for apps
that guide people through them. It supports clinicians and apps; it does not
replace a healthcare professional, and it makes no claim beyond the evidence
its sources give. Upper-back pain that does not ease within days should be
seen by a professional.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from upperback.anatomy import Muscle, Region
from upperback.catalog import Catalog, default_catalog
from upperback.dose import Dose
from upperback.errors import (
    InvalidCatalog,
    InvalidDocument,
    InvalidValue,
    NothingSafe,
    Problem,
    UnknownExercise,
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
    screen,
    triage,
)
from upperback.serialize import (
    SCHEMA_VERSION,
    configure_converter,
    dumps,
    from_dict,
    loads,
    make_converter,
    to_dict,
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

try:
    __version__ = version("upperback")
except PackageNotFoundError:  # pragma: no cover - only when run from a bare source tree
    __version__ = "0+unknown"

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
    "UpperbackError",
    "Verdict",
    "Wall",
    "__version__",
    "configure_converter",
    "default_catalog",
    "dumps",
    "from_dict",
    "loads",
    "make_converter",
    "screen",
    "to_dict",
    "triage",
]
