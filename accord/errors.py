"""The one error a build stage raises for a problem in the site's files (a page, a data
file): under MkDocs it is a PluginError, which MkDocs prints as a clean error without a
traceback; under another engine (Zensical, make zensical) a plain exception."""
try:
    from mkdocs.exceptions import PluginError as _EngineError
except ImportError:                      # pragma: no cover (no MkDocs installed)
    _EngineError = Exception


class BuildProblem(_EngineError):
    """A problem in a file of the site, the message naming the file (and line)."""
