"""Tests for accord/citation_find.py and the data in accord/citation_patterns.yml.

Table-driven, as in freelawproject/reporters-db: every pattern finds each of its
examples with the expected fields, none of its non-examples; plus structural rules on
the data, properties of the Arabic number order, and the real citations of the four
seed texts (sources/, byte-identical to the seeds), each with the body it must resolve to.
"""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
PATTERNS = ROOT / "accord" / "citation_patterns.yml"
SEEDS = ROOT / "sources"   # the seed texts, kept byte for byte as received


from accord import citation_find as citations  # noqa: E402

find_citations = citations.find_citations
resolve_body = citations.resolve_body

DATA = yaml.safe_load(PATTERNS.read_text(encoding="utf-8"))
TABLE = citations.load_patterns()
LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
NOT_UN_GA = {"itu-pp", "itu-council", "untoc-cop", "interpol-ga"}
ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"


def arabic_indic(n: int) -> str:
    return "".join(ARABIC_INDIC[int(d)] for d in str(n))


def _raw_patterns():
    """(group, raw pattern) for every pattern in the data, `common` included."""
    for group, content in DATA["languages"].items():
        for raw in content.get("patterns", []):
            yield group, raw


def _example_cases():
    """(lang, pattern id, example): common examples run in every language."""
    for group, raw in _raw_patterns():
        langs = LANGUAGES if group == citations.COMMON else (group,)
        for lang in langs:
            for example in raw.get("examples", []):
                if lang not in example.get("lang", langs):
                    continue
                yield pytest.param(lang, raw["id"], example, id=f"{lang}/{raw['id']}:{example['text']}")


def _non_example_cases():
    for group, raw in _raw_patterns():
        langs = LANGUAGES if group == citations.COMMON else (group,)
        for lang in langs:
            for text in raw.get("non_examples", []):
                yield pytest.param(lang, raw["id"], text, id=f"{lang}/{raw['id']}:{text}")


def _check(found, expected, where):
    """Compare citations with expected field subsets (a mapping or a list of them)."""
    expected = expected if isinstance(expected, list) else [expected]
    got = [
        {"id": c.id, "body": c.body, "kind": c.kind, "symbol": c.symbol, "text": c.text,
         "paragraph": c.paragraph, "candidates": list(c.candidates)}
        for c in found
    ]
    assert len(got) == len(expected), f"{where}: expected {expected}, got {got}"
    for one, want in zip(got, expected):
        subset = {key: one[key] for key in want}
        assert subset == want, f"{where}: expected {want}, got {one}"


# --------------------------------------------------------------------------- the data


def test_doctests():
    failures, tried = doctest.testmod(citations)
    assert tried > 0 and failures == 0


def test_every_language_is_present():
    assert set(TABLE.languages) == set(LANGUAGES)


@pytest.mark.parametrize("group,raw", list(_raw_patterns()),
                         ids=lambda v: v if isinstance(v, str) else v["id"])
def test_pattern_schema(group, raw):
    bodies = set(DATA["bodies"])
    assert raw["kind"] in citations.KINDS
    assert raw["body"] in bodies | {citations.AMBIGUOUS}
    if raw["body"] == citations.AMBIGUOUS:
        assert raw.get("candidates"), "an ambiguous pattern lists its candidate bodies"
    assert set(raw.get("candidates", [])) <= bodies
    assert raw.get("examples"), "every pattern has examples"
    assert "normalize" in raw


def test_pattern_ids_unique_per_group():
    for group, content in DATA["languages"].items():
        ids = [raw["id"] for raw in content.get("patterns", [])]
        assert len(ids) == len(set(ids)), group


def test_every_language_covers_ga_symbols_and_articles():
    for lang in LANGUAGES:
        patterns = TABLE.patterns[lang]

        def has(kind, body):
            return any(p.kind == kind and (p.body == body or body in p.candidates) for p in patterns)

        assert has("resolution", "un-ga"), lang
        assert has("decision", "un-ga"), lang
        assert has("document", "un-doc"), lang
        assert has("article", "same-instrument"), lang
        own = DATA["languages"][lang]["patterns"]
        assert any(raw["kind"] == "resolution" and raw["body"] == "un-ga" for raw in own), \
            f"{lang}: no own pattern for a GA resolution cited by number"


