"""Build tools for the site: snippet outputs, shape claims, figures, notebooks.

Nothing in here imports TensorFlow at module level: a prose-only build must not need it.
Paths, languages and page URLs live in tools/layout.py.
"""
