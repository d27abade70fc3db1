"""The shipped references, checked against the rules of the clinical fact sheet.

The fact sheet does not ship, so nothing here reads it: the tests check the
shipped ``references.json`` and every citation in the shipped code, data and
docs against the rules the sheet states in "How to read the sources":

- every key the library cites is in ``references.json``;
- no address is on a host of the kinds the sheet refuses even for a true fact
  (translation mirrors, bare IP addresses, AI answer sites, document dumps,
  blog mirrors, content farms, retailers), and every host is one reviewed
  here (a new source's host is added on purpose, with its kind);
- an address uses https wherever its host offers it;
- a primary source (a key without ``*``) lives on a host of a primary kind:
  the literature, a health service or guideline, a professional body, a
  university or the maker of the product; a secondary one carries ``*``.

A planted junk address fails each of these checks (the tests at the end).
"""

from __future__ import annotations

import copy
import importlib.util
import ipaddress
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import upperback as ub
from upperback import strategies as ubst
from upperback.safety import FINDINGS

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "src" / "upperback" / "data" / "references.json"
KEY = r"[A-Z][0-9]{1,2}[a-z]?\*?"

# -- the hosts --------------------------------------------------------------------

# Kinds the fact sheet refuses as a source, even for a true fact. A host is
# refused when it is, or ends with, one of these names.
DENIED: dict[str, tuple[str, ...]] = {
    "a translation mirror": ("ilovetranslation.com",),
    "an AI answer site": (
        "droracle.ai",
        "trainfitness.ai",
        "ai-bt.com",
        "iatrox.com",
        "paperexplained.cn",
    ),
    "a document dump": (
        "scribd.com",
        "coek.info",
        "pdfslide.us",
        "pdfslide.net",
        "flipbuilder.com",
        "studylib.net",
    ),
    "a blog mirror": ("blogspot.com", "blogg.se", "wordpress.com", "wixsite.com", "pages.dev"),
    "a content farm": (
        "searchbestresults.com",
        "answerbundle.com",
        "biologyinsights.com",
        "thenest.com",
        "healthguidedaily.com",
        "sportsrec.com",
        "fashioncoached.com",
    ),
    "a retailer": ("coolblue.nl", "amazon.com", "amazon.co.uk"),
}

# Hosts of the kinds a primary or authoritative source lives on.
PRIMARY: dict[str, tuple[str, ...]] = {
    "the literature": (
        "doi.org",
        "pubmed.ncbi.nlm.nih.gov",
        "www.ncbi.nlm.nih.gov",
        "pmc.ncbi.nlm.nih.gov",
        "bjsm.bmj.com",
        "cdnsciencepub.com",
        "journals.lww.com",
        "jssm.org",
        "link.springer.com",
        "www.frontiersin.org",
        "www2.mdpi.com",
        "www.medscape.com",  # the ACSM position stand as republished (A9)
    ),
    "a health service or guideline": (
        "nhs.uk",
        "nhs.wales",
        "heiw.wales",
        "cks.nice.org.uk",
        "chcpmsk.org.uk",
        "go4life.nia.nih.gov",
        "acsearch.acr.org",
    ),
    "a professional body": (
        "www.acsm.org",
        "www.acog.org",
        "www.acefitness.org",
        "www.bonehealthandosteoporosis.org",
        "theros.org.uk",
    ),
    "a university": ("ac.uk",),
    "a maker": (
        "swissball.com",
        "www.thera-bandacademy.com",
        "www.bodysportproducts.com",
        "support.performancehealth.com",
        "borgperception.se",  # the licensor of the Borg scales
    ),
}

# Hosts of reputable secondary sources (keys with "*").
SECONDARY: tuple[str, ...] = (
    "ahpsuffolk.co.uk",
    "providephysiotherapy.org.uk",
    "www.physio-pedia.com",
    "www.bupa.co.uk",
    "emedicine.medscape.com",
    "www.spine-health.com",
    "www.redwoodsgroup.com",
    "westpak.com",
    "www.peak-physio.com.au",
    "rebalancept.com",
    "pro.ideafit.com",
    "physiorehab.com",
    "physiohealth.com.au",
    "countyobgyn.com",
    "www.pelvichealthphysio.co.nz",
    "www.ehlers-danlos.org",
)