def test_arabic_session_number_patterns_are_reversed():
    """Every Arabic session/number pattern declares the UN Arabic order; no other does."""
    for group, raw in _raw_patterns():
        uses_sn = "$sn" in raw["regex"] or "$sn" in raw.get("item", "")
        if group == "ar" and uses_sn:
            assert raw.get("reversed_number") is True, raw["id"]
        if group != "ar":
            assert not raw.get("reversed_number"), (group, raw["id"])


def test_unknown_variable_is_an_error():
    with pytest.raises(ValueError, match=r"\$nope"):
        citations.expand("resolution $nope", {})


# --------------------------------------------------------------------------- examples


@pytest.mark.parametrize("lang,pattern_id,example", list(_example_cases()))
def test_examples(lang, pattern_id, example):
    found = find_citations(example["text"], lang)
    assert found, f"{lang}/{pattern_id} found nothing in {example['text']!r}"
    assert {c.pattern.split("/", 1)[1] for c in found} == {pattern_id}, \
        f"{example['text']!r} was taken by {[c.pattern for c in found]}"
    _check(found, example["expect"], f"{lang}/{pattern_id}")


@pytest.mark.parametrize("lang,pattern_id,text", list(_non_example_cases()))
def test_non_examples(lang, pattern_id, text):
    found = find_citations(text, lang)
    assert not [c for c in found if c.pattern == f"{lang}/{pattern_id}"], found


@pytest.mark.parametrize("text", ["2016/11", "1/2 of the text", "I-24/7",
                                  "https://undocs.org/en/A/RES/71/19", "24/7 service",
                                  "www.itu.int/plenipotentiary/"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_citation_in_plain_numbers_and_urls(lang, text):
    assert find_citations(text, lang) == []


# --------------------------------------------------------------------------- properties


@settings(max_examples=300, deadline=None)
@given(session=st.integers(1, 80), number=st.integers(1, 400))
def test_arabic_number_is_never_reversed(session, number):
    text = "القرار " + arabic_indic(number) + "/" + arabic_indic(session)
    (found,) = find_citations(text, "ar")
    assert found.id == f"{session}/{number}"
    assert found.parts["session"] == str(session) and found.parts["number"] == str(number)
    resolved = resolve_body(found, "un-ga")
    if resolved.body == "un-ga":
        assert resolved.symbol == f"A/RES/{session}/{number}"


@settings(max_examples=100, deadline=None)
@given(session=st.integers(31, 80), number=st.integers(1, 400))
def test_arabic_ga_resolution_symbol(session, number):
    text = "قرار الجمعية العامة " + arabic_indic(number) + "/" + arabic_indic(session)
    (found,) = find_citations(text, "ar")
    assert (found.body, found.id, found.symbol) == (
        "un-ga", f"{session}/{number}", f"A/RES/{session}/{number}")


ITU_INTERPOL_UNTOC_TEXTS = {
    "en": ["Council Decision {n}", "Resolution {n} (Rev. Busan, 2014)", "Decision {n}",
           "Conference resolution {s}/{k}", "resolution AG-2017-RES-{k:02}",
           "General Assembly resolution No. {k} (86th session)"],
    "zh": ["理事会第{n}号决定", "第{n}号决定", "第{n}号决议（2014年，釜山，修订版）",
           "缔约方会议第{s}/{k}号决议", "全体大会通过了第{k}号决议", "第{n}号决议"],
    "fr": ["Décision {n} du Conseil", "Résolution {n} (Rév. Busan, 2014)",
           "résolution {s}/{k} de la Conférence"],
    "es": ["Decisión {n} del Consejo", "Resolución {n} (Rev. Busan, 2014)",
           "resolución {s}/{k} de la Conferencia de las Partes"],
    "ru": ["Решение {n} Совета", "Резолюция {n} (Пересм. Пусан, 2014 г.)",
           "резолюция {s}/{k} Конференции Участников"],
    "ar": ["مقرر المجلس {n}", "المقرر {n}", "القرار {n} (المراجَع في بوسان، 2014)"],
}


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 999), s=st.integers(1, 80), k=st.integers(1, 30),
       context=st.sampled_from([None, "un-ga", "untoc-cop", "itu-pp", "itu-council", "interpol-ga"]))
