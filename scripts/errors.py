"""The one error type of the pipeline: it names the file and, where known, the line."""


class SourceError(Exception):
    """Bad input: printed as ``file:line: message`` and the run exits with status 1."""

    def __init__(self, path, message, line=None):
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")
