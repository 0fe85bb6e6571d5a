"""Numbers as the texts print them, read in one place: Latin and Arabic-Indic digits (and
any other script's decimal digits), and Chinese numerals with their 十 and 百 forms, for
the numbers of articles, paragraphs and sessions.

    >>> [read_number(text) for text in ("12", "١٢", "۱۲", "１２", "十", "十一", "二十三", "一百", "一百零五", "一百一十", "一百九十九")]
    [12, 12, 12, 12, 10, 11, 23, 100, 105, 110, 199]
    >>> [chinese(n) for n in (1, 10, 11, 20, 23, 100, 105, 110, 199)]
    ['一', '十', '十一', '二十', '二十三', '一百', '一百零五', '一百一十', '一百九十九']
    >>> read_number("第十一条")
    Traceback (most recent call last):
    ...
    ValueError: not a number: '第十一条'
"""
import re
import unicodedata

CHINESE_DIGITS = dict(zip("〇零一二三四五六七八九", (0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9)))
CHINESE_UNITS = {"十": 10, "百": 100}
# The characters of a Chinese numeral, for patterns: "[〇零一二三四五六七八九十百]+"
CHINESE_NUMERAL = "[" + "".join(CHINESE_DIGITS) + "".join(CHINESE_UNITS) + "]+"
_CHINESE = re.compile(f"^{CHINESE_NUMERAL}$")


def read_number(text: str) -> int:
    """The value of a number written in decimal digits of any script, or in Chinese."""
    text = text.strip()
    if text and all(ch.isdecimal() for ch in text):
        return int("".join(str(unicodedata.decimal(ch)) for ch in text))
    if _CHINESE.match(text):
        return _read_chinese(text)
    raise ValueError(f"not a number: {text!r}")


def _read_chinese(text: str) -> int:
    """一百零五 -> 105: each unit multiplies the digit before it (one where none is
    written: 十一 is 11); 零 only marks a skipped place."""
    total, digit = 0, 0
    for ch in text:
        if ch in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[ch]
        else:
            total += (digit or 1) * CHINESE_UNITS[ch]
            digit = 0
    return total + digit


def chinese(n: int) -> str:
    """1 to 999 as a Chinese numeral, in the forms UN and ITU texts print (十一, 一百零五)."""
    if not 0 < n < 1000:
        raise ValueError(f"no Chinese numeral written here for {n}")
    names = "零一二三四五六七八九"
    hundreds, tens, ones = n // 100, n // 10 % 10, n % 10
    out = ""
    if hundreds:
        out += names[hundreds] + "百"
    if tens:
        out += ("" if tens == 1 and not hundreds else names[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    if ones:
        out += names[ones]
    return out
