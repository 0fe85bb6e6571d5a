"""Accord's command-line tools: the normalizer (sources/ -> docs/) and its checkers."""
