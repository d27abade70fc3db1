"""The loading edge: each hostile document found in review, refused with one clear error.

Every test here is a regression test for a document that once escaped as a
bare Python exception, was read silently wrong, or was reported badly.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import attrs
import cattrs
import pytest
from hypothesis import given, settings

import upperback as ub
from upperback import strategies as ust
from upperback._codec import envelope, walk
from upperback.catalog import model as catalog_model
from upperback.interop import free_exercise_db
from upperback.serialization import DOCUMENT_KINDS

SAVED = Path(__file__).parent / "documents" / "v1"


def saved(kind: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SAVED / f"{kind}.json").read_text(encoding="utf-8"))
    return data


def problems_of_text(text: str | bytes, **kwargs: Any) -> list[str]:
    with pytest.raises(ub.InvalidDocument) as info:
        ub.loads(text, **kwargs)
    return [str(problem) for problem in info.value.problems]


def problems_of(document: Any, **kwargs: Any) -> list[str]:
    with pytest.raises(ub.InvalidDocument) as info:
        ub.from_dict(document, **kwargs)
    return [str(problem) for problem in info.value.problems]


def routine_with(change: dict[str, Any], where: str = "exercise") -> dict[str, Any]:
    """The saved routine with a change to its first block's exercise (or dose)."""
    document = saved("routine")
    block = document["data"]["sections"][0]["blocks"][0]
    block[where] = {**block[where], **change}
    return document


FIRST_EXERCISE = "$.data.sections[0].blocks[0].exercise"

# -- bare Python exceptions --------------------------------------------------------


def test_deep_nesting_is_refused_not_a_recursion_error() -> None:
    assert problems_of_text("[" * 10_000 + "]" * 10_000) == ["$: nests more than 64 levels deep"]
    text = json.dumps(saved("dose")).replace('"sets": 3', '"sets": ' + "[" * 5000 + "]" * 5000)
    assert problems_of_text(text) == ["$: nests more than 64 levels deep"]


def test_nesting_deeper_than_a_lower_limit_is_refused() -> None:
    text = json.dumps({"upperback": 1, "kind": "kit", "data": {"props": [[[[]]]]}})
    assert problems_of_text(text, limits=ub.Limits(max_depth=4)) == [
        "$: nests more than 4 levels deep"
    ]
    assert problems_of_text(text) == [
        "$.data.props[0]: must be an object with a 'type' key (got [[[]]])"
    ]


def test_an_integer_of_thousands_of_digits_is_refused() -> None:
    text = json.dumps(saved("dose")).replace('"sets": 3', '"sets": ' + "9" * 5000)
    assert problems_of_text(text) == ["$: holds an integer of more than 20 digits"]
    text = json.dumps(saved("dose")).replace('"sets": 3', '"sets": ' + "9" * 30)
    assert problems_of_text(text) == ["$.data.sets: must be an integer of at most 20 digits"]


@pytest.mark.parametrize("kind", [[], {}, 3, None, "ROUTINE"])
def test_an_envelope_kind_of_any_type_is_an_error(kind: object) -> None:
    (problem,) = problems_of({"upperback": 1, "kind": kind, "data": {}})
    assert problem.startswith(f"$.kind: must be one of {', '.join(sorted(DOCUMENT_KINDS))} (got ")


@pytest.mark.parametrize("kind", [[], {}, 3, None, "workout"])
def test_json_schema_of_a_non_kind_is_an_invalid_value(kind: object) -> None:
    with pytest.raises(ub.InvalidValue, match="must be one of"):
        ub.json_schema(kind)  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", sorted(DOCUMENT_KINDS))
@pytest.mark.parametrize("data", [[], "x", 3, None, True])
def test_data_that_is_not_an_object_is_an_error_for_every_kind(kind: str, data: object) -> None:
    (problem,) = problems_of({"upperback": 1, "kind": kind, "data": data})
    assert problem.startswith("$.data: must be an object of ")


