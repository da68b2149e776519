"""Loading packs: a malformed pack fails at load time naming file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from simplify.rules.registry import load_pack, load_rule_set
from simplify.rules.yamlsource import PackError

GOOD = """\
pack: mine
rules:
  - id: MY-001
    name: word-bureau
    type: pattern
    category: jargon
    severity: info
    params:
      regex: "\\\\bbureau\\\\b"
    message: "« {text} » : dites « guichet »."
    why: "Le mot du lieu où l'on vient."
    status: stable
    since: "0.1.0"
    examples:
      fire:
        - text: "Venez au bureau."
          flag: "bureau"
      pass:
        - "Venez au guichet."
"""


def _write(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "packs"
    folder.mkdir(exist_ok=True)
    (folder / "mine.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("broken", "where", "key"),
    [
        (GOOD.replace("    severity: info\n", "    severity: grave\n"), ":7", "severity"),
        (GOOD.replace("    category: jargon\n", "    category: style\n"), ":6", "category"),
        (GOOD.replace("    type: pattern\n", "    type: magic\n"), ":5", "type"),
        (GOOD.replace("    status: stable\n", ""), ":3", "status"),
        (GOOD.replace("    why:", "    colour: red\n    why:"), ":11", "colour"),
        (GOOD.replace('      pass:\n        - "Venez au guichet."\n', ""), ":14", "pass"),
        (GOOD.replace('regex: "\\\\bbureau\\\\b"', 'regex: "(bureau"'), ":3", "regex"),
        (GOOD.replace("    message:", "    message: [\n    oops:"), ":", "YAML"),
    ],
)
def test_registry_malformed_pack_names_file_line_and_key(
    tmp_path: Path, broken: str, where: str, key: str
) -> None:
    folder = _write(tmp_path, broken)
    with pytest.raises(PackError) as error:
        load_rule_set((folder,))
    message = str(error.value)
    assert "mine.yaml" + where in message
    assert key in message


def test_registry_user_pack_adds_rules(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    rules = load_rule_set((_write(tmp_path, GOOD),))
    assert rules.find("MY-001") is not None
    from simplify.analysis import analyse

    report = analyse("Objet : test\n\nVenez au bureau.", rules=rules)
    assert [f.text for f in report.findings if f.rule == "MY-001"] == ["bureau"]


def test_registry_user_rule_with_same_id_replaces_builtin(tmp_path: Path) -> None:
    rules = load_rule_set((_write(tmp_path, GOOD.replace("MY-001", "PON-001")),))
    assert rules.find("PON-001").spec.name == "word-bureau"  # type: ignore[union-attr]


def test_registry_rules_can_be_switched_off_per_run(run) -> None:  # type: ignore[no-untyped-def]
    text = "Objet : test\n\nVotre dossier est complet ; il sera étudié en mars."
    assert any(f.rule == "PON-001" for f in run(text).findings)
    assert not any(f.rule == "PON-001" for f in run(text, disabled=["PON-001"]).findings)
    assert not any(f.rule == "PON-001" for f in run(text, disabled=["semicolon"]).findings)


def test_registry_builtin_packs_load_with_line_sources() -> None:
    specs = load_pack(Path(__file__).resolve().parents[2] / "rules" / "packs" / "surface.yaml")
    assert all(":" in spec.source for spec in specs)


def test_registry_missing_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="introuvable"):
        load_rule_set((tmp_path / "nowhere",))
