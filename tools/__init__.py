"""Build tools for the site: snippet outputs, shape claims, figures, notebooks.

Nothing in here imports TensorFlow at module level: a prose-only build must not need it.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
