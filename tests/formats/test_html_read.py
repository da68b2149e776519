"""Reading HTML pages: visible text as lines, headings and letterhead zoned, list numbers fixed."""

from __future__ import annotations

import codecs
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simplify.document import BlockKind, ProtectedKind
from simplify.formats.errors import FormatError
from simplify.formats.html_read import extract_html
from simplify.formats.model import Extracted


def _read(page: str) -> Extracted:
    return extract_html(page.encode("utf-8"), "lettre.html")


def _zones(letter: Extracted) -> list[tuple[str, BlockKind]]:
    return [(letter.text[z.start : z.end], z.kind) for z in letter.shape.zones]


def test_html_read_paragraphs_are_lines_separated_by_a_blank_line() -> None:
    letter = _read(
        "<html><body><p>Madame,</p>\n  <p>Nous avons   bien\n reçu <b>votre</b> <i>dossier</i>."
        "</p><div>Il est <em>complet</em>.</div><blockquote>Citation</blockquote>"
        "<address>1 rue Haute<br>69001 Lyon</address></body></html>"
    )
    assert letter.text == (
        "Madame,\n\nNous avons bien reçu votre dossier.\n\nIl est complet.\n\nCitation\n\n"
        "1 rue Haute\n69001 Lyon"
    )
    assert letter.format == "html" and letter.shape.source == "html"


def test_html_read_entities_and_spaces_are_decoded_as_a_browser_shows_them() -> None:
    letter = _read(
        "<p>Caf&eacute; &amp; th&#233; &lt;b&gt;\u00a0:&nbsp;12&#8239;€ co\u00admmune</p>"
    )
    assert letter.text == "Café & thé <b>\u00a0:\u00a012\u202f€ commune"


def test_html_read_double_break_starts_a_paragraph() -> None:
    letter = _read("<div>Madame,<br><br>Nous avons reçu<br/>votre dossier.<br></div><p>Fin</p>")
    assert letter.text == "Madame,\n\nNous avons reçu\nvotre dossier.\n\nFin"


def test_html_read_skips_what_a_browser_does_not_show() -> None:
    letter = _read(
        "<html><head><title>Lettre  de relance</title><style>p { color: red }</style>"
        "<script>document.write('<p>non</p>')</script></head><body>"
        "<p>Visible</p><template><p>modèle</p></template><noscript>activez JS</noscript>"
        "<svg><title>logo</title><text>Logo</text></svg><p hidden>caché</p>"
        '<p aria-hidden="true">décor</p><div style="display: none"><p>masqué</p></div>'
        "<p>Un <span hidden>mot </span>texte</p></body></html>"
    )
    assert letter.text == "Visible\n\nUn texte"
    assert letter.extra["title"] == "Lettre de relance"
    assert any("masqué" in note for note in letter.notes)


def test_html_read_page_without_head_tag_still_skips_the_head_content() -> None:
    letter = _read("<title>Titre</title><meta charset=utf-8><p>Texte</p>")
    assert letter.text == "Texte"
    assert letter.extra["title"] == "Titre"


def test_html_read_headings_and_page_header_and_footer_are_zones() -> None:
    letter = _read(
        '<html lang="fr"><body><header><p>Mairie de Lyon</p><p>1 place<br>69001 Lyon</p></header>'
        "<main><h1>Votre demande</h1><p>Madame,</p><article><header>Pas la page</header>"
        "<h2>Vos droits</h2></article></main><footer>Pied de page</footer></body></html>"
    )
    assert letter.text == (
        "Mairie de Lyon\n\n1 place\n69001 Lyon\n\nVotre demande\n\nMadame,\n\nPas la page\n\n"
        "Vos droits\n\nPied de page"
    )
    assert _zones(letter) == [
        ("Mairie de Lyon\n\n1 place\n69001 Lyon", BlockKind.HEADER),
        ("Votre demande", BlockKind.HEADING),
        ("Vos droits", BlockKind.HEADING),
        ("Pied de page", BlockKind.HEADER),
    ]
    assert letter.extra["lang"] == "fr"


