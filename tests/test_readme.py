"""The README's before/after example is what `simplify rewrite --only all` gives today."""

from __future__ import annotations

import re
from pathlib import Path

from simplify.rewrite.planner import rewrite

ROOT = Path(__file__).resolve().parent.parent


def _quoted(block: str) -> str:
    lines = [line[2:] if line.startswith("> ") else line[1:] for line in block.splitlines()]
    return "\n".join(lines)


def _words(text: str) -> list[str]:
    """The text as words and marks: the README wraps its lines, a list item sits on its own
    line ("- une preuve de domicile") and a blank quoted line sets the list apart."""
    return text.split()


def test_readme_rewrite_example_is_the_command_output() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"\nbecomes\n\n((?:>.*\n)+)", readme)
    assert match is not None, "the README lost its before/after example"
    letter = (ROOT / "docs" / "exemple-lettre.txt").read_text(encoding="utf-8")
    result = rewrite(letter, only="all")
    body = result.text.split("Madame,\n\n", 1)[1].strip()
    assert _words(_quoted(match.group(1).rstrip())) == _words(body)
    items = [line for line in body.splitlines() if line.startswith("- ")]
    assert items == [line for line in _quoted(match.group(1)).splitlines() if line.startswith("- ")]
