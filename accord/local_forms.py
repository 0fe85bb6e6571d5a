"""Dates and numbers as a reader of each interface language reads them: a date in the
language's long form (CLDR, through Babel), Arabic-Indic digits in Arabic. The ISO date
stays in the page's markup (``<time datetime>``) for sorting and machines.

    >>> [date_shown("2016-11-21", lang) for lang in ("en", "fr", "zh", "ar")]
    ['21 November 2016', '21 novembre 2016', '2016年11月21日', '٢١ نوفمبر ٢٠١٦']
    >>> number_shown("73", "ar"), number_shown("73", "ru")
    ('٧٣', '73')
    >>> date_shown("2018", "en"), date_shown(None, "en")
    ('2018', None)
"""
from __future__ import annotations

import datetime
from typing import Optional

from babel.dates import format_date

from accord.pinpoints import digits

# The locale whose long date form each interface language uses: English as the UN writes
# it (day, month, year: "21 November 2016"), the others CLDR's own.
DATE_LOCALES = {"en": "en_GB"}


def date_shown(iso: Optional[str], lang: str) -> Optional[str]:
    """An ISO date (YYYY-MM-DD) in ``lang``'s long form; a partial date as it is given."""
    if not iso:
        return None
    try:
        day = datetime.date.fromisoformat(str(iso))
    except ValueError:
        return digits(str(iso), lang)
    return digits(format_date(day, format="long", locale=DATE_LOCALES.get(lang, lang)), lang)


def number_shown(text, lang: str) -> Optional[str]:
    """A number (a session, an agenda item) in ``lang``'s digits."""
    return digits(str(text), lang) if text not in (None, "") else None
