"""Fill {placeholders} of a rule's French message with what a finding found."""

from __future__ import annotations

import string
from typing import Any


class _Fields(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(template: str, **fields: Any) -> str:
    """str.format that leaves unknown fields as they are (a message is data, not code)."""
    return string.Formatter().vformat(template, (), _Fields(fields))
