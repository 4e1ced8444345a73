"""Text as the console shows it: direction controls removed.

The collectors strip them from what they gather (``collectors.textnorm``); rows stored before
that, display names and anything typed in still may carry one, and a right-to-left override in
"‮员理管" would show "管理员". Every template output (the Jinja ``finalize`` hook) and every
export passes :func:`plain`; the templates also isolate scraped text (``dir=auto``, ``<bdi>``).
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")


def plain(text: str) -> str:
    return BIDI_CONTROLS.sub("", text) if text else text


def finalize(value: Any) -> Any:
    """Jinja's finalize hook: strings lose their direction controls (markup is ours, left as it is)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return plain(value)
    return value
