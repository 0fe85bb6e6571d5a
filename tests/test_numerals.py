"""Numbers as the texts print them (accord/numerals.py): Chinese numerals with their 十
and 百 forms, Arabic-Indic and Latin digits, read rightly from 1 to 199 wherever the
normalizer reads an article's number (scripts/patterns.py ARTICLE_HEADING)."""
import pytest

from accord.numerals import chinese, read_number
from scripts import layouts
from scripts import patterns as P

NUMBERS = range(1, 200)
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def test_every_chinese_numeral_from_1_to_199_reads_as_its_value():
    assert [read_number(chinese(n)) for n in NUMBERS] == list(NUMBERS)


@pytest.mark.parametrize("written, value", [("十", 10), ("十一", 11), ("二十", 20), ("二十三", 23), ("九十九", 99),
                                            ("一百", 100), ("一百零一", 101), ("一百一十", 110), ("一百九十九", 199)])
def test_the_ten_and_hundred_forms(written, value):
    assert read_number(written) == value


@pytest.mark.parametrize("heading", ["第{zh}条", "Article {n}", "Artículo {n}", "Статья {n}", "المادة {ar}"])
def test_an_article_heading_gives_the_number_it_prints(heading):
    for n in NUMBERS:
        text = heading.format(zh=chinese(n), n=n, ar=str(n).translate(ARABIC_INDIC))
        match = P.ARTICLE_HEADING.match(text)
        assert match is not None, text
        assert layouts.article_number(match) == n, text


def test_what_is_not_a_number_is_refused():
    for text in ("", "第十一条", "12a", "十x"):
        with pytest.raises(ValueError):
            read_number(text)