# The fact sheet lists these hosts with http only, and none of its addresses
# shows them serving https; re-check them when the sources are next re-read.
HTTP_ONLY = frozenset(
    {
        "www.thera-bandacademy.com",
        "www.redwoodsgroup.com",
        "move.bangor.ac.uk",
        "www.pelvichealthphysio.co.nz",
    }
)


def _on(host: str, names: tuple[str, ...]) -> bool:
    return any(host == name or host.endswith("." + name) for name in names)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def address_problems(key: str, url: str) -> list[str]:
    """What is wrong with one address of a reference, by the fact sheet's rules."""
    host = urlsplit(url).hostname or ""
    found = [f"{key}: {url} is on {kind}" for kind, names in DENIED.items() if _on(host, names)]
    if _is_ip(host):
        found.append(f"{key}: {url} is a bare IP address, not a publisher's name")
    primary = any(_on(host, names) for names in PRIMARY.values())
    if not (primary or _on(host, SECONDARY)) and not found:
        found.append(f"{key}: {url} is on a host no one has reviewed ({host})")
    if not key.endswith("*") and not primary:
        found.append(f"{key}: {url} is not on a host of a primary kind; is the key missing its *?")
    if url.startswith("http://") and host not in HTTP_ONLY:
        found.append(f"{key}: {url} must use https (its host offers it)")
    if not url.startswith(("https://", "http://")):
        found.append(f"{key}: {url} is not a web address")
    return found


def reference_problems(data: dict[str, Any]) -> list[str]:
    """Every problem of a references table, as ``references.json`` holds it."""
    found: list[str] = []
    for key, entry in data.items():
        if not re.fullmatch(KEY, key):
            found.append(f"{key!r} is not a citation key")
        if set(entry) != {"title", "urls"} or not entry["title"] or not entry["urls"]:
            found.append(f"{key}: must have a title and at least one address")
            continue
        for url in entry["urls"]:
            found += address_problems(key, url)
    return found


def shipped() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SHIPPED.read_text(encoding="utf-8"))
    return data


def test_the_shipped_references_keep_the_fact_sheets_rules() -> None:
    assert reference_problems(shipped()) == []


def test_the_http_only_hosts_offer_no_https_anywhere_in_the_table() -> None:
    hosts = {urlsplit(url).hostname for entry in shipped().values() for url in entry["urls"] if url}
    https = {
        urlsplit(url).hostname
        for entry in shipped().values()
        for url in entry["urls"]
        if url.startswith("https://")
    }
    assert hosts >= HTTP_ONLY  # a host no longer cited leaves the list
    assert not HTTP_ONLY & https


def test_the_host_lists_do_not_overlap() -> None:
    denied = {name for names in DENIED.values() for name in names}
    allowed = {name for names in PRIMARY.values() for name in names} | set(SECONDARY)
    assert not denied & allowed


# -- every key cited in what ships ------------------------------------------------

_CITED = re.compile(rf"\[({KEY})\]|\"({KEY})\"")
SHIPPED_TEXT = sorted(
    [
        *(
            path
            for path in (ROOT / "src" / "upperback").rglob("*")
            if path.suffix in {".py", ".json"} and path != SHIPPED
        ),
        *(ROOT / "docs").rglob("*.md"),
        *(ROOT / "docs" / "_ext").glob("*.py"),
        ROOT / "README.md",
    ]
)