def test_from_dict_with_keys_that_are_not_text() -> None:
    # YAML readers make these: `1: x`, `true: y`, `null: z`.
    assert problems_of({"upperback": 1, "kind": "dose", "data": {"reps": 2, 1: "x"}}) == [
        "$.data: must have text keys only (got 1)"
    ]
    assert problems_of({"upperback": 1, "kind": "dose", "data": {"reps": 2}, None: 1}) == [
        "$: must have text keys only (got null)"
    ]


def test_free_exercise_db_files_go_through_the_same_edge(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 10_000 + "]" * 10_000, encoding="utf-8")
    latin = tmp_path / "latin.json"
    latin.write_bytes('[{"name": "Épaule"}]'.encode("latin-1"))
    repeated = tmp_path / "repeated.json"
    repeated.write_text('[{"id": "a", "id": "b"}]', encoding="utf-8")
    surrogate = tmp_path / "surrogate.json"
    surrogate.write_text('[{"name": "\\ud800"}]', encoding="utf-8")
    expected = {
        surrogate: "$: holds a lone surrogate escape (\\uD800 to \\uDFFF), not text",
        deep: "$: nests more than 64 levels deep",
        latin: "$: is not UTF-8 text (a byte 0xc9 at offset 11)",
        repeated: '$: repeats the key "id" in one object',
    }
    for path, problem in expected.items():
        with pytest.raises(ub.InvalidDocument) as info:
            free_exercise_db.load(path)
        assert [str(p) for p in info.value.problems] == [problem]
        assert str(info.value).startswith("Invalid free-exercise-db file")


# -- read silently wrong -------------------------------------------------------------


def test_an_object_where_an_array_belongs_is_not_read_as_its_keys() -> None:
    profile = saved("profile")
    profile["data"]["conditions"] = {"osteoporosis": 1}
    assert problems_of(profile) == [
        '$.data.conditions: must be a set: an array of different items (got {"osteoporosis": 1})'
    ]
    # Safety features read as "none" would let a contraindicated exercise through.
    assert problems_of(routine_with({"features": {}})) == [
        f"{FIRST_EXERCISE}.features: must be a set: an array of different items (got {{}})"
    ]


def test_a_string_where_an_array_of_strings_belongs_is_not_split() -> None:
    routine = saved("routine")
    routine["data"]["tags"] = "desk"
    assert problems_of(routine) == [
        '$.data.tags: must be a set: an array of different items (got "desk")'
    ]
    assert problems_of(routine_with({"cues": "Sit tall."})) == [
        f'{FIRST_EXERCISE}.cues: must be an array (got "Sit tall.")'
    ]
    report = saved("screen_report")
    rule = next(screen["rules"][0] for screen in report["data"]["blocks"] if screen.get("rules"))
    rule["sources"] = "R3"
    (problem,) = problems_of(report)
    assert problem.endswith('.sources: must be an array (got "R3")')


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('{"upperback": 1, "kind": "dose", "kind": "kit", "data": {}}', "kind"),
        ('{"upperback": 1, "kind": "dose", "data": {"reps": 1, "reps": 99}}', "reps"),
        (
            '{"upperback": 1, "kind": "kit", "data": {"props": [{"type": "mat", "type": "wall"}]}}',
            "type",
        ),
    ],
)
def test_a_repeated_key_is_refused_at_every_level(text: str, key: str) -> None:
    assert problems_of_text(text) == [f'$: repeats the key "{key}" in one object']


def test_a_lone_surrogate_is_refused() -> None:
    escaped = '{"upperback": 1, "kind": "routine", "data": {"id": "a", "title": "\\ud800"}}'
    assert problems_of_text(escaped) == [
        '$.data.title: must be text without lone surrogates (got "\\ud800")',
        "$.data.sections: is required",
    ]
    raw = '{"upperback": 1, "kind": "routine", "data": {"id": "a", "title": "\ud800"}}'
    assert problems_of_text(raw) == [
        '$.data.title: must be text without lone surrogates (got "\\ud800")',
        "$.data.sections: is required",
    ]
    # Bytes cannot hold one: they are not UTF-8.
    assert problems_of_text(raw.encode("utf-8", "surrogatepass")) == [
        "$: is not UTF-8 text (a byte 0xed at offset 66)"
    ]
    routine = saved("routine")
    routine["data"]["title"] = "Desk \udfff"
    assert problems_of(routine) == [
        '$.data.title: must be text without lone surrogates (got "Desk \\udfff")'
    ]
    # A proper pair, escaped, is text like any other.
    pair = saved("routine")
    pair["data"]["title"] = "Desk \U0001f600"
    assert ub.loads(json.dumps(pair)).title == "Desk \U0001f600"  # type: ignore[attr-defined]


