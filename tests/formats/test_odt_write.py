"""Writing changes into .odt letters: clean copies, ODF tracked changes with comments, refused
changes, and what LibreOffice makes of the tracked file."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from test_odt_read import (
    LETTER_TEXT,
    build_odt,
    letter_odt,
)

from simplify.formats.model import Change, Written
from simplify.formats.odt_read import extract_odt
from simplify.formats.odt_write import accept_all_odt, reject_all_odt, write_odt

DATE = datetime(2024, 5, 2, 9, 30, tzinfo=UTC)
NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xml": "http://www.w3.org/XML/1998/namespace",
}


def change(
    text: str, old: str, new: str, comment: str = "", nth: int = 0, group: str = ""
) -> Change:
    start = -1
    for _ in range(nth + 1):
        start = text.index(old, start + 1)
    return Change(start, start + len(old), new, comment, rule="test", group=group)


def applied(text: str, changes: tuple[Change, ...]) -> str:
    """The text with the changes made, from the end (at one place, the later first)."""
    ordered = sorted(enumerate(changes), key=lambda i: (i[1].start, i[1].end, i[0]), reverse=True)
    for _, item in ordered:
        text = text[: item.start] + item.replacement + text[item.end :]
    return text


def write(data: bytes, changes: list[Change], tracked: bool) -> Written:
    return write_odt(data, "courrier.odt", changes, tracked=tracked, author="Agent CCAS", date=DATE)


def content(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("content.xml"))


LETTER_CHANGES = [
    change(LETTER_TEXT, "Nous avons bien reçu", "Nous avons reçu", "Plus court."),
    change(LETTER_TEXT, "date_depot }} et", "date_depot }}, et", "Une virgule."),
    change(LETTER_TEXT, "étudier.  Merci", "étudier. Merci beaucoup", "Une espace."),
    change(LETTER_TEXT, "Remplissez", "Complétez", "Mot plus courant."),
    change(LETTER_TEXT, "Appelez-nous\tau", "Appelez  le", "Sans tabulation."),
    change(LETTER_TEXT, "120 euros", "120 €"),
    change(LETTER_TEXT, " logement", "", "Mot en trop."),
    change(LETTER_TEXT, "Envoyez-le", "Puis envoyez-le"),
]
NEW_TEXT = applied(LETTER_TEXT, tuple(LETTER_CHANGES))


@pytest.mark.parametrize("tracked", [False, True], ids=["propre", "suivi"])
def test_odt_write_gives_the_new_text(tracked: bool) -> None:
    written = write(letter_odt(), LETTER_CHANGES, tracked)
    assert written.refused == ()
    assert written.applied == tuple(sorted(LETTER_CHANGES, key=lambda c: c.start))
    assert extract_odt(written.data, "courrier.odt").text == NEW_TEXT


def test_odt_write_tracked_accepts_to_new_and_rejects_to_original() -> None:
    written = write(letter_odt(), LETTER_CHANGES, tracked=True)
    assert accept_all_odt(written.data) == NEW_TEXT
    assert reject_all_odt(written.data) == LETTER_TEXT


def test_odt_write_clean_has_no_revision_nor_comment() -> None:
    root = content(write(letter_odt(), LETTER_CHANGES, tracked=False).data)
    assert root.find(".//text:tracked-changes", NS) is None
    assert root.find(".//office:annotation", NS) is None
    assert reject_all_odt(write(letter_odt(), LETTER_CHANGES, tracked=False).data) == NEW_TEXT


def test_odt_write_tracked_structure_ids_and_comments() -> None:
    root = content(write(letter_odt(), LETTER_CHANGES, tracked=True).data)
    regions = root.findall(".//text:tracked-changes/text:changed-region", NS)
    ids = [region.get(f"{{{NS['xml']}}}id") for region in regions]
    assert len(ids) == len(set(ids)) == 8 + 7  # 8 deletions, 7 insertions
    assert [region.get(f"{{{NS['text']}}}id") for region in regions] == ids
    kinds = {
        region.get(f"{{{NS['text']}}}id"): etree.QName(region[0]).localname for region in regions
    }
    for region in regions:
        info = region.find("*/office:change-info", NS)
        assert info.findtext("dc:creator", namespaces=NS) == "Agent CCAS"
        assert info.findtext("dc:date", namespaces=NS) == "2024-05-02T09:30:00Z"
    body = root.find(".//office:text", NS)
    deletions = [m.get(f"{{{NS['text']}}}change-id") for m in body.iterfind(".//text:change", NS)]
    starts = [
        m.get(f"{{{NS['text']}}}change-id") for m in body.iterfind(".//text:change-start", NS)
    ]
    ends = [m.get(f"{{{NS['text']}}}change-id") for m in body.iterfind(".//text:change-end", NS)]
    assert {kinds[i] for i in deletions} == {"deletion"}
    assert {kinds[i] for i in starts} == {"insertion"}
    assert starts == ends
    assert sorted(deletions + starts) == sorted(ids)
    # Numbered in the order of the text.
    assert ids == [f"ct{n}" for n in range(1, 16)]
    annotations = body.findall(".//office:annotation", NS)
    assert [a.findtext("text:p", namespaces=NS) for a in annotations] == [
        "Mot en trop.",
        "Plus court.",
        "Une virgule.",
        "Une espace.",
        "Mot plus courant.",
        "Sans tabulation.",
    ]
    names = [a.get(f"{{{NS['office']}}}name") for a in annotations]
    ends_named = [
        e.get(f"{{{NS['office']}}}name") for e in body.iterfind(".//office:annotation-end", NS)
    ]
    assert names == ends_named
    assert len(set(names)) == len(names)
    assert {a.findtext("dc:creator", namespaces=NS) for a in annotations} == {"Agent CCAS"}


def test_odt_write_deleted_text_is_kept_with_its_style() -> None:
    root = content(write(letter_odt(), LETTER_CHANGES, tracked=True).data)
    kept = [
        etree.tostring(p, encoding="unicode").split(">", 1)[1]
        for p in root.iterfind(".//text:deletion/text:p", NS)
    ]
    assert '<text:s/><text:span text:style-name="Emphasis">logement</text:span></text:p>' in kept
    assert '<text:span text:style-name="T1">date_</text:span>depot }} et</text:p>' in kept
    assert "étudier. <text:s/>Merci</text:p>" in kept
    assert "Appelez-nous<text:tab/>au</text:p>" in kept


def test_odt_write_replacement_takes_the_style_of_the_replaced_text() -> None:
    data = build_odt(
        "<text:p>Votre <text:span text:style-name='T1'>dossier complet</text:span>.</text:p>"
    )
    text = extract_odt(data, "c.odt").text
    written = write(data, [change(text, "dossier complet", "demande")], tracked=False)
    paragraph = content(written.data).find(".//office:text/text:p", NS)
    assert etree.tostring(paragraph, encoding="unicode").endswith(
        '>Votre <text:span text:style-name="T1">demande</text:span>.</text:p>'
    )


@pytest.mark.parametrize("tracked", [False, True], ids=["propre", "suivi"])
@pytest.mark.parametrize(
    ("inner", "old", "new", "xml"),
    [
        # XML written with indentation: white space collapses, the writer keeps what shows.
        ("\n   Bonjour   à\n   tous  ", "à", "à vous", None),
        ("Un mot", "Un", " Un", "<text:s/>Un"),
        ("Un mot", "Un mot", "Un   mot", 'Un <text:s text:c="2"/>mot'),
        ("Un mot", "mot", "mot\tsuivi\nfin", "<text:tab/>suivi<text:line-break/>fin"),
        ("Un<text:s text:c='3'/>mot", "  ", "", "Un<text:s/>mot"),
        ("Un <text:span>grand</text:span> mot", "grand mot", "mot", None),
    ],
)
def test_odt_write_white_space_shows_as_intended(
    tracked: bool, inner: str, old: str, new: str, xml: str | None
) -> None:
    data = build_odt(f"<text:p>{inner}</text:p>")
    text = extract_odt(data, "c.odt").text
    edit = change(text, old, new)
    written = write(data, [edit], tracked)
    assert extract_odt(written.data, "c.odt").text == applied(text, (edit,))
    if xml is not None and not tracked:
        paragraph = content(written.data).find(".//office:text/text:p", NS)
        assert xml in etree.tostring(paragraph, encoding="unicode")
    if tracked:
        assert reject_all_odt(written.data) == text


@pytest.mark.parametrize(
    ("old", "new", "nth", "reason"),
    [
        ("<Nom>", "Dupont", 0, "la modification touche un champ ou un objet (« Nom »)"),
        ("Madame <", "Madame", 0, "la modification touche un champ ou un objet (« Nom »)"),
        (
            "Mairie",
            "Ville",
            0,
            "la modification touche l'en-tête ou le pied de page (papier à en-tête)",
        ),
        (
            "Page",
            "Feuille",
            0,
            "la modification touche l'en-tête ou le pied de page (papier à en-tête)",
        ),
        ("• une", "une", 0, "la modification touche la puce ou le numéro d'une liste"),
        (
            "mars\n\nMadame",
            "mars Madame",
            0,
            "la modification s'étend sur plusieurs paragraphes",
        ),
        ("Merci.", "Merci.", 0, "la modification ne change rien au texte"),
        (
            "Merci.",
            "Merci.\n\nBonne journée.",
            0,
            "le remplacement ajoute un paragraphe ou un objet : à faire à la main",
        ),
    ],
)
def test_odt_write_refuses_what_it_must_not_touch(
    old: str, new: str, nth: int, reason: str
) -> None:
    refused = change(LETTER_TEXT, old, new, nth=nth)
    good = change(LETTER_TEXT, "Remplissez", "Complétez")
    for tracked in (False, True):
        written = write(letter_odt(), [refused, good], tracked)
        assert written.refused == ((refused, reason),)
        assert written.applied == (good,)
        assert extract_odt(written.data, "c.odt").text == applied(LETTER_TEXT, (good,))


def test_odt_write_refuses_overlaps_insertion_before_marker_and_out_of_range() -> None:
    first = change(LETTER_TEXT, "Nous avons bien", "Nous avons")
    overlapping = change(LETTER_TEXT, "bien reçu", "reçu")
    marker = LETTER_TEXT.index("• une")
    before_marker = Change(marker, marker, "Et ")
    outside = Change(len(LETTER_TEXT), len(LETTER_TEXT) + 3, "x")
    written = write(letter_odt(), [first, overlapping, before_marker, outside], tracked=True)
    assert written.applied == (first,)
    assert dict(written.refused) == {
        overlapping: "chevauche une autre modification du même passage",
        before_marker: "la modification touche la puce ou le numéro d'une liste",
        outside: "la modification sort du texte du document",
    }


def test_odt_write_group_goes_in_together_or_not_at_all() -> None:
    bad = change(LETTER_TEXT, "<Nom>", "Dupont", group="phrase-1")
    partner = change(LETTER_TEXT, "Remplissez", "Complétez", group="phrase-1")
    alone = change(LETTER_TEXT, "Envoyez-le", "Postez-le", group="phrase-2")
    written = write(letter_odt(), [alone, partner, bad], tracked=True)
    assert written.applied == (alone,)
    assert written.refused == (
        (bad, "la modification touche un champ ou un objet (« Nom »)"),
        (partner, "va avec une autre modification qui ne peut pas être faite"),
    )


@pytest.mark.parametrize("tracked", [False, True], ids=["propre", "suivi"])
def test_odt_write_insertions_at_one_place_keep_their_order(tracked: bool) -> None:
    place = LETTER_TEXT.index("Envoyez-le")
    first, second = Change(place, place, "Puis ", "a"), Change(place, place, "vite ", "b")
    replaced = Change(place, place + 7, "Postez", "c")
    written = write(letter_odt(), [replaced, second, first], tracked)
    assert written.applied == (second, first, replaced)
    assert "2. vite Puis Postez-le." in extract_odt(written.data, "c.odt").text
    if tracked:
        assert reject_all_odt(written.data) == LETTER_TEXT


def test_odt_write_refuses_text_already_under_revision() -> None:
    body = (
        "<text:tracked-changes><text:changed-region xml:id='ct1' text:id='ct1'><text:insertion>"
        "<office:change-info><dc:creator>A</dc:creator><dc:date>2024-01-01T00:00:00</dc:date>"
        "</office:change-info></text:insertion></text:changed-region></text:tracked-changes>"
        "<text:p>Un <text:change-start text:change-id='ct1'/>nouveau<text:change-end text:change-id='ct1'/> délai.</text:p>"
    )
    data = build_odt(body)
    text = extract_odt(data, "c.odt").text
    inside = change(text, "nouveau", "autre")
    across = change(text, "Un nouveau", "Le")
    at_its_end = Change(inside.end, inside.end, " bref")
    before = Change(inside.start, inside.start, "très ")
    after = change(text, "délai", "délai court")
    written = write(data, [inside, across, at_its_end, before, after], tracked=True)
    reason = "le passage a déjà une modification suivie : acceptez-la ou refusez-la d'abord"
    assert written.refused == ((across, reason), (inside, reason), (at_its_end, reason))
    assert written.applied == (before, after)
    assert accept_all_odt(written.data).endswith("Un très nouveau délai court.\n\nPage 1")
    assert reject_all_odt(written.data).endswith("Un  délai.\n\nPage 1")


def test_odt_write_insertion_next_to_a_field_keeps_the_field() -> None:
    field_end = LETTER_TEXT.index("<Nom>") + len("<Nom>")
    insertion = Change(field_end, field_end, " Dupont", "Nom complet.")
    for tracked in (False, True):
        written = write(letter_odt(), [insertion], tracked)
        assert written.applied == (insertion,)
        assert "Madame <Nom> Dupont," in extract_odt(written.data, "c.odt").text
        assert len(content(written.data).findall(".//text:database-display", NS)) == 1


def test_odt_write_copies_every_other_member_and_keeps_the_input() -> None:
    original = letter_odt()
    before = bytes(original)
    written = write(original, LETTER_CHANGES, tracked=True)
    assert original == before
    with (
        zipfile.ZipFile(io.BytesIO(original)) as source,
        zipfile.ZipFile(io.BytesIO(written.data)) as target,
    ):
        assert target.namelist() == source.namelist()
        first = target.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert written.data[30:38] == b"mimetype"  # readable without unzipping, as ODF asks
        for name in source.namelist():
            if name != "content.xml":
                assert target.read(name) == source.read(name)


def test_odt_write_without_applicable_change_returns_the_same_bytes() -> None:
    original = letter_odt()
    written = write(original, [change(LETTER_TEXT, "Mairie", "Ville")], tracked=True)
    assert written.data == original
    assert written.applied == ()


def test_odt_write_appends_to_existing_tracked_changes_with_fresh_ids() -> None:
    body = (
        "<text:tracked-changes><text:changed-region xml:id='ct1' text:id='ct1'><text:deletion>"
        "<office:change-info><dc:creator>A</dc:creator><dc:date>2024-01-01T00:00:00</dc:date>"
        "</office:change-info><text:p>très </text:p></text:deletion></text:changed-region>"
        "</text:tracked-changes>"
        "<text:p>Un <text:change text:change-id='ct1'/>long délai.</text:p>"
    )
    data = build_odt(body)
    text = extract_odt(data, "c.odt").text
    written = write(data, [change(text, "long délai", "délai court")], tracked=True)
    root = content(written.data)
    assert len(root.findall(".//text:tracked-changes", NS)) == 1
    ids = [r.get(f"{{{NS['text']}}}id") for r in root.iterfind(".//text:changed-region", NS)]
    assert ids == ["ct1", "ct2", "ct3"]
    assert accept_all_odt(written.data) == text.replace("long délai", "délai court")
    assert reject_all_odt(written.data) == text.replace("Un long", "Un très long")


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_odt_write_any_edits_read_back(data: st.DataObject) -> None:
    """Random edits inside body paragraphs: the file reads back as the edited text, and a
    tracked file rejects back to the original."""
    extracted = extract_odt(letter_odt(), "c.odt")
    text = extracted.text
    header_end = extracted.shape.zones[0].end
    footer_start = extracted.shape.zones[-1].start
    # Sorted cut points paired up: replacements, deletions and (equal points) insertions.
    cuts = sorted(data.draw(st.lists(st.integers(header_end + 2, footer_start - 2), max_size=8)))
    changes = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=False):
        replacement = data.draw(st.sampled_from(["", "x", " ", "  a ", "é\tb", "mot\nsuite"]))
        changes.append(Change(start, end, replacement, "pourquoi"))
    tracked = data.draw(st.booleans())
    written = write(letter_odt(), changes, tracked)
    assert len(written.applied) + len(written.refused) == len(changes)
    assert extract_odt(written.data, "c.odt").text == applied(text, written.applied)
    if tracked:
        assert reject_all_odt(written.data) == text


# --- LibreOffice ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def libreoffice(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The tracked and the clean letters re-saved by LibreOffice (one conversion call)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip(
            "LibreOffice (soffice) est absent : test de relecture sauté / LibreOffice missing"
        )
    folder = tmp_path_factory.mktemp("odt-libreoffice")
    sources = {
        "suivi.odt": write(letter_odt(), LETTER_CHANGES, tracked=True).data,
        "propre.odt": write(letter_odt(), LETTER_CHANGES, tracked=False).data,
    }
    for name, data in sources.items():
        (folder / name).write_bytes(data)
    output = folder / "out"
    command = [
        soffice,
        f"-env:UserInstallation={(folder / 'profile').as_uri()}",
        "--headless",
        "--convert-to",
        "odt",
        "--outdir",
        str(output),
        *(str(folder / name) for name in sources),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    return {name: Path(output / name).read_bytes() for name in sources}


def _count(data: bytes, tag: str) -> int:
    return len(content(data).findall(f".//{tag}", NS))


def test_odt_write_libreoffice_keeps_tracked_changes_and_comments(
    libreoffice: dict[str, bytes],
) -> None:
    resaved = libreoffice["suivi.odt"]
    assert _count(resaved, "text:changed-region") == 15
    assert _count(resaved, "text:deletion") == 8
    assert _count(resaved, "text:insertion") == 7
    assert _count(resaved, "office:annotation") == 6
    assert accept_all_odt(resaved) == NEW_TEXT
    assert reject_all_odt(resaved) == LETTER_TEXT


def test_odt_write_libreoffice_reads_the_clean_copy(libreoffice: dict[str, bytes]) -> None:
    resaved = libreoffice["propre.odt"]
    assert _count(resaved, "text:changed-region") == 0
    assert extract_odt(resaved, "propre.odt").text == NEW_TEXT
