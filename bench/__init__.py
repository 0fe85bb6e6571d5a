"""Accord's scale benchmark (issue 6): `python -m bench.run`, see bench/run.py.

Everything it builds lives in a temporary directory; the synthetic corpora it makes
are benchmark data only and are never published.
"""
