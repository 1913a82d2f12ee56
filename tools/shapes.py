"""Shape claims: every tensor shape a page states, checked against the stored run."""

from __future__ import annotations

import re

# `(1, 4, 3)<!-- shape: hidden_states -->` and `(h_0, h_1)<!-- not-shape -->`
TAG = re.compile(r"<!--\s*(?:shape\s*:\s*[^>]*?|not-shape)\s*-->")


def strip_tags(text: str) -> str:
    """Remove claim tags so readers see only the tuple."""
    return TAG.sub("", text)
