"""Writing a letter as .txt and .md: structure kept, Markdown syntax in the text escaped."""

from __future__ import annotations

import html
import re

import pytest

from simplify.document import BlockKind
from simplify.formats.text_write import escape_markdown, letter_lines, letter_markdown, letter_text
from simplify.shape import Shape, Zone

markdown_it = pytest.importorskip("markdown_it")


def _rendered_text(markdown: str) -> str:
    """What a CommonMark reader shows: the rendered HTML without its tags."""
    rendered = markdown_it.MarkdownIt("commonmark").render(markdown)
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


def _zone(text: str, passage: str, kind: BlockKind) -> Zone:
    start = text.index(passage)
    return Zone(start, start + len(passage), kind)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Madame,\n\nMerci.", "Madame,\n\nMerci.\n"),
        ("Madame,\n\nMerci.\n\n\n", "Madame,\n\nMerci.\n"),
        ("", ""),
        ("  \n\n", ""),
    ],
)
def test_text_write_letter_ends_with_one_newline(text: str, expected: str) -> None:
    assert letter_text(text) == expected


def test_text_write_lines_know_headings_items_and_letterhead() -> None:
    text = "Mairie\n1 rue Haute\n\nVotre aide\n\n• Un\n\n12. Douze\n\nTexte."
    shape = Shape(
        zones=(
            _zone(text, "Mairie\n1 rue Haute", BlockKind.HEADER),
            _zone(text, "Votre aide", BlockKind.HEADING),
        )
    )
    lines = [
        (line.kind, line.header, line.marker, line.number) for line in letter_lines(text, shape)
    ]
    assert lines == [
        ("text", True, "", None),
        ("text", True, "", None),
        ("blank", False, "", None),
        ("heading", False, "", None),
        ("blank", False, "", None),
        ("item", False, "• ", None),
        ("blank", False, "", None),
        ("item", False, "12. ", 12),
        ("blank", False, "", None),
        ("text", False, "", None),
    ]
    assert [line.content for line in letter_lines(text) if line.kind == "item"] == ["Un", "Douze"]


def test_text_write_markdown_headings_lists_and_line_breaks() -> None:
    text = (
        "Mairie de Lyon\n1 place de la Comédie\n\nVos droits\n\nMadame,\n\n"
        "• Premier point\n\n• Second point\nsur deux lignes\n\n1. un\n2. deux\n\nFin."
    )
    shape = Shape(zones=(_zone(text, "Vos droits", BlockKind.HEADING),))
    assert letter_markdown(text, shape) == (
        "Mairie de Lyon  \n1 place de la Comédie\n\n## Vos droits\n\nMadame,\n\n"
        "- Premier point\n\n- Second point  \n  sur deux lignes\n\n1. un\n2. deux\n\nFin.\n"
    )


def test_text_write_markdown_heading_over_two_lines_is_one_heading() -> None:
    text = "Titre\nsuite\n\nTexte."
    shape = Shape(zones=(Zone(0, 11, BlockKind.HEADING),))
    assert letter_markdown(text, shape) == "## Titre suite\n\nTexte.\n"


def test_text_write_markdown_without_shape_has_no_heading() -> None:
    assert letter_markdown("Titre\n\nTexte.") == "Titre\n\nTexte.\n"


@pytest.mark.parametrize(
    ("line", "escaped"),
    [
        ("# pas un titre", "\\# pas un titre"),
        ("> pas une citation", "\\> pas une citation"),
        ("+ pas une liste", "\\+ pas une liste"),
        ("2024. Une année", "2024\\. Une année"),
        ("---", "\\---"),
        ("===", "\\==="),
        ("Un *mot* et _deux_", "Un \\*mot\\* et \\_deux\\_"),
        ("nom_de_famille reste", "nom_de_famille reste"),
        ("`code` [lien](x)", "\\`code\\` \\[lien\\](x)"),
        ("<script>alert(1)</script>", "\\<script>alert(1)\\</script>"),
        ("Tom &amp; Jerry & co", "Tom \\&amp; Jerry & co"),
        ("C:\\dossier et \\*", "C:\\dossier et \\\\\\*"),
        ("Le 3 # reste", "Le 3 # reste"),
    ],
)
def test_text_write_markdown_escapes_syntax(line: str, escaped: str) -> None:
    assert escape_markdown(line) == escaped


def test_text_write_markdown_text_stays_text() -> None:
    lines = [
        "# Objet : votre dossier",
        "> rappel",
        "+ pièce",
        "2024. Une année difficile",
        "Un *mot* en _italique_, du `code`, un [lien](http://exemple.fr)",
        "<script>alert('x')</script> & &amp; &#65;",
        "---",
        "Montant : 12 € ~ environ ~~",
        "Fin \\",
    ]
    text = "\n\n".join(lines)
    shown = [line for line in _rendered_text(letter_markdown(text)).splitlines() if line]
    assert shown == lines


def test_text_write_markdown_items_render_as_lists() -> None:
    markdown = letter_markdown("Pièces :\n\n• relevé\n\n• avis\n\n3. trois\n\n4. quatre")
    rendered = markdown_it.MarkdownIt("commonmark").render(markdown)
    assert rendered.count("<ul>") == 1 and rendered.count("<li>") == 4
    assert '<ol start="3">' in rendered
    assert "relevé" in rendered and "•" not in rendered