def test_other_bodies_never_become_un_ga(n, s, k, context):
    """ITU, UNTOC and INTERPOL instruments never get body un-ga, whatever the context."""
    for lang, templates in ITU_INTERPOL_UNTOC_TEXTS.items():
        for template in templates:
            text = template.format(n=n, s=s, k=k)
            found = find_citations(text, lang)
            assert len(found) == 1, (lang, text, found)
            assert found[0].body in NOT_UN_GA | {None}, (lang, text, found)
            assert "un-ga" not in found[0].candidates, (lang, text, found)
            assert resolve_body(found[0], context).body != "un-ga", (lang, text, context)


@pytest.mark.parametrize("group,raw", [(g, r) for g, r in _raw_patterns() if r["body"] in NOT_UN_GA],
                         ids=lambda v: v if isinstance(v, str) else v["id"])
def test_examples_of_other_bodies_never_un_ga(group, raw):
    langs = LANGUAGES if group == citations.COMMON else (group,)
    for lang in langs:
        for example in raw["examples"]:
            for found in find_citations(example["text"], lang):
                for context in [None, *DATA["context"]]:
                    assert resolve_body(found, context).body != "un-ga", (lang, example, context)


def test_ambiguous_bare_citations_stay_ambiguous():
    for lang, text in [("en", "resolution 8/1"), ("en", "decision 598"), ("zh", "第590号决定"),
                       ("fr", "résolution 8/1"), ("ru", "резолюции 8/1"), ("ar", "القرار ١/٨")]:
        (found,) = find_citations(text, lang)
        assert found.body is None and found.symbol is None, (lang, text)
        assert resolve_body(found, None).body is None
    # a bare "8/1" in a GA text is not silently sent to another body
    (found,) = find_citations("resolution 8/1", "en")
    assert resolve_body(found, "un-ga").body is None
    assert resolve_body(found, "untoc-cop").body == "untoc-cop"


def test_overlaps_resolved_longest_first():
    text = "General Assembly resolution 71/19 and Council Decision 598"
    found = find_citations(text, "en")
    assert [(c.pattern, c.text) for c in found] == [
        ("en/ga-resolution", "General Assembly resolution 71/19"),
        ("en/itu-council-decision", "Council Decision 598"),
    ]


def test_pinpoint_after_symbol():
    (found,) = find_citations("A/RES/71/19, para. 3 (a)", "en")
    assert (found.id, found.paragraph, found.text) == ("A/RES/71/19", "3 (a)", "A/RES/71/19, para. 3 (a)")


# --------------------------------------------------------------------------- the seeds

