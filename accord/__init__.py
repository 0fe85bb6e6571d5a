"""Accord's shared library: what more than one stage (scripts/, hooks/, the Markdown
extensions named in mkdocs.yml) needs, importable from any of them.

`make` puts the project root on the venv's path (.venv/.../accord.pth), so MkDocs, which
imports the Markdown extensions named in mkdocs.yml by module name, finds them too.
"""