def test_html_read_list_items_start_with_the_marker_a_reader_sees() -> None:
    letter = _read(
        "<p>Pièces :</p><ul><li>relevé<li>avis <ul><li>page 1</li></ul></ul>"
        '<ol start="3"><li>trois</li><li value="7">sept</li><li>huit</li></ol>'
        '<ol type="a"><li>premier</li><li>second</li></ol>'
    )
    assert letter.text == (
        "Pièces :\n\n• relevé\n\n• avis\n\n◦ page 1\n\n3. trois\n\n7. sept\n\n8. huit\n\n"
        "a. premier\n\nb. second"
    )
    fixed = [(letter.text[f.start : f.end], f.kind, f.label) for f in letter.shape.fixed]
    markers = ["• ", "• ", "◦ ", "3. ", "7. ", "8. ", "a. ", "b. "]
    assert fixed == [(m, ProtectedKind.MARKUP, "liste") for m in markers]
    items = [text for text, kind in _zones(letter) if kind is BlockKind.LIST_ITEM]
    assert items[:2] == ["• relevé", "• avis\n\n◦ page 1"]
    assert items[-1] == "b. second"


def test_html_read_infers_the_end_tags_a_browser_infers() -> None:
    letter = _read(
        "<p>un<p>deux<div>bloc</div>suite</p><table><tr><td>A<td> <td>C<tr><th>D</table>"
        "<dl><dt>Terme<dd>Définition</dl><p>a</b></i>b</p></p>fin"
    )
    assert letter.text == (
        "un\n\ndeux\n\nbloc\n\nsuite\n\nA\n\nC\n\nD\n\nTerme\n\nDéfinition\n\nab\n\nfin"
    )
    assert any("tableau" in note for note in letter.notes)


def test_html_read_preformatted_lines_are_kept() -> None:
    letter = _read("<pre>\nMadame,\n   nous avons reçu\nvotre dossier.\n\nCordialement.\n</pre>")
    assert letter.text == "Madame,\nnous avons reçu\nvotre dossier.\n\nCordialement."


def test_html_read_source_says_where_each_stretch_comes_from() -> None:
    letter = _read(
        "<body><div><p>Un</p></div><div><p>Deux</p><p>Trois</p><p>Quatre <b>gras</b></p>"
        "<ul><li>item</li></ul></div></body>"
    )
    pieces = [(letter.text[p.start : p.end], p.where) for p in letter.source]
    assert pieces == [
        ("Un", "body > div[1] > p[1]"),
        ("Deux", "body > div[2] > p[1]"),
        ("Trois", "body > div[2] > p[2]"),
        ("Quatre", "body > div[2] > p[3]"),
        ("gras", "body > div[2] > p[3] > b[1]"),
        ("• ", "body > div[2] > ul[1] > li[1], numéro affiché"),
        ("item", "body > div[2] > ul[1] > li[1]"),
    ]


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + "<p>Café</p>".encode(), "utf-8"),
        (codecs.BOM_UTF16_LE + "<p>Café</p>".encode("utf-16-le"), "utf-16"),
        ('<meta charset="windows-1252"><p>Café</p>'.encode("cp1252"), "cp1252"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>Caf\xe9</p>',
         "cp1252"),
        ("<p>Café</p>".encode(), "utf-8"),
        ("<p>Café</p>".encode("cp1252"), "cp1252"),
    ],
)  # fmt: skip
def test_html_read_decodes_bom_declared_charset_utf8_then_windows_1252(
    data: bytes, encoding: str
) -> None:
    letter = extract_html(data, "lettre.html")
    assert letter.text == "Café"
    assert letter.encoding == encoding


