r"""What a page may hold, enforced in one place: a Python-Markdown extension.

Accord takes its pages by pull request, so the HTML of every page is held to one
allow-list (accord/page_policy.yml) after Markdown has made it, whatever made it: a
contributor's Markdown or raw HTML, an attribute list (``{: onclick="..." }``), an
entity-encoded address (``java&#x09;script:``), or a hook. Two steps, both on the
page's finished HTML:

1. check: every element, attribute and address not allowed is a problem, located on the
   line of the page's file that holds it, and the page is refused (``UnsafeMarkup``);
2. filter: what passed is filtered once more by nh3 (the Ammonia sanitizer) with the same
   list, so that a miss of the check still cannot reach a reader.

Engine-independent: MkDocs, Zensical or plain ``markdown.markdown(text,
extensions=["accord.page_policy"])`` run it the same way. An engine adapter may say which
file a page comes from (``page_source``) so that errors name it; without one they name
the line of the Markdown.

    >>> import markdown
    >>> markdown.markdown('[a](https://example.org) *b*', extensions=["accord.page_policy"])
    '<p><a href="https://example.org">a</a> <em>b</em></p>'
    >>> markdown.markdown('x\n\n[a](javascript:alert(1))', extensions=["accord.page_policy"])
    Traceback (most recent call last):
    ...
    accord.page_policy.UnsafeMarkup: line 3: <a href=...> holds an address with the scheme javascript: (links may use http, https, mailto or a path of this site)
"""
import contextvars
import html
import re
from dataclasses import dataclass
from pathlib import Path

import markdown
import nh3
import yaml
from lxml import etree
from lxml import html as lxml_html

from accord.errors import BuildProblem

POLICY_FILE = Path(__file__).with_name("page_policy.yml")


@dataclass(frozen=True)
class Policy:
    """The allow-list, as read from page_policy.yml (names as written there)."""
    elements: dict              # tag -> frozenset of its own attributes
    global_attributes: frozenset
    style_properties: frozenset
    link_schemes: frozenset
    url_attributes: dict        # attribute -> "link" or "local"

    def allows(self, tag, attribute):
        """Is ``attribute`` (lower case, as an HTML parser gives it) allowed on ``tag``?"""
        own = {name.lower() for name in self.elements.get(tag, ())}
        return attribute in own or attribute in self.global_attributes


def load_policy(path=POLICY_FILE):
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return Policy(
        elements={tag: frozenset(attrs or ()) for tag, attrs in data["elements"].items()},
        global_attributes=frozenset(data["global_attributes"]),
        style_properties=frozenset(data["style_properties"]),
        link_schemes=frozenset(data["link_schemes"]),
        url_attributes=dict(data["url_attributes"]),
    )


POLICY = load_policy()

# What browsers ignore in an address before they read its scheme: leading and trailing
# C0 controls and spaces, and tabs and line breaks anywhere ("java\tscript:").
URL_IGNORED = re.compile(r"[\t\n\r]|^[\x00-\x20]+|[\x00-\x20]+$")
# A scheme at the start of an address: "https:", "javascript:", "data:".
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# One declaration of a style attribute: "text-align: left".
DECLARATION = re.compile(r"^\s*([a-zA-Z-]+)\s*:\s*([a-zA-Z-]+)\s*$")


