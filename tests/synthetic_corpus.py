"""TEST DATA: a synthetic corpus, written into a temporary folder by the tests, never
into sources/ and never published. Its sentences are placeholders written for the tests,
not legal text; every text opens with a line saying it is test data, in its language.

It holds what a library that grows must take (issue 13):

- ``test-syn-resolution``   a resolution in three languages (English, the original;
                            Russian; Spanish), each version with footnotes;
- ``test-syn-agreement``    an agreement of 23 articles in Chinese, English, French and
                            Arabic, its articles numbered as each language prints them
                            (第二十三条, المادة ٢٣) and citing one another;
- ``test-syn-citing-<xx>``  a resolution in each of the six languages that cites them in
                            that language's words: a pinpoint before the citation, the
                            resolution by its symbol, the agreement's article by the
                            agreement's title, and a named body's resolution that cannot
                            be linked.

``CITATIONS`` is what each citation must become (the recall measure): a link to a page
and paragraph of the site, or an entry of the report.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from accord.numerals import chinese
from accord.pinpoints import digits

LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
ARTICLES = 23
RESOLUTION = "test-syn-resolution"
AGREEMENT = "test-syn-agreement"
SYMBOL = "A/RES/99/1"                 # no session 99 has met: no real document has it

def arabic(number) -> str:
    return digits(str(number), "ar")


# The words of a resolution, per language: a test-data line, the heading, the formula
# (scripts/patterns.py FORMULA), a preambular and the operative verbs.
WORDS = {
    "en": {"mark": "TEST DATA: a synthetic document for Accord's tests, not a real instrument; never published.",
           "assembly": "Test Assembly", "formula": "The General Assembly,", "recalling": "Recalling",
           "notes": "Notes", "decides": "Decides", "sentence": "the test sentence number {n}",
           "footnote": "Test footnote {n} of the English version."},
    "fr": {"mark": "DONNÉES DE TEST : document synthétique pour les tests d'Accord, pas un instrument réel ; jamais publié.",
           "assembly": "Assemblée de test", "formula": "L'Assemblée générale,", "recalling": "Rappelant",
           "notes": "Prend note", "decides": "Décide", "sentence": "de la phrase de test numéro {n}",
           "footnote": "Note de test {n} de la version française."},
    "es": {"mark": "DATOS DE PRUEBA: documento sintético para las pruebas de Accord, no es un instrumento real; nunca se publica.",
           "assembly": "Asamblea de prueba", "formula": "La Asamblea General,", "recalling": "Recordando",
           "notes": "Toma nota", "decides": "Decide", "sentence": "de la frase de prueba número {n}",
           "footnote": "Nota de prueba {n} de la versión española."},
    "ru": {"mark": "ТЕСТОВЫЕ ДАННЫЕ: синтетический документ для тестов Accord, не настоящий документ; никогда не публикуется.",
           "assembly": "Тестовая ассамблея", "formula": "Генеральная Ассамблея,", "recalling": "ссылаясь на",
           "notes": "принимает к сведению", "decides": "постановляет", "sentence": "тестовое предложение номер {n}",
           "footnote": "Тестовая сноска {n} русской версии."},
    "ar": {"mark": "بيانات اختبار: وثيقة اصطناعية لاختبارات أكورد، ليست صكا حقيقيا؛ لا تنشر أبدا.",
           "assembly": "جمعية الاختبار", "formula": "إن الجمعية العامة،", "recalling": "إذ تشير إلى",
           "notes": "تحيط علما", "decides": "تقرر", "sentence": "جملة الاختبار رقم {n}",
           "footnote": "حاشية اختبار {n} من النسخة العربية."},
    "zh": {"mark": "测试数据：Accord测试用的合成文件，不是真实文书；从不发布。",
           "assembly": "测试大会", "formula": "大会，", "recalling": "回顾",
           "notes": "注意到", "decides": "决定", "sentence": "第{n}号测试句",
           "footnote": "中文本的测试脚注{n}。"},
}

RESOLUTION_TITLES = {"en": "Test resolution in three languages", "ru": "Тестовая резолюция на трёх языках",
                     "es": "Resolución de prueba en tres idiomas"}
AGREEMENT_TITLES = {"en": "Test Cooperation Agreement between the Sample Organization and the Model Union",
                    "fr": "Accord de coopération de test entre l'Organisation exemple et l'Union modèle",
                    "ar": "اتفاق التعاون الاختباري بين المنظمة النموذجية والاتحاد المثالي",
                    "zh": "样例组织与模范联盟之间的测试合作协议"}


def operative_number(lang: str, n: int) -> str:
    return f"{arabic(n)} - " if lang == "ar" else f"{n}. "


def sup(n: int) -> str:
    return f"<sup>{n}</sup>"


# --------------------------------------------------------------------------- citations


@dataclass(frozen=True)
class Expected:
    """A citation of the corpus and what it must become: ``page`` (docs key) and
    ``paragraph`` of its target (None: the page itself, as for an article), or ``page``
    None: reported as not linkable."""
    lang: str
    citing: str           # id of the citing instrument
    paragraph: str        # id of the citing paragraph
    text: str             # the citation as written (a substring of the paragraph)
    page: str | None
    target_paragraph: str | None = None


def _resolution_page() -> str:
    return f"instruments/{RESOLUTION}.md"


def _article_page(n: int) -> str:
    return f"instruments/{AGREEMENT}/art_{n}.md"


# The citations of each language's citing document, one operative paragraph each:
# (the words around it, {c} the citation; the citation; page; paragraph).
CITING = {
    "en": [("Recalls {c} of 2099,", "paragraph 2 of resolution 99/1", _resolution_page(), "para_2"),
           ("Welcomes its {c},", "resolution 99/1", _resolution_page(), None),
           ("Refers to {c},", f"article 5 of the {AGREEMENT_TITLES['en']}", _article_page(5), None),
           ("Takes note of {c},", "ITU Plenipotentiary resolution 130", None, None)],
    "fr": [("Rappelle le {c},", "paragraphe 2 de la résolution 99/1", _resolution_page(), "para_2"),
           ("Se félicite de sa {c},", "résolution 99/1", _resolution_page(), None),
           ("Renvoie à l'{c},", f"article 5 de l'{AGREEMENT_TITLES['fr']}", _article_page(5), None),
           ("Prend acte de la {c},", "Résolution 130", None, None)],
    "es": [("Recuerda el {c},", "párrafo 2 de la resolución 99/1", _resolution_page(), "para_2"),
           ("Acoge con beneplácito su {c},", "resolución 99/1", _resolution_page(), None),
           ("Toma nota de la {c},", "Resolución 130", None, None)],
    "ru": [("ссылается на {c},", "пункт 2 резолюции 99/1", _resolution_page(), "para_2"),
           ("приветствует свою {c},", "резолюцию 99/1", _resolution_page(), None),
           ("принимает к сведению {c},", "Резолюция 130", None, None)],
    "ar": [("تشير إلى {c}،", "الفقرة ٢ من القرار ١/٩٩", _resolution_page(), "para_2"),
           ("ترحب ب{c}،", "القرار ١/٩٩", _resolution_page(), None),
           ("تشير إلى {c}،", f"المادة ٥ من {AGREEMENT_TITLES['ar']}", _article_page(5), None),
           ("تحيط علما ب{c}،", "القرار 130", None, None)],
    "zh": [("回顾{c}，", "第99/1号决议第2段", _resolution_page(), "para_2"),
           ("欢迎其{c}，", "第99/1号决议", _resolution_page(), None),
           ("提及{c}，", f"《{AGREEMENT_TITLES['zh']}》第五条", _article_page(5), None),
           ("注意到{c}，", "第130号决议", None, None)],
}

# Articles of the agreement that cite another of its articles: (article, cited article).
INTERNAL = ((2, 1), (11, 3), (23, 11))
ARTICLE_THIS = {"en": "article {n} of this Agreement", "fr": "article {n} du présent Accord",
                "ar": "المادة {n} من هذا الاتفاق", "zh": "本协议第{n}条"}


def _article_ref(lang: str, n: int) -> str:
    shown = arabic(n) if lang == "ar" else chinese(n) if lang == "zh" else str(n)
    return ARTICLE_THIS[lang].format(n=shown)


def expected() -> list[Expected]:
    """Every citation the synthetic corpus holds, with what it must become."""
    found = []
    for lang, rows in CITING.items():
        for n, (_, text, page, paragraph) in enumerate(rows, 1):
            found.append(Expected(lang, f"test-syn-citing-{lang}", f"para_{n}", text, page, paragraph))
    for lang in AGREEMENT_TITLES:
        for article, cited in INTERNAL:
            found.append(Expected(lang, AGREEMENT, f"art_{article}__para_1", _article_ref(lang, cited),
                                  _article_page(cited)))
    return found


# --------------------------------------------------------------------------- documents


def _metadata(name: str, lang: str, ident: str, layout: str, symbol, body: str, kind: str, date: str,
              original: str, titles: dict) -> str:
    title = "{" + ", ".join(f'{code}: "{text}"' for code, text in sorted(titles.items())) + "}"
    return (f"# TEST DATA (tests/synthetic_corpus.py): a synthetic document, never published.\n"
            f"source: {name}.txt\nlanguage: {lang}\nparagraphs: blank-lines\ninstruments:\n"
            f"  - id: {ident}\n    layout: {layout}\n    starts_at: null\n"
            f"    symbol: {symbol or 'null'}\n    body: {body}\n    type: {kind}\n    date: {date}\n"
            f"    session: null\n    agenda_item: null\n    distribution: null\n"
            f"    original_language: {original}\n    title: {title}\n")


def _resolution_text(lang: str, title: str, operative: list[str], footnotes: bool) -> str:
    w = WORDS[lang]
    blocks = [w["mark"], f"## {w['assembly']}", f"### {title}", w["formula"],
              f"**{w['recalling']}** {w['sentence'].format(n=1)}" + (sup(1) if footnotes else "") + ","]
    for n, text in enumerate(operative, 1):
        blocks.append(operative_number(lang, n) + text)
    if footnotes:
        blocks += [f"{sup(1)} {w['footnote'].format(n=1)}", f"{sup(2)} {w['footnote'].format(n=2)}"]
    return "\n\n".join(blocks) + "\n"


def _resolution_version(lang: str) -> str:
    w = WORDS[lang]
    operative = [f"**{w['notes']}** {w['sentence'].format(n=2)};",
                 f"**{w['notes']}** {w['sentence'].format(n=3)}{sup(2)};",
                 f"**{w['decides']}** {w['sentence'].format(n=4)}."]
    return _resolution_text(lang, RESOLUTION_TITLES[lang], operative, footnotes=True)


def _citing(lang: str) -> str:
    w = WORDS[lang]
    operative = [f"**{w['notes']}** " + around.format(c=text) for around, text, _, _ in CITING[lang]]
    operative.append(f"**{w['decides']}** {w['sentence'].format(n=9)}.")
    return _resolution_text(lang, f"{w['assembly']}: {w['sentence'].format(n=0)}", operative, footnotes=False)


ARTICLE_WORDS = {
    "en": ("Article {n}", "Test article {n}", "The Parties agree on test point {n}.", "The Parties have agreed as follows:",
           "Done in two test copies."),
    "fr": ("Article {n}", "Article de test {n}", "Les Parties conviennent du point de test {n}.",
           "Les Parties sont convenues de ce qui suit :", "Fait en deux exemplaires de test."),
    "ar": ("المادة {n}", "مادة الاختبار {n}", "يتفق الطرفان على نقطة الاختبار {n}.", "قد اتفق الطرفان على ما يلي:",
           "حرر في نسختين للاختبار."),
    "zh": ("第{n}条", "测试条款{n}", "双方就第{n}号测试要点达成一致。", "双方议定如下：", "本协议以测试文本两份签署。"),
}


def _agreement(lang: str) -> str:
    heading, title, sentence, formula, closing = ARTICLE_WORDS[lang]
    cites = dict(INTERNAL)
    blocks = [AGREEMENT_TITLES[lang], WORDS[lang]["mark"], formula]
    for n in range(1, ARTICLES + 1):
        shown = arabic(n) if lang == "ar" else chinese(n) if lang == "zh" else str(n)
        first = sentence.format(n=shown)
        if n in cites:
            first += " " + _article_ref(lang, cites[n])
        blocks += [heading.format(n=shown), title.format(n=shown), f"1) {first}", f"2) {sentence.format(n=shown)}"]
    blocks.append(closing)
    return "\n\n".join(blocks) + "\n"


def documents() -> dict[str, tuple[str, str]]:
    """{file stem: (text, metadata)} of the whole synthetic corpus, in the order to add
    them (the original language of each instrument first)."""
    docs = {}
    for lang in ("en", "ru", "es"):
        docs[f"syn_resolution_{lang}"] = (_resolution_version(lang), _metadata(
            f"syn_resolution_{lang}", lang, RESOLUTION, "resolution", SYMBOL, "un-ga", "resolution", "2099-01-01",
            "en", {lang: RESOLUTION_TITLES[lang]}))
    for lang in ("en", "zh", "fr", "ar"):
        docs[f"syn_agreement_{lang}"] = (_agreement(lang), _metadata(
            f"syn_agreement_{lang}", lang, AGREEMENT, "agreement", None, "interpol-itu", "agreement", "2099-01-02",
            "en", {lang: AGREEMENT_TITLES[lang]}))
    for lang in LANGUAGES:
        docs[f"syn_citing_{lang}"] = (_citing(lang), _metadata(
            f"syn_citing_{lang}", lang, f"test-syn-citing-{lang}", "resolution", None, "un-ga", "resolution",
            "2099-01-03", lang, {}))
    return docs


def write(folder) -> list[tuple[Path, Path]]:
    """The corpus's files in ``folder``: [(text, metadata)] in the order to add them."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    pairs = []
    for stem, (text, meta) in documents().items():
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
        (folder / f"{stem}.yml").write_text(meta, encoding="utf-8")
        pairs.append((folder / f"{stem}.txt", folder / f"{stem}.yml"))
    return pairs
