"""MkDocs hooks (mkdocs.yml `hooks:`): thin, one job each; the work is done by the modules they call.

MkDocs loads each file by its path: the build runs as `python -m tools.site` from the repository
root (make build, make serve), so `tools` is importable. A builder without hooks (Zensical) can
run the two page rewriters on a built site instead: `python -m tools.produce.math_render SITE`,
`python -m tools.hooks.code_spans SITE`.
"""