@pytest.mark.parametrize("path", SHIPPED_TEXT, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_key_cited_in_the_shipped_text_is_a_reference(path: Path) -> None:
    # "[C1]" in a docstring, a doc or a reason; "C1" as a key in code or data.
    known = ub.references()
    cited = {
        (number, match[1] or match[2])
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for match in _CITED.finditer(line)
    }
    assert sorted((number, key) for number, key in cited if key not in known) == []


def _cited_in_text(text: str) -> set[str]:
    return set(re.findall(rf"\[({KEY})\]", text))


def test_every_key_the_library_cites_has_a_reference() -> None:
    cited: set[str] = set()
    for rule in ub.RULES:
        cited |= set(rule.sources) | _cited_in_text(rule.reason)
    for finding in FINDINGS:
        cited |= set(finding.sources)
    for flag in ub.RedFlag:
        cited |= set(flag.sources)
    for benefit in ub.Benefit:
        cited |= _cited_in_text(benefit.evidence)
    for text in ub.BALL_CARE:
        cited |= _cited_in_text(text)
    for exercise in ub.default_catalog():
        cited |= {source.key for source in exercise.sources}
        cited |= _cited_in_text(exercise.dose_note or "")
    assert cited
    assert sorted(key for key in cited if key not in ub.references()) == []


def test_every_exercise_source_address_is_one_of_its_references() -> None:
    for exercise in ub.default_catalog():
        for source in exercise.sources:
            assert source.url in ub.reference(source.key).urls, (exercise.id, source.key)


@settings(max_examples=50)
@given(ubst.symptom_reports(), ubst.safety_policies())
def test_every_reason_triage_gives_cites_known_sources(
    report: ub.SymptomReport, policy: ub.SafetyPolicy
) -> None:
    for reason in ub.triage(report, policy).reasons:
        for key in reason.sources:
            assert key in ub.references()


# -- planted junk is caught -------------------------------------------------------

JUNK = {
    "https://th4.ilovetranslation.com/JvDPocg_tO1=d": "a translation mirror",
    "http://47.251.13.51:8081/39614059": "a bare IP address",
    "https://[2001:db8::1]/record": "a bare IP address",
    "https://www.droracle.ai/articles/497276/upper-back-pain": "an AI answer site",
    "https://www.scribd.com/document/582205359/Art-Rheum-2008": "a document dump",
    "https://c.coek.info/download/exercise-therapy": "a document dump",
    "https://pdfslide.us/amp/technology/why-balls-fail.html": "a document dump",
    "https://online.flipbuilder.com/gvsc/zbgs/files/basic-html/page8.html": "a document dump",
    "http://gordsswimlog.blogspot.com/2015/01": "a blog mirror",
    "http://sitesnero.blogg.se/2022/october/linein.html": "a blog mirror",
    "https://searchbestresults.com/slideshow/health/11-daily-flexibility/3": "a content farm",
    "https://www.coolblue.nl/en/advice/inflate-fitness-ball.html": "a retailer",
}


@pytest.mark.parametrize(("url", "kind"), JUNK.items(), ids=list(JUNK.values()))
def test_a_planted_junk_address_fails_the_shipped_table(url: str, kind: str) -> None:
    for key in ("E6*", "V1"):  # a secondary and a primary source
        data = copy.deepcopy(shipped())
        data[key]["urls"].append(url)
        found = reference_problems(data)
        assert found, (key, url)
        assert any(url in problem and kind in problem for problem in found), found


def test_an_unreviewed_host_http_and_a_primary_key_on_a_secondary_host_fail() -> None:
    assert address_problems("X1*", "https://example.org/page") == [
        "X1*: https://example.org/page is on a host no one has reviewed (example.org)"
    ]
    assert address_problems("R3", "http://www.nhs.uk/conditions/back-pain/") == [
        "R3: http://www.nhs.uk/conditions/back-pain/ must use https (its host offers it)"
    ]
    # A secondary source cited as if it were primary: its key lacks the star.
    wiki = "https://www.physio-pedia.com/Thoracic_Back_Pain_Red_Flags"
    assert address_problems("R2", wiki) == [
        f"R2: {wiki} is not on a host of a primary kind; is the key missing its *?"
    ]
    assert address_problems("B7", "http://www.thera-bandacademy.com/faq") == []
    data = {"R3": {"title": "NHS", "urls": []}, "r3": {"title": "x", "urls": ["https://nhs.uk"]}}
    assert reference_problems(data) == [
        "R3: must have a title and at least one address",
        "'r3' is not a citation key",
    ]


# -- the generator -------------------------------------------------------------


def _tool() -> Any:
    spec = importlib.util.spec_from_file_location(
        "references_from_domain", ROOT / "tools" / "references_from_domain.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SHEET = """\
## 11. Sources (key → title / URL)

ACSM and guidelines
- A3 Garber CE, et al. 2011, Quantity and quality of exercise, Med Sci Sports Exerc \
43(7):1334–1359. doi:10.1249/MSS.0b013e318213fefb: https://doi.org/10.1249/MSS.0b013e318213fefb
- A4 Garber et al. 2011, ACSM PNF stretching parameters (flexibility table) (as A3)
- R8* Bupa UK health information, Upper back pain: https://www.bupa.co.uk/a ; \
http://www.bupa.co.uk/b
- B1* Spine-health (Veritas Health), Choosing the right exercise ball: \
http://www.spine-health.com/ball
- B7 Thera-Band Academy (manufacturer) FAQ: http://www.thera-bandacademy.com/faq; \
D1 Band colours: https://x.org/d1
## 12. Gaps
- A9 Not a source: https://ignored.org
"""


def test_the_tool_reads_the_sheets_sources_format() -> None:
    assert _tool().parse(SHEET) == {
        "A3": {
            "title": "Garber CE, et al. 2011, Quantity and quality of exercise, Med Sci Sports"
            " Exerc 43(7):1334–1359. doi:10.1249/MSS.0b013e318213fefb",
            "urls": ["https://doi.org/10.1249/MSS.0b013e318213fefb"],
        },
        # The same source as another key: its addresses.
        "A4": {
            "title": "Garber et al. 2011, ACSM PNF stretching parameters (flexibility table)"
            " (as A3)",
            "urls": ["https://doi.org/10.1249/MSS.0b013e318213fefb"],
        },
        # https where the sheet shows the host serving it, or the host is known to.
        "R8*": {
            "title": "Bupa UK health information, Upper back pain",
            "urls": ["https://www.bupa.co.uk/a", "https://www.bupa.co.uk/b"],
        },
        "B1*": {
            "title": "Spine-health (Veritas Health), Choosing the right exercise ball",
            "urls": ["https://www.spine-health.com/ball"],
        },
        "B7": {
            "title": "Thera-Band Academy (manufacturer) FAQ",
            "urls": ["http://www.thera-bandacademy.com/faq"],
        },
        "D1": {"title": "Band colours", "urls": ["https://x.org/d1"]},
    }


def test_the_shipped_table_is_a_fixed_point_of_the_tool() -> None:
    # Written back as a sources section, the shipped table parses to itself:
    # it is what the tool makes, not a hand edit in another shape.
    lines = [
        f"- {key} {entry['title']}: {' ; '.join(entry['urls'])}" for key, entry in shipped().items()
    ]
    text = "## 11. Sources\n" + "\n".join(lines) + "\n## 12. Gaps\n"
    assert _tool().parse(text) == shipped()


def test_the_tool_writes_the_table_from_the_sheet_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tool = _tool()
    sheet = tmp_path / "sheet.md"
    sheet.write_text(SHEET, encoding="utf-8")
    out = tmp_path / "references.json"
    monkeypatch.setattr(tool, "OUTPUT", out)
    assert tool.main([str(sheet)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == tool.parse(SHEET)
    assert tool.main([]) == 2
    assert "usage: python tools/references_from_domain.py" in capsys.readouterr().err


# -- the lookup -----------------------------------------------------------------


def test_reference_lookup() -> None:
    c1 = ub.reference("C1")
    assert c1.title == "Bone Health and Osteoporosis Foundation, Protecting your spine"
    assert not c1.is_secondary
    assert ub.reference("R2*").is_secondary
    assert ub.reference("C5").urls[0] == "https://doi.org/10.1097/AOG.0000000000003772"
    assert ub.references() is ub.references()
    with pytest.raises(TypeError):
        ub.references()["X1"] = c1  # type: ignore[index]


def test_an_unknown_key_suggests_close_ones() -> None:
    with pytest.raises(ub.UnknownReference) as info:
        ub.reference("R2")
    assert isinstance(info.value, KeyError)
    assert info.value.key == "R2"
    assert "R2*" in info.value.suggestions
    assert str(info.value).startswith("No source has the key 'R2'. Did you mean 'R2*'")
    with pytest.raises(ub.UnknownReference, match=r"^No source has the key 'Q0'\.$"):
        ub.reference("Q0")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"key": ""}, "key"),
        ({"title": ""}, "title"),
        ({"urls": ()}, "urls"),
        ({"urls": 3}, "urls"),
        ({"urls": ("ftp://x.org",)}, "urls[0]"),
        ({"urls": ("",)}, "urls[0]"),
    ],
)
def test_invalid_references(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(ub.InvalidValue) as info:
        ub.Reference(**{"key": "A1", "urls": ("https://a.org",), **changes})
    assert info.value.field == field


@given(st.sampled_from(sorted(ub.references())))
def test_every_reference_is_valid(key: str) -> None:
    found = ub.reference(key)
    assert found.key == key
    assert found.is_secondary is key.endswith("*")
    assert all(url.startswith(("https://", "http://")) for url in found.urls)
