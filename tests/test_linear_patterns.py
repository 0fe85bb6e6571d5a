"""Every regular expression applied to a contributor's text runs in linear time.

A heading line of 64,000 spaces once took 263 s (``MD_HEADING``'s ``.+?\\s*#*$``
backtracked over the spaces). Each pattern of the normalizer (scripts/patterns.py and
the escaping of scripts/render.py), of the fidelity checker, of the page policy and of
the citation finder (accord/citation_patterns.yml, every language) is run here on lines
of 100,000 characters made of the pieces that make patterns backtrack; so are the
cleaner and the block splitter as a whole. A linear pattern takes milliseconds on such a
line, a quadratic one minutes: the bound of one second separates them on any machine.
"""
import collections
import gc
import re
import time

import pytest

from accord import page_policy
from scripts import fidelity, patterns, render
from scripts.blocks import split_blocks
from scripts.clean import clean_lines

from accord import citation_find as citations

LENGTH = 100_000
# Pieces repeated into a line: spaces and tabs, the characters patterns hinge on, and the
# starts of the constructs they look for, in the six languages.
PIECES = [" ", "\t", "#", "# ", "*", "**", "_", "-", "- ", "(", "(a) ", ":", ": ", ".", "1", "1.", "١", "٩/", "第",
          "十", "一百", "[^", "[^1]", "<sup>", "¹", "{:", "](", "www.", "www.a", "a", "a ", "\ue000", "&#",
          "resolution 71/", "résolution ", "A/RES/", "第71/", "号决议", "القرار ", "резолюции ", "، ", "。", "article "]


def lines(length=LENGTH):
    for piece in PIECES:
        yield piece, (piece * (length // len(piece) + 1))[:length]
        yield f"{piece}+end", (piece * (length // len(piece) + 1))[:length - 1] + "\u4e00"


# A line that takes longer than this is read again at twice its length: a linear reading
# takes about twice as long, a quadratic one four times. Judged on that growth, not on the
# time itself, so that a loaded machine (a build running beside the tests) fails nothing.
SLOW_SECONDS = 0.5
SUPERLINEAR = 3.0


def super_linear(read):
    """The lines ``read`` (a function of one line) is super-linear on: [(piece, growth)]."""
    found = []
    doubled = dict(lines(2 * LENGTH))
    for piece, line in lines():
        took = seconds(read, line)
        if took > SLOW_SECONDS:
            # the fastest of three runs at each length: another process on a loaded
            # machine only ever adds time (a linear pattern read x3.1 once under load)
            took = min(took, seconds(read, line), seconds(read, line))
            if took <= SLOW_SECONDS:
                continue                     # it was the machine, not the pattern
            growth = min(seconds(read, doubled[piece]) for _ in range(3)) / took
            if growth > SUPERLINEAR:
                found.append(f"{piece!r}: {took:.1f} s, x{growth:.1f} at twice the length")
    return found


def contributor_patterns():
    """(name, compiled pattern) of every module-level pattern that reads contributor text."""
    found = []
    for module in (patterns, render, fidelity, page_policy):
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found.append((f"{module.__name__}.{name}", value))
    table = citations.load_patterns()
    for lang, compiled in table.patterns.items():
        for pattern in compiled:
            found.append((f"citation {lang} {pattern.id}", pattern.regex))
    return found


PATTERNS = contributor_patterns()


def seconds(function, *args):
    """The time ``function`` takes, the garbage collector held off: a list of 200,000
    match objects makes it run ever longer, and growth then looks quadratic."""
    gc.disable()
    try:
        start = time.perf_counter()
        function(*args)
        return time.perf_counter() - start
    finally:
        gc.enable()


def test_the_patterns_are_found():
    names = {name for name, _ in PATTERNS}
    assert "scripts.patterns.MD_HEADING" in names
    assert len([n for n in names if n.startswith("citation ")]) > 20


@pytest.mark.parametrize("name, pattern", PATTERNS, ids=[name for name, _ in PATTERNS])
def test_a_pattern_is_linear_on_long_lines(name, pattern):
    # finditer tries every start position: what search and match try, and more
    slow = super_linear(lambda text: collections.deque(pattern.finditer(text), maxlen=0))
    assert not slow, f"{name} is super-linear on 100,000-character lines: {slow}"


def test_the_cleaner_and_the_block_splitter_are_linear_on_long_lines():
    slow = super_linear(lambda line: split_blocks(clean_lines([line, "", line]), "blank-lines"))
    assert not slow, slow


def test_a_heading_of_64000_spaces_is_read_at_once():
    def read(spaces):
        return seconds(patterns.MD_HEADING.match, "#" + " " * spaces + "x")
    took = read(64_000)
    assert took < SLOW_SECONDS or read(128_000) / took < SUPERLINEAR
    assert patterns.MD_HEADING.match("## Title ##").group("text") == "Title"
    assert patterns.MD_HEADING.match("#" + " " * 64_000) is None