# (seed file, citing body, snippet copied from the seed, expected citations in it)
SEED_CITATIONS = [
    # 000: ITU PP-18 document (Chinese): cover note, INTERPOL-ITU agreement, Decision 598
    ("000", "itu-pp", "理事会第598号决定，我荣幸地",
     [{"id": "598", "body": "itu-council", "kind": "decision"}]),
    ("000", "itu-pp", "本文件附件B全文抄录了第598号决定",
     [{"id": "598", "body": "itu-council"}]),
    ("000", "itu-pp", "（亦见C17/126、C17/65号文件）",
     [{"id": "C17/126", "body": "itu-council", "kind": "document"},
      {"id": "C17/65", "body": "itu-council", "kind": "document"}]),
    ("000", "itu-pp", "第C17/126、C17/65号文件",
     [{"id": "C17/126", "body": "itu-council"}, {"id": "C17/65", "body": "itu-council"}]),
    ("000", "itu-pp", "理事会通过了第590号决定",
     [{"id": "590", "body": "itu-council", "kind": "decision"}]),
    ("000", "itu-pp", "根据第130号决议（2014年，釜山，修订版）",
     [{"id": "130 (Rev. Busan, 2014)", "body": "itu-pp", "kind": "resolution"}]),
    ("000", "itu-pp", "2\t第590号决定的落实情况",
     [{"id": "590", "body": "itu-council"}]),
    ("000", "itu-pp", "讨论了第590号决定所述的关切",
     [{"id": "590", "body": "itu-council"}]),
    ("000", "itu-pp", "理事会在其2017年会议上通过了第598号决定",
     [{"id": "598", "body": "itu-council"}]),
    ("000", "itu-pp", "全体大会通过了第8号决议",
     [{"id": "8", "body": "interpol-ga", "kind": "resolution"}]),
    ("000", "itu-pp", "（见与此相关的理事会第598号决定）",
     [{"id": "598", "body": "itu-council"}]),
    ("000", "itu-pp", "根据全权代表大会第179号决议（2014年，釜山，修订版），应在",
     [{"id": "179 (Rev. Busan, 2014)", "body": "itu-pp"}]),
    ("000", "itu-pp", "通过参与本协议第2条进一步阐述的活动",
     [{"id": "2", "body": "same-instrument", "kind": "article"}]),
    ("000", "itu-pp",
     "全权代表大会第130号决议（2014年，釜山，修订版）规定的树立使用信息通信技术的信心和提高安全性"
     "以及全权代表大会第179号决议（2014年，釜山，修订版）规定的",
     [{"id": "130 (Rev. Busan, 2014)", "body": "itu-pp"},
      {"id": "179 (Rev. Busan, 2014)", "body": "itu-pp"}]),
    ("000", "itu-pp", "以开展以上第1条所述的活动",
     [{"id": "1", "body": "same-instrument", "kind": "article"}]),
    ("000", "itu-pp", "文件 C17/126-C",
     [{"id": "C17/126", "text": "C17/126-C", "body": "itu-council"}]),
    ("000", "itu-pp", "2017年会议的C17/65号文件",
     [{"id": "C17/65", "body": "itu-council"}]),
    ("000", "itu-pp", "第598号决定\n（第七次全体会议上通过）",
     [{"id": "598", "body": "itu-council"}]),
    # not citations (or not covered): nothing must be found
    ("000", "itu-pp", "INTERPOL在2017年9月召开的第86届全体大会上批准了", []),
    ("000", "itu-pp", "针对71号文稿", []),
    ("000", "itu-pp", "《组织法》第58款", []),
    ("000", "itu-pp", " www.itu.int/plenipotentiary/ ", []),

    # 001: General Assembly resolution 71/19 (Chinese)
    ("001", "un-ga", "(A/71/L.17和Add.1)",
     [{"id": "A/71/L.17", "body": "un-doc", "kind": "document"},
      {"id": "A/71/L.17/Add.1", "body": "un-doc", "text": "Add.1"}]),
    ("001", "un-ga", "其1996年10月15日第51/1号决议",
     [{"id": "51/1", "body": "un-ga", "symbol": "A/RES/51/1"}]),
    ("001", "un-ga", "第 70/1 号决议。",
     [{"id": "70/1", "body": "un-ga", "symbol": "A/RES/70/1"}]),
    ("001", "un-ga", "第 60/288 号决议。",
     [{"id": "60/288", "body": "un-ga", "symbol": "A/RES/60/288"}]),
    ("001", "un-ga", "国际刑警组织 I-24/7 全球警用安全通讯系统", []),
    ("001", "un-ga", "第1996卷，第1200号", []),

    # 002: draft GA resolution, 2018 (Arabic: reversed session/number, Arabic-Indic digits)
    ("002", "un-ga", "إذ تشير إلى قرارها ١/٥١ المؤرخ",
     [{"id": "51/1", "body": "un-ga", "symbol": "A/RES/51/1"}]),
    ("002", "un-ga", "وإلى قرارها ١٩/٧١",
     [{"id": "71/19", "body": "un-ga", "symbol": "A/RES/71/19"}]),
    ("002", "un-ga", "(٢) القرار ٢٨٤/٧٢.",
     [{"id": "72/284", "body": "un-ga", "symbol": "A/RES/72/284"}]),
    ("002", "un-ga", "(٣) القرار ١/٧٠.",
     [{"id": "70/1", "body": "un-ga", "symbol": "A/RES/70/1"}]),
    ("002", "un-ga", "(٤) القرار ١/٧٢.",
     [{"id": "72/1", "body": "un-ga", "symbol": "A/RES/72/1"}]),
    ("002", "un-ga", "انظر المقرر ٥١٩/٦٠",
     [{"id": "60/519", "body": "un-ga", "kind": "decision", "symbol": None}]),
    ("002", "un-ga", "A/60/88 و A/60/88/Corr.2",
     [{"id": "A/60/88", "body": "un-doc"}, {"id": "A/60/88/Corr.2", "body": "un-doc"}]),
    ("002", "un-ga", "(A/CONF.192/15)",
     [{"id": "A/CONF.192/15", "body": "un-doc"}]),
    ("002", "un-ga", "المأمونة I-24/7، التي", []),
    ("002", "un-ga", "١٥ تشرين الأول/أكتوبر ١٩٩٦", []),
    ("002", "un-ga", "عن تنفيذ هذا القرار", []),

    # 004: CTOC/COP/WG.3/2024/1 (Chinese)
    ("004", "untoc-cop", "（CTOC/COP/WG.3/2024/2）",
     [{"id": "CTOC/COP/WG.3/2024/2", "body": "un-doc"}]),
    ("004", "untoc-cop", "¹ 见 CTOC/COP/WG.3/2023/4，第 44 段。",
     [{"id": "CTOC/COP/WG.3/2023/4", "body": "un-doc", "paragraph": "44"}]),
    ("004", "untoc-cop", "² 缔约方会议第 8/1 号决议。",
     [{"id": "8/1", "body": "untoc-cop", "kind": "resolution", "symbol": None}]),
    ("004", "untoc-cop", "[CTOC/COP/WG.3/2024/3](#)",
     [{"id": "CTOC/COP/WG.3/2024/3", "body": "un-doc"}]),
    ("004", "untoc-cop", "[CTOC/COP/WG.2/2024/4-CTOC/COP/WG.3/2024/4](#)",
     [{"id": "CTOC/COP/WG.2/2024/4"}, {"id": "CTOC/COP/WG.3/2024/4"}]),
    ("004", "untoc-cop", "（[CTOC/COP/WG.3/2023/4](#)，第 44 段）",
     [{"id": "CTOC/COP/WG.3/2023/4", "body": "un-doc"}]),
    ("004", "untoc-cop", "[CTOC/COP/WG.2/2017/4-CTOC/COP/WG.3/2017/4](#)",
     [{"id": "CTOC/COP/WG.2/2017/4"}, {"id": "CTOC/COP/WG.3/2017/4"}]),
    ("004", "untoc-cop",
     "www.unodc.org/unodc/en/treaties/CTOC/working-group-on-international-cooperation-2024.html", []),
    ("004", "untoc-cop", "审议机制运作程序和规则第 53(h)段", []),
]