class UnsafeMarkup(BuildProblem):
    """A page holds markup the policy does not allow: one line per problem."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Finding:
    needle: str         # what to look for in the page's source to find the line
    message: str


# --------------------------------------------------------------------------- check


def url_problem(attribute, value, policy=POLICY):
    """What is wrong with an address, or None. ``value`` is as the browser reads it
    (entities decoded).

    >>> url_problem("href", " JaVa\\tscript:alert(1)")
    'an address with the scheme javascript: (links may use http, https, mailto or a path of this site)'
    >>> url_problem("src", "//example.org/x.png")
    'an image or media address on another host (only a path of this site can be loaded)'
    >>> url_problem("href", "../a-res-71-19/#para_3") is None
    True
    """
    address = URL_IGNORED.sub("", value)
    scheme = SCHEME.match(address)
    if policy.url_attributes.get(attribute) == "local":
        if scheme or address.startswith(("//", "\\\\", "/\\")):
            return "an image or media address on another host (only a path of this site can be loaded)"
        return None
    if scheme and scheme.group(1).lower() not in policy.link_schemes:
        allowed = ", ".join(sorted(policy.link_schemes))
        return f"an address with the scheme {scheme.group(1).lower()}: (links may use {allowed} or a path of this site)"
    return None


def style_problem(value, policy=POLICY):
    """A style attribute may only align a table cell: ``text-align: left;``."""
    for declaration in filter(str.strip, value.split(";")):
        match = DECLARATION.match(declaration)
        if not match or match.group(1).lower() not in policy.style_properties:
            return f"the style {declaration.strip()!r} (a page may only align table cells: text-align)"
    return None


def findings(fragment, policy=POLICY):
    """Every element, attribute and address of an HTML fragment that the policy does
    not allow, in document order."""
    found = []
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except etree.ParserError:          # nothing but text
        return found
    for element in root.iterdescendants():
        if not isinstance(element.tag, str):          # a comment: nh3 drops it
            continue
        tag = element.tag.lower()
        if tag not in policy.elements:
            found.append(Finding(f"<{tag}", f"the element <{tag}> is not allowed in a page: remove it, "
                                 "or write its text as text"))
            continue
        for attribute, value in element.attrib.items():
            found.extend(_attribute_findings(tag, attribute.lower(), value, policy))
    return found


def _attribute_findings(tag, attribute, value, policy):
    if not policy.allows(tag, attribute):
        hint = " (event handlers are never allowed)" if attribute.startswith("on") else ""
        return [Finding(attribute, f"the attribute {attribute}= on <{tag}> is not allowed{hint}: remove it")]
    if attribute in policy.url_attributes:
        problem = url_problem(attribute, value, policy)
        if problem:
            return [Finding(value.strip()[:40] or attribute, f"<{tag} {attribute}=...> holds {problem}")]
    if attribute == "style":
        problem = style_problem(value, policy)
        if problem:
            return [Finding("style", f"<{tag}> holds {problem}")]
    return []


def locate(needle, source):
    """The 1-based line of ``source`` that holds ``needle`` (compared without case and
    with entities decoded), or None."""
    needle = needle.lower()
    for number, line in enumerate(source.split("\n"), 1):
        if needle in line.lower() or needle in html.unescape(line).lower():
            return number
    return None


# --------------------------------------------------------------------------- filter


def _nh3_attributes(policy):
    attributes = {tag: set(attrs) | {name.lower() for name in attrs} for tag, attrs in policy.elements.items()}
    attributes["*"] = set(policy.global_attributes)
    return attributes


def _keep_attribute(policy):
    def keep(tag, attribute, value):
        if attribute in policy.url_attributes and url_problem(attribute, value, policy):
            return None
        if attribute == "style" and style_problem(value, policy):
            return None
        return value
    return keep


def make_cleaner(policy=POLICY):
    """nh3 set up with the policy: the same elements, attributes and schemes."""
    options = dict(tags=set(policy.elements), attributes=_nh3_attributes(policy),
                   url_schemes=set(policy.link_schemes), link_rel=None, strip_comments=True,
                   filter_style_properties=set(policy.style_properties),
                   attribute_filter=_keep_attribute(policy))
    return lambda fragment: nh3.clean(fragment, **options)


sanitize = make_cleaner()


# --------------------------------------------------------------------------- engines


# The files the page being converted comes from, as an engine adapter says:
# [(name for messages, the file's text)]; a page made of several files (a fallback page
# showing the texts of other languages) names the one that holds the problem.
_PAGE = contextvars.ContextVar("accord_page_sources", default=None)


def set_page_sources(sources):
    """Problems of the next conversions name the file of ``sources`` ([(name, text)],
    front matter included) and the line that holds them; the engine's adapter sets them
    before a page and ``[]`` when the page is done (hooks/page_policy.py)."""
    _PAGE.set(list(sources))


def problems_of(fragment, markdown_text, policy=POLICY):
    """``file:line: message`` for each finding (``line N: message`` when no engine said
    which file)."""
    sources = _PAGE.get() or [(None, markdown_text)]
    result = []
    for finding in findings(fragment, policy):
        name, line = next(((name, line) for name, text in sources
                           if (line := locate(finding.needle, text)) is not None), (sources[0][0], None))
        if name:
            where = f"{name}:{line}" if line else name
        else:
            where = f"line {line}" if line else "the page"
        result.append(f"{where}: {finding.message}")
    return result


class _Source(markdown.preprocessors.Preprocessor):
    """Keeps the Markdown as given, to find the line of a problem in it."""

    def run(self, lines):
        self.md.accord_source = "\n".join(lines)
        return lines


class _Enforce(markdown.postprocessors.Postprocessor):
    """After every other postprocessor (raw HTML is back in place): check, then filter."""

    def run(self, text):
        problems = problems_of(text, getattr(self.md, "accord_source", ""))
        if problems:
            raise UnsafeMarkup(problems)
        return sanitize(text)


class PagePolicyExtension(markdown.Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(_Source(md), "accord_source", 1000)
        md.postprocessors.register(_Enforce(md), "accord_page_policy", 0)


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    return PagePolicyExtension(**kwargs)
