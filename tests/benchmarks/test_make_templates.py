"""The template generator of the batch-audit benchmark: deterministic, in bounds, safe."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from docx import Document

from benchmarks.make_templates import change, generate, main

PLACEHOLDERS = ("{{nom}}", "«NOM_USAGER»", "${date_limite}", "[NUMERO DOSSIER]")


def read_text(path: Path) -> str:
    if path.suffix == ".docx":
        return "\n".join(paragraph.text for paragraph in Document(str(path)).paragraphs)
    return path.read_text(encoding="utf-8")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return generate(tmp_path_factory.mktemp("batch") / "modeles", count=30, seed=7)


def test_paths_are_sorted_named_and_spread_over_services(templates: list[Path]) -> None:
    assert len(templates) == 30
    assert templates == sorted(templates)
    assert all(re.fullmatch(r"modele-\d{4}\.(docx|txt)", path.name) for path in templates)
    assert len({path.parent.name for path in templates}) >= 4
    assert {path.parent.parent for path in templates} == {templates[0].parent.parent}


def test_both_formats_are_present(templates: list[Path]) -> None:
    suffixes = [path.suffix for path in templates]
    assert 5 <= suffixes.count(".docx") <= 25
    assert suffixes.count(".docx") + suffixes.count(".txt") == 30


def test_every_template_has_150_to_600_words(templates: list[Path]) -> None:
    counts = {path.name: len(re.findall(r"\w+", read_text(path))) for path in templates}
    assert all(150 <= count <= 600 for count in counts.values()), counts
    assert max(counts.values()) - min(counts.values()) > 100  # drawn, not all the same


def test_letter_shape(templates: list[Path]) -> None:
    for path in templates:
        text = read_text(path)
        assert "Objet : " in text
        assert re.search(r"^Madame(, Monsieur)?\b.*,$", text, re.MULTILINE), path
    docx = next(path for path in templates if path.suffix == ".docx")
    style = Document(str(docx)).paragraphs[0].style
    assert style is not None
    assert style.name == "Heading 1"


def test_placeholders_in_some_templates_only(templates: list[Path]) -> None:
    texts = [read_text(path) for path in templates]
    marked = [text for text in texts if any(mark in text for mark in PLACEHOLDERS)]
    assert 0 < len(marked) < len(texts)
    every_mark = "".join(texts)
    assert all(mark in every_mark for mark in PLACEHOLDERS)


def test_same_seed_same_templates(tmp_path: Path, templates: list[Path]) -> None:
    again = generate(tmp_path / "again", count=30, seed=7)
    root, again_root = templates[0].parent.parent, again[0].parent.parent
    assert [p.relative_to(again_root) for p in again] == [p.relative_to(root) for p in templates]
    for first, second in zip(templates, again, strict=True):
        if first.suffix == ".txt":
            assert first.read_bytes() == second.read_bytes()
        else:
            assert read_text(first) == read_text(second)
    other = generate(tmp_path / "other", count=30, seed=8)
    assert [read_text(path) for path in other] != [read_text(path) for path in again]


def test_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("à garder", encoding="utf-8")
    with pytest.raises(ValueError, match="pas un dossier vide"):
        generate(tmp_path, count=3)
    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"]
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "à garder"


def test_an_empty_or_missing_folder_is_fine(tmp_path: Path) -> None:
    assert len(generate(tmp_path, count=2)) == 2
    assert len(generate(tmp_path / "a" / "b", count=2)) == 2


def test_change_alters_exactly_the_expected_files(tmp_path: Path) -> None:
    paths = generate(tmp_path / "modeles", count=30, seed=3)
    before = {path: (digest(path), read_text(path)) for path in paths}
    changed = change(paths, share=0.1, seed=5)
    assert len(changed) == 3
    assert changed == sorted(changed)
    after = {path: (digest(path), read_text(path)) for path in paths}
    assert {path for path in paths if after[path][0] != before[path][0]} == set(changed)
    for path in changed:
        assert after[path][1].startswith(before[path][1].rstrip("\n"))
        assert len(after[path][1]) > len(before[path][1])
    # The same call again changes the same files again: a rerun finds them new.
    assert change(paths, share=0.1, seed=5) == changed
    assert all(digest(path) != after[path][0] for path in changed)
    assert change(paths, share=0.0) == []


def test_change_refuses_other_files(tmp_path: Path) -> None:
    letter = tmp_path / "courrier.txt"
    letter.write_text("Madame, Monsieur,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="generate"):
        change([letter], share=1.0)
    assert letter.read_text(encoding="utf-8") == "Madame, Monsieur,\n"
    with pytest.raises(ValueError, match="share"):
        change([], share=1.5)


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main([str(tmp_path / "out"), "--count", "12", "--seed", "2"])
    output = capsys.readouterr().out
    assert re.match(r"12 modèles écrits dans .+ \(\d+ \.docx, \d+ \.txt\), \d+–\d+ mots", output)
    assert len(list((tmp_path / "out").rglob("modele-*"))) == 12
    with pytest.raises(SystemExit):
        main([str(tmp_path / "out"), "--count", "1"])
    assert "pas un dossier vide" in capsys.readouterr().err