def test_a_repeated_item_given_to_a_set_as_a_tuple_is_an_error() -> None:
    routine = saved("routine")
    routine["data"]["tags"] = ("desk", "desk")
    assert problems_of(routine) == ['$.data.tags[1]: must not repeat an earlier item (got "desk")']


def test_nan_and_infinity_are_not_json() -> None:
    text = '{"upperback": 1, "kind": "dose", "data": {"reps": NaN}}'
    assert problems_of_text(text) == ["$: holds NaN, which is not a JSON number"]
    text = '{"upperback": 1, "kind": "dose", "data": {"reps": 1e400}}'
    assert problems_of_text(text) == ["$.data.reps: must be an integer (got NaN)"]


# -- messages ------------------------------------------------------------------------


def test_a_huge_value_is_cut_to_an_excerpt() -> None:
    routine = saved("routine")
    routine["data"]["title"] = "x" * 1_000_000
    (problem,) = problems_of(routine, limits=ub.Limits(max_str_length=2_000_000))
    assert len(problem) < 250
    assert '(got "xxxxxxxxxx' in problem
    assert "(1000000 characters)" in problem
    (problem,) = problems_of(routine)
    assert problem == "$.data.title: must be at most 10000 characters (got 1000000)"


@pytest.mark.parametrize(
    ("value", "shown"),
    [(True, "true"), (None, "null"), ([], "[]"), ({}, "{}"), ("2", '"2"'), (2.5, "2.5")],
)
def test_values_are_shown_in_json_form(value: object, shown: str) -> None:
    assert problems_of({"upperback": 1, "kind": "dose", "data": {"reps": 1, "sets": value}}) == [
        f"$.data.sets: must be an integer (got {shown})"
    ]


def test_parse_errors_are_in_the_librarys_words() -> None:
    assert problems_of_text('{"upperback": 1,}') == [
        "$: is not valid JSON: a key must be text in double quotes (line 1, column 17)"
    ]
    assert problems_of_text('{"upperback": 1} x') == [
        "$: is not valid JSON: text follows the end of the document (line 1, column 18)"
    ]


# -- every problem, with its path into the document --------------------------------


def test_sibling_problems_are_all_reported() -> None:
    routine = saved("routine")
    blocks = routine["data"]["sections"][1]["blocks"]
    blocks[0]["dose"] = {"sets": "2", "reps": 5}
    blocks[1]["exercise"]["targets"] = ["rhomboids", "rhomboids"]
    blocks[1]["exercise"]["level"] = "hard"
    routine["data"]["tags"] = ["a", "a"]
    routine["data"]["extra"] = 1
    assert problems_of(routine) == [
        '$.data.sections[1].blocks[0].dose.sets: must be an integer (got "2")',
        (
            "$.data.sections[1].blocks[1].exercise.targets[1]: must not repeat an earlier item"
            ' (got "rhomboids")'
        ),
        '$.data.sections[1].blocks[1].exercise.level: must be one of 1, 2, 3, 4, 5 (got "hard")',
        '$.data.tags[1]: must not repeat an earlier item (got "a")',
        (
            "$.data.extra: is not a field of Routine (its fields are id, title, sections,"
            " sessions_per_week, tags, notes)"
        ),
    ]


