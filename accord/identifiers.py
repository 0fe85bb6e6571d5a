"""The identifiers of the library's pages, parsed and formatted in one place (as
laws-africa/cobalt does for FRBR URIs): the path of a page of docs/ with its language
version, its key, its URL, its instrument and article.

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