def test_html_read_wrong_declared_charset_is_noted() -> None:
    letter = extract_html('<meta charset="utf-8"><p>Café</p>'.encode("cp1252"), "lettre.html")
    assert letter.text == "Café"
    assert any("utf-8" in note for note in letter.notes)


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "vide"),
        (b"  \n ", "vide"),
        (b"\x00\x01\x02\x03binary", "binaire"),
        (b"PK\x03\x04\x14\x00\x00\x00", "Word"),
        (b"%PDF-1.7\n\x00\x00\x01", "PDF"),
        (b"<html><head><title>T</title></head><body><script>x()</script></body></html>",
         "aucun texte visible"),
        (b"<p>" + b"a" * 2_000_001 + b"</p>", "trop grosse"),
    ],
)  # fmt: skip
def test_html_read_refuses_bad_input_in_french(data: bytes, says: str) -> None:
    with pytest.raises(FormatError) as raised:
        extract_html(data, "lettre.html")
    message = str(raised.value)
    assert message.startswith("lettre.html : ") and says in message
    assert " ; " in message  # what is wrong, then what to do


def test_html_read_deep_nesting_is_read_quickly_with_a_short_path() -> None:
    page = "<div>" * 20_000 + "<p>Texte</p>" + "</div>" * 20_000 + "<p>Fin</p>"
    started = time.perf_counter()
    letter = _read(page)
    assert time.perf_counter() - started < 5
    assert letter.text == "Texte\n\nFin"
    assert letter.source[0].where.startswith("body > … > ")
    assert letter.source[1].where == "body > p[1]"


_TAGS = ["p", "div", "br", "li", "ul", "ol", "h1", "td", "tr", "table", "b", "pre", "header",
         "footer", "script", "span", "section"]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from([f"<{t}>" for t in _TAGS] + [f"</{t}>" for t in _TAGS]),
            st.sampled_from(["<li value=x>", "<ol start='-2'>", "<p hidden>", "<!-- x", "&amp;",
                             "&", "<", "\n", "  ", "<![CDATA[x]]>", "<br/>", "</br>"]),
            st.text(alphabet="abc é\u00a0\t", min_size=1, max_size=5),
        ),
        max_size=40,
    )
)  # fmt: skip
def test_html_read_any_tag_soup_gives_a_letter_or_a_french_error(parts: list[str]) -> None:
    try:
        letter = _read("".join(parts))
    except FormatError as error:
        assert str(error).startswith("lettre.html : ")
        return
    text = letter.text
    assert text.strip() and text == text.strip(" \n")
    assert "\n\n\n" not in text
    if "<pre>" not in parts:  # spaces are collapsed, except in preformatted text
        assert "  " not in text
    spans = [(z.start, z.end) for z in letter.shape.zones]
    spans += [(f.start, f.end) for f in letter.shape.fixed]
    spans += [(p.start, p.end) for p in letter.source]
    assert all(0 <= start < end <= len(text) for start, end in spans)
    for fixed in letter.shape.fixed:
        marker = text[fixed.start : fixed.end]
        assert marker in {"• ", "◦ ", "▪ "} or marker.endswith(". ")


def test_html_read_shape_drives_the_analysis(run) -> None:  # type: ignore[no-untyped-def]
    letter = _read(
        "<header><p>Mairie de Lyon</p></header><h1>Votre aide au logement</h1>"
        "<p>Madame,</p><p>Nous avons reçu votre demande.</p>"
        "<ol><li>Envoyez votre avis d'imposition.</li><li>Signez le formulaire.</li></ol>"
    )
    report = run(letter.text, shape=letter.shape)
    kinds = [(report.document.block_text(i), b.kind) for i, b in enumerate(report.document.blocks)]
    assert ("Mairie de Lyon", BlockKind.HEADER) in kinds
    assert ("Votre aide au logement", BlockKind.HEADING) in kinds
    assert ("1. Envoyez votre avis d'imposition.", BlockKind.LIST_ITEM) in kinds
    # The list numbers are protected (as list markup, or as numbers, which the engine ranks
    # first) and nothing is flagged in them.
    for fixed in letter.shape.fixed:
        assert report.document.protected_at(fixed.start, fixed.start + 1) is not None
        assert not any(f.start < fixed.end and fixed.start < f.end for f in report.findings
                       if f.scope != "document")  # fmt: skip