def test_catalog_problems_point_into_the_document_as_sent() -> None:
    catalog = saved("catalog")
    exercises = catalog["data"]["exercises"]
    exercises.reverse()  # ids no longer in order: the paths must follow the document
    linked = 1
    exercises[linked]["harder"] = "no-such-exercise"
    exercises.append(dict(exercises[0]))
    found = problems_of(catalog)
    assert f"$.data.exercises[{linked}].harder" in {p.partition(": ")[0] for p in found}
    assert any(
        p.startswith(f"$.data.exercises[{len(exercises) - 1}]: is the id of 2") for p in found
    )
    assert not any("['" in p for p in found)


def test_an_array_over_the_limit_is_refused_before_it_is_read() -> None:
    routine = saved("routine")
    routine["data"]["sections"] = [None] * 10_001
    assert problems_of(routine) == ["$.data.sections: must have at most 10000 items (got 10001)"]
    assert problems_of(saved("routine"), limits=ub.Limits(max_items=2)) != []


def test_the_text_over_the_size_limit_is_refused_unread() -> None:
    text = json.dumps(saved("routine"))
    assert problems_of_text(text, limits=ub.Limits(max_bytes=100)) == [
        f"$: must be at most 100 bytes of JSON (got {len(text)} bytes)"
    ]
    assert problems_of_text(text.encode(), limits=ub.Limits(max_bytes=100)) == [
        f"$: must be at most 100 bytes of JSON (got {len(text)} bytes)"
    ]


def test_problems_past_the_limit_are_counted_not_listed() -> None:
    data = {f"key{i}": i for i in range(30)}
    with pytest.raises(ub.InvalidDocument) as info:
        ub.from_data({"reps": 1, **data}, "dose", limits=ub.Limits(max_problems=5))
    assert len(info.value.problems) == 6
    assert str(info.value.problems[-1]) == "$: has 25 more problems, not listed"


@pytest.mark.parametrize("name", [f.name for f in attrs.fields(ub.Limits)])
@pytest.mark.parametrize("value", [0, -1, True, 1.5, 10**12])
def test_limits_are_validated(name: str, value: object) -> None:
    arguments: dict[str, Any] = {name: value}
    with pytest.raises(ub.InvalidValue, match=name):
        ub.Limits(**arguments)


def test_the_default_limits_hold_a_catalog_of_ten_thousand_exercises() -> None:
    exercise = saved("exercise")["data"]
    exercises = [{**exercise, "id": f"exercise-{i}"} for i in range(10_000)]
    for item in exercises:
        item.pop("easier", None)
        item.pop("harder", None)
    text = json.dumps({"upperback": 1, "kind": "catalog", "data": {"exercises": exercises}})
    assert len(ub.loads(text, ub.Catalog)) == 10_000


# -- bare data, and problems as data -------------------------------------------------


def test_from_data_reads_a_request_body_with_paths_from_it() -> None:
    dose = ub.from_data({"sets": 2, "reps": 12}, ub.Dose)
    assert dose == ub.Dose(sets=2, reps=12)
    assert ub.from_data({"reps": 1}, "dose") == ub.Dose(reps=1)
    with pytest.raises(ub.InvalidDocument) as info:
        ub.from_data({"sets": 2, "reps": True, "hold_s": "x"}, "dose")
    assert info.value.to_list() == [
        {"path": "$.reps", "message": "must be an integer (got true)"},
        {"path": "$.hold_s", "message": 'must be an integer (got "x")'},
    ]
    details = info.value.to_problem_details()
    assert details["status"] == 422
    assert details["errors"][0] == {
        "path": "$.reps",
        "pointer": "/reps",
        "detail": "must be an integer (got true)",
    }
    json.dumps(details)  # plain data


@pytest.mark.parametrize("kind", ["workout", ub.Towel, 3])
def test_from_data_of_a_non_kind_is_an_invalid_value(kind: Any) -> None:
    with pytest.raises(ub.InvalidValue, match="must be one of"):
        ub.from_data({}, kind)


def test_problem_pointers() -> None:
    problem = ub.Problem(path='$.data.sections[2]["a/b~c"]', message="x")
    assert problem.pointer == "/data/sections/2/a~1b~0c"
    assert ub.Problem(path="$", message="x").pointer == ""


# -- linear catalog checks ---------------------------------------------------------


