"""Interface strings Accord adds: every key in all six UN languages, none empty."""
from pathlib import Path

import yaml

LABELS = yaml.safe_load((Path(__file__).resolve().parent.parent / "accord/labels.yml").read_text(encoding="utf-8"))
LANGS = {"ar", "en", "es", "fr", "ru", "zh"}


def keys(tree, prefix=""):
    for key, value in tree.items():
        if isinstance(value, dict):
            yield from keys(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def test_six_languages():
    assert set(LABELS) == LANGS


def test_every_label_in_every_language():
    english = dict(keys(LABELS["en"]))
    for lang in LANGS:
        labels = dict(keys(LABELS[lang]))
        assert set(labels) == set(english), (lang, set(english) ^ set(labels))
        assert all(str(value).strip() for value in labels.values()), lang


def test_labels_are_translated_not_copied():
    english = dict(keys(LABELS["en"]))
    for lang in LANGS - {"en"}:
        same = [k for k, v in keys(LABELS[lang]) if v == english[k] and k not in ("none", "date", "type", "session", "distribution", "types.note",
                                                                        "articles", "distributions.general",   # "General" in Spanish too
                                                                        "listing_pages", "listing_part", "listing_count",   # French too
                                                                            "list_separator")]                   # ", " in the Latin and Cyrillic scripts
        assert not same, (lang, same)


def test_navigation_does_not_list_instruments(built_site):
    html = (built_site / "zh/instruments/a-res-71-19/index.html").read_text(encoding="utf-8")
    assert html.count('class="md-nav__link') < 10
    assert "instruments/ctoc-cop-wg-3-2024-1" not in html
