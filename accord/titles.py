"""One rule for an instrument's title, wherever it is shown: the catalogue, the page's
header and tab, "Cited by", the citation graph, the parallel view, the data files and
the cite control, in every language tree.

In the interface language first, then in the default language (English, read by most
readers of any tree), then in the others in code order; in each language, the official
title (metadata ``title``), else the description Accord supplies (``label``), else the
title of the text in that language. The language returned is the title's own, for its
``lang`` attribute.

    >>> titles = {"zh": "联合国同国际刑警组织的合作", "en": "Cooperation between the UN and INTERPOL"}
    >>> instrument_title("fr", "a-res-71-19", titles=titles, texts={"zh": "71/19. 联合国..."})
    ('Cooperation between the UN and INTERPOL', 'en')
    >>> instrument_title("zh", "a-res-71-19", titles=titles)
    ('联合国同国际刑警组织的合作', 'zh')
    >>> instrument_title("ar", "itu-note", labels={"en": "Note by the Secretary-General"}, texts={"zh": "..."})
    ('Note by the Secretary-General', 'en')
    >>> instrument_title("fr", "agreement", texts={"zh": "合作协议"})
    ('合作协议', 'zh')
    >>> instrument_title("fr", "untitled")
    ('untitled', 'en')
"""
from accord.library import DEFAULT_LANGUAGE, LANGUAGES


def instrument_title(lang, ident, titles=None, labels=None, texts=None):
    """(title, its language): ``titles`` official titles, ``labels`` Accord's
    descriptions, ``texts`` the titles of the texts, each {language: title}; the id
    when none is known."""
    tables = [table or {} for table in (titles, labels, texts)]
    for candidate in dict.fromkeys((lang, DEFAULT_LANGUAGE, *LANGUAGES)):
        for table in tables:
            if table.get(candidate):
                return table[candidate], candidate
    return ident, DEFAULT_LANGUAGE