class CountingIndex(dict[str, ub.Exercise]):
    """A catalog index that counts every lookup."""

    lookups = 0

    def get(self, key: Any, default: Any = None) -> Any:
        CountingIndex.lookups += 1
        return super().get(key, default)

    def __getitem__(self, key: str) -> ub.Exercise:
        CountingIndex.lookups += 1
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        CountingIndex.lookups += 1
        return super().__contains__(key)


def chain(n: int) -> tuple[ub.Exercise, ...]:
    base = ub.default_catalog()["cat-camel"]
    ids = [f"step-{i}" for i in range(n)]
    return tuple(
        attrs.evolve(
            base,
            id=ids[i],
            easier=ids[i - 1] if i else None,
            harder=ids[i + 1] if i + 1 < n else None,
        )
        for i in range(n)
    )


def lookups(exercises: tuple[ub.Exercise, ...]) -> int:
    CountingIndex.lookups = 0
    catalog_model._problems(exercises, CountingIndex((e.id, e) for e in exercises))
    return CountingIndex.lookups


def test_checking_a_long_chain_is_linear() -> None:
    small, large = lookups(chain(200)), lookups(chain(800))
    assert large <= 4.5 * small
    assert large <= 10 * 800


def test_checking_many_dangling_links_is_linear(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = difflib.get_close_matches

    def counted(word: str, *args: Any, **kwargs: Any) -> list[str]:
        calls.append(word)
        return real(word, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    base = ub.default_catalog()["cat-camel"]
    dangling = [attrs.evolve(base, id=f"lone-{i}", harder=f"gone-{i}") for i in range(1_500)]
    with pytest.raises(ub.InvalidCatalog) as info:
        ub.Catalog(exercises=dangling)
    assert len(info.value.problems) == 1_500
    assert len(calls) == catalog_model.MAX_HINTS
    assert lookups(tuple(dangling)) <= 10 * 1_500


def test_a_cycle_is_still_found_once() -> None:
    looped = list(chain(5))
    looped[0] = attrs.evolve(looped[0], easier="step-4")
    looped[4] = attrs.evolve(looped[4], harder="step-0")
    with pytest.raises(ub.InvalidCatalog) as info:
        ub.Catalog(exercises=looped)
    assert [str(p) for p in info.value.problems if "cycle" in p.message] == [
        (
            "exercises['step-0'].harder: makes a cycle: step-0 -> step-1 -> step-2 -> step-3"
            " -> step-4 -> step-0"
        )
    ]


# -- configure_converter --------------------------------------------------------------


@attrs.frozen
class Visit:
    """An app's own class, with types upperback has no business with."""

    days: frozenset[dt.date]
    dose: ub.Dose
    order: tuple[int, ...] = ()


def test_configure_converter_leaves_the_apps_own_types_alone() -> None:
    converter = cattrs.Converter()
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook(dt.date, lambda value, _: dt.date.fromisoformat(value))
    ub.configure_converter(converter)
    visit = Visit(days=frozenset({dt.date(2026, 1, 2)}), dose=ub.Dose(reps=3), order=(2, 1))
    data = converter.unstructure(visit)
    assert data["days"] == {"2026-01-02"} or data["days"] == ["2026-01-02"]
    assert data["dose"] == {"reps": 3}
    assert data["order"] == (2, 1) or data["order"] == [2, 1]
    assert converter.structure({**data, "days": ["2026-01-02"]}, Visit) == visit
    # cattrs' own lenience is the app's choice, and stays.
    assert converter.structure("3", int) == 3


# -- one rule for enums across the public API -----------------------------------------

SAME: Any = "same"
STRENGTHENING: Any = "strengthening"
THREE: Any = 3


@pytest.mark.parametrize(
    ("make", "listed"),
    [
        (lambda: ub.SymptomReport(days_since_onset=1, trend=SAME), "Trend.SAME"),
        (lambda: ub.Profile(conditions={"osteoporosis"}), "Condition.OSTEOPOROSIS"),
        (lambda: ub.default_catalog().where(kind=STRENGTHENING), "ExerciseKind.STRENGTHENING"),
        (lambda: ub.Dose(reps=1, band_level=THREE), "BandLevel.MEDIUM"),
    ],
)
def test_the_python_api_takes_enum_members_not_their_values(make: Any, listed: str) -> None:
    with pytest.raises(ub.InvalidValue) as info:
        make()
    assert listed in str(info.value)
    assert " a E" not in str(info.value)  # "an ExerciseKind", never "a ExerciseKind"


def test_documents_take_enum_values_everywhere() -> None:
    report = ub.from_data({"days_since_onset": 1, "trend": "same"}, ub.SymptomReport)
    assert report.trend is ub.Trend.SAME
    profile = ub.from_data({"conditions": ["osteoporosis"]}, ub.Profile)
    assert profile.conditions == {ub.Condition.OSTEOPOROSIS}


@pytest.mark.parametrize("height", [178, 178.5, 154.94, 100, 250])
def test_a_profile_takes_every_height_the_ball_sizer_takes(height: float) -> None:
    ball = ub.SwissBall.for_height(height)
    profile = ub.Profile(height_cm=height)
    assert profile.height_cm == height
    assert ub.loads(ub.dumps(profile)) == profile
    assert ub.SwissBall.for_height(profile.height_cm) == ball


@pytest.mark.parametrize("height", [99.9, 250.5, float("nan"), float("inf"), True, "178"])
def test_a_profile_refuses_every_height_the_ball_sizer_refuses(height: Any) -> None:
    with pytest.raises(ub.InvalidValue):
        ub.SwissBall.for_height(height)
    with pytest.raises(ub.InvalidValue):
        ub.Profile(height_cm=height)


def test_first_loads_from_many_threads_agree() -> None:
    # A new set of limits builds its reading functions on first use, under a lock.
    limits = ub.Limits(max_problems=77)
    text = (SAVED / "screen_report.json").read_text(encoding="utf-8")
    with ThreadPoolExecutor(8) as pool:
        loaded = list(pool.map(lambda _: ub.loads(text, limits=limits), range(32)))
    assert all(value == loaded[0] for value in loaded)


def test_mappings_and_sequences_from_yaml_readers_are_read() -> None:
    # Round-trip YAML readers give dict and list subclasses (ruamel's CommentedMap).
    class Mapping(dict[str, Any]):
        pass

    class Sequence(list[Any]):
        pass

    document = Mapping(upperback=1, kind="kit", data=Mapping(props=Sequence([Mapping(type="mat")])))
    assert ub.from_dict(document) == ub.Kit.of(ub.Mat())


def test_the_importer_skips_lone_surrogates_and_shows_excerpts() -> None:
    entry = {
        "id": "Band_Row",
        "name": "Band \ud800 row",
        "category": "strength",
        "level": "beginner",
        "equipment": "bands",
        "primaryMuscles": ["middle back"],
        "instructions": ["Pull."],
    }
    catalog, skipped = free_exercise_db.load([entry, {**entry, "instructions": "x" * 100_000}])
    assert len(catalog) == 0
    assert skipped[0].reason.startswith("malformed: 'name' holds a lone surrogate")
    assert len(skipped[1].reason) < 200


def test_a_migration_that_cannot_read_the_data_is_a_problem(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(envelope, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(envelope.MIGRATIONS, ("dose", 1), lambda data: {**data, "x": data["sets"]})
    assert problems_of({"upperback": 1, "kind": "dose", "data": []}) == [
        "$.data: cannot be upgraded from schema 1: it is not that schema's shape"
    ]


@settings(max_examples=30)
@given(ust.documents())
def test_the_fast_reader_and_the_general_one_agree(text: str) -> None:
    document = json.loads(text)
    cls = DOCUMENT_KINDS[document["kind"]]
    general = walk._Codec(ub.Limits())

    def general_only(*args: Any) -> Any:
        return args[-1]  # the general loop, which the fast path would wrap

    general._fast = general_only  # type: ignore[method-assign,assignment]
    assert general.get(cls)(document["data"]) == ub.from_dict(document)
    assert general.get(cls) is not walk._codec(ub.Limits()).get(cls)