SEED_LANG = {"000": "zh", "001": "zh", "002": "ar", "004": "zh"}


def _seed_text(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("seed,citing_body,snippet,expected", SEED_CITATIONS,
                         ids=[f"{s}:{snip[:24]}" for s, _, snip, _ in SEED_CITATIONS])
def test_seed_citations(seed, citing_body, snippet, expected):
    """Run on the whole seed text; check the citations inside the snippet's first occurrence."""
    text = _seed_text(seed)
    at = text.find(snippet)
    assert at >= 0, f"snippet not in seed {seed}: {snippet!r}"
    found = [resolve_body(c, citing_body)
             for c in find_citations(text, SEED_LANG[seed])
             if c.start >= at and c.end <= at + len(snippet)]
    _check(found, expected, f"seed {seed}")


@pytest.mark.parametrize("seed", sorted(SEED_LANG))
def test_seed_output_sorted_and_disjoint(seed):
    found = find_citations(_seed_text(seed), SEED_LANG[seed])
    assert found
    for before, after in zip(found, found[1:]):
        assert before.end <= after.start


def test_seed_002_never_yields_reversed_numbers():
    """Every session/number from the Arabic seed is a real GA resolution or decision."""
    found = find_citations(_seed_text("002"), "ar")
    numbered = sorted(c.id for c in found if "session" in c.parts)
    assert numbered == ["51/1", "60/519", "70/1", "71/19", "72/1", "72/284"]


@pytest.mark.parametrize("text, lang", [
    ("paragraph 3 of resolution 71/19", "en"),
    ("第71/19号决议第3段", "zh"),
    ("الفقرة ٣ من القرار ١٩/٧١", "ar"),
    ("пункт 3 резолюции 71/19", "ru"),
    ("párrafo 3 de la resolución 71/19", "es"),
    ("paragraphe 3 de la résolution 71/19", "fr"),
])
def test_a_pinpoint_before_or_after_the_citation_names_its_paragraph(text, lang):
    [found] = find_citations(text, lang)
    assert (found.id, found.paragraph, found.text) == ("71/19", "3", text)


def test_a_pinpoint_before_a_list_names_the_first_instrument_only():
    first, second = find_citations("paragraph 2 of resolutions 70/1 and 60/288", "en")
    assert (first.id, first.paragraph, second.id, second.paragraph) == ("70/1", "2", "60/288", None)
