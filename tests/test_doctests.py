"""The examples in the docstrings of every module of accord/ (the library's tables, identifiers,
title rule, citation stages, page policy, permalinks, Content-Security-Policy) and of
scripts/ (the normalizer's stages, the extraction of a Word file) hold."""
import doctest
import importlib
import pkgutil

import pytest

import accord
import scripts

MODULES = [importlib.import_module(f"{package.__name__}.{info.name}")
           for package in (accord, scripts) for info in pkgutil.iter_modules(package.__path__)]


@pytest.mark.parametrize("module", MODULES, ids=[m.__name__ for m in MODULES])
def test_the_examples_of_a_module_hold(module):
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0


def test_the_modules_that_define_the_library_have_examples():
    tried = {m.__name__: doctest.testmod(m, optionflags=doctest.ELLIPSIS).attempted for m in MODULES}
    for name in ("accord.identifiers", "accord.titles", "accord.library", "accord.page_policy",
                 "accord.permalinks", "accord.content_security", "scripts.extract"):
        assert tried[name] > 0, name
