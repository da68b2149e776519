"""Reading .odt letters: text, zones, fixed spans, layout facts and refused files."""

from __future__ import annotations

import io
import zipfile

import pytest

from simplify.document import BlockKind, ProtectedKind
from simplify.formats.errors import FormatError
from simplify.formats.odt_layout import is_serif
from simplify.formats.odt_read import extract_odt, open_odt, walk_odt
from simplify.shape import Fixed, Zone

NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'office:version="1.3"'
)

FONTS = (
    '<style:font-face style:name="Times New Roman" svg:font-family="&apos;Times New Roman&apos;"'
    ' style:font-family-generic="roman"/>'
    '<style:font-face style:name="Arial" svg:font-family="Arial" style:font-family-generic="swiss"/>'
)

# Times 12 pt justified by default ("Standard"), a "Lettre claire" style in Arial 14 left.
STYLES = """
<style:default-style style:family="paragraph">
 <style:text-properties style:font-name="Times New Roman" fo:font-size="12pt"/>
</style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text">
 <style:paragraph-properties fo:text-align="justify"/>
</style:style>
<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph"
 style:parent-style-name="Standard">
 <style:paragraph-properties fo:line-height="115%" fo:text-indent="0.5cm"/>
 <style:text-properties fo:hyphenate="true"/>
</style:style>
<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"
 style:parent-style-name="Standard">
 <style:paragraph-properties fo:text-align="start"/>
 <style:text-properties style:font-name="Arial" fo:font-size="16pt" fo:font-weight="bold"/>
</style:style>
<style:style style:name="Lettre_20_claire" style:display-name="Lettre claire"
 style:family="paragraph" style:parent-style-name="Standard">
 <style:paragraph-properties fo:text-align="start" fo:line-height="150%"/>
 <style:text-properties style:font-name="Arial" fo:font-size="14pt"/>
</style:style>
<style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard"/>
<style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard"/>
<style:style style:name="Emphasis" style:family="text">
 <style:text-properties fo:font-style="italic"/>
</style:style>
<text:list-style style:name="Numbering_20_123" style:display-name="Numbering 123">
 <text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"/>
</text:list-style>
"""

PAGE_LAYOUT_PROPERTIES = (
    '<style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"/>'
)

LETTERHEAD = """
<style:master-page style:name="Standard" style:page-layout-name="pm1">
 <style:header><text:p text:style-name="Header">Mairie de Villeneuve</text:p><text:p text:style-name="Header">Service social</text:p></style:header>
 <style:footer><text:p text:style-name="Footer">Page <text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>
</style:master-page>
"""

AUTOMATIC = """
<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard">
 <style:paragraph-properties fo:text-align="center"/>
</style:style>
<style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
<text:list-style style:name="L1"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/></text:list-style>
"""

LETTER_BODY = """
<text:h text:style-name="Heading_20_1" text:outline-level="1">Votre demande d'aide</text:h>
<text:p text:style-name="P1">Objet : votre demande d'aide au <text:span text:style-name="Emphasis">logement</text:span> du mois de mars</text:p>
<text:p text:style-name="Standard"/>
<text:p text:style-name="Standard">Madame <text:database-display text:table-name="courrier" text:table-type="table" text:column-name="Nom" text:database-name="base">&lt;Nom&gt;</text:database-display>,</text:p>
<text:p text:style-name="Text_20_body">Nous avons bien reçu votre dossier complet le {{ <text:span text:style-name="T1">date_</text:span>depot }} et nous allons maintenant l'étudier.<text:s text:c="2"/>Merci.</text:p>
<text:p text:style-name="Standard">Nous vous remercions de bien vouloir nous renvoyer les pièces suivantes avant la fin du mois :</text:p>
<text:list text:style-name="L1"><text:list-item><text:p text:style-name="Standard">une pièce d'identité ;</text:p></text:list-item><text:list-item><text:p text:style-name="Standard">un justificatif de domicile.</text:p></text:list-item></text:list>
<text:list text:style-name="Numbering_20_123"><text:list-item><text:p>Remplissez le formulaire.</text:p></text:list-item><text:list-item><text:p>Envoyez-le.</text:p></text:list-item></text:list>
<table:table table:name="Montants"><table:table-column table:number-columns-repeated="2"/><table:table-row><table:table-cell><text:p>Montant</text:p></table:table-cell><table:table-cell><text:p>120 euros</text:p></table:table-cell></table:table-row></table:table>
<text:p text:style-name="Lettre_20_claire">Appelez-nous<text:tab/>au 01 02 03 04 05.<text:line-break/>Merci.</text:p>
"""

LETTER_TEXT = (
    "Mairie de Villeneuve\n\nService social\n\n"
    "Votre demande d'aide\n\n"
    "Objet : votre demande d'aide au logement du mois de mars\n\n"
    "Madame <Nom>,\n\n"
    "Nous avons bien reçu votre dossier complet le {{ date_depot }} et nous allons maintenant "
    "l'étudier.  Merci.\n\n"
    "Nous vous remercions de bien vouloir nous renvoyer les pièces suivantes avant la fin du "
    "mois :\n\n"
    "• une pièce d'identité ;\n\n"
    "• un justificatif de domicile.\n\n"
    "1. Remplissez le formulaire.\n\n"
    "2. Envoyez-le.\n\n"
    "Montant\n\n120 euros\n\n"
    "Appelez-nous\tau 01 02 03 04 05.\nMerci.\n\n"
    "Page 1"
)

MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""


def build_odt(
    body: str,
    *,
    automatic: str = AUTOMATIC,
    styles: str = STYLES,
    master: str = LETTERHEAD,
    manifest: str = MANIFEST,
    mimetype: str = "application/vnd.oasis.opendocument.text",
    content: str | None = None,
    page_layout: str = PAGE_LAYOUT_PROPERTIES,
    meta: str = "",
) -> bytes:
    """An .odt written by hand: mimetype first and stored, then the XML parts."""
    content_xml = content or (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {NAMESPACES}>'
        f"<office:font-face-decls>{FONTS}</office:font-face-decls>"
        f"<office:automatic-styles>{automatic}</office:automatic-styles>"
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    styles_xml = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {NAMESPACES}>'
        f"<office:font-face-decls>{FONTS}</office:font-face-decls>"
        f"<office:styles>{styles}</office:styles>"
        f'<office:automatic-styles><style:page-layout style:name="pm1">{page_layout}'
        "</style:page-layout></office:automatic-styles>"
        f"<office:master-styles>{master}</office:master-styles></office:document-styles>"
    )
    meta_xml = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta {NAMESPACES}>'
        f"<office:meta><meta:generator>simplify-tests</meta:generator>{meta}</office:meta>"
        "</office:document-meta>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        for member, text in (
            ("content.xml", content_xml),
            ("styles.xml", styles_xml),
            ("meta.xml", meta_xml),
            ("META-INF/manifest.xml", manifest),
        ):
            archive.writestr(member, text.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def letter_odt() -> bytes:
    return build_odt(LETTER_BODY)


def paragraph_odt(inner: str, *, automatic: str = AUTOMATIC, master: str = LETTERHEAD) -> bytes:
    """A letter with one body paragraph (in the default style) holding `inner`."""
    return build_odt(f"<text:p>{inner}</text:p>", automatic=automatic, master=master)


def body_text(data: bytes) -> str:
    """The text without the letterhead (header and footer) around it."""
    text = extract_odt(data, "courrier.odt").text
    header, footer = "Mairie de Villeneuve\n\nService social\n\n", "\n\nPage 1"
    assert text.startswith(header)
    assert text.endswith(footer)
    return text[len(header) : -len(footer)]


# --- text -------------------------------------------------------------------------------------


def test_odt_read_letter_text_header_body_footer() -> None:
    extracted = extract_odt(letter_odt(), "courrier.odt")
    assert extracted.format == "odt"
    assert extracted.name == "courrier.odt"
    assert extracted.text == LETTER_TEXT
    assert extracted.shape.source == "odt"


def test_odt_read_zones_letterhead_and_headings() -> None:
    extracted = extract_odt(letter_odt(), "courrier.odt")
    text = extracted.text
    assert extracted.shape.zones == (
        Zone(0, len("Mairie de Villeneuve\n\nService social"), BlockKind.HEADER),
        Zone(text.index("Votre demande"), text.index("Votre demande") + 20, BlockKind.HEADING),
        Zone(len(text) - len("Page 1"), len(text), BlockKind.HEADER),
    )


def test_odt_read_fixed_fields_and_list_markers() -> None:
    extracted = extract_odt(letter_odt(), "courrier.odt")
    text = extracted.text
    spans = [(text[f.start : f.end], f.kind, f.label) for f in extracted.shape.fixed]
    assert spans == [
        ("<Nom>", ProtectedKind.PLACEHOLDER, "Nom"),
        ("• ", ProtectedKind.MARKUP, "liste"),
        ("• ", ProtectedKind.MARKUP, "liste"),
        ("1. ", ProtectedKind.MARKUP, "liste"),
        ("2. ", ProtectedKind.MARKUP, "liste"),
        ("1", ProtectedKind.PLACEHOLDER, "page-number"),
    ]


def test_odt_read_tag_split_across_spans_is_whole_and_editable() -> None:
    extracted = extract_odt(letter_odt(), "courrier.odt")
    start = extracted.text.index("{{ date_depot }}")
    assert not any(f.start < start + 16 and start < f.end for f in extracted.shape.fixed)


def test_odt_read_source_map_names_parts_and_paragraphs() -> None:
    extracted = extract_odt(letter_odt(), "courrier.odt")
    where = {extracted.text[s.start : s.end]: s.where for s in extracted.source}
    assert where["Service social"] == "styles.xml, en-tête « Standard », paragraphe 2"
    assert where["Votre demande d'aide"] == "content.xml, paragraphe 1"
    assert where["120 euros"] == "content.xml, tableau, paragraphe 12"
    assert where["Page 1"] == "styles.xml, pied de page « Standard », paragraphe 1"


def test_odt_read_result_is_picklable() -> None:
    import pickle

    extracted = extract_odt(letter_odt(), "courrier.odt")
    assert pickle.loads(pickle.dumps(extracted)) == extracted


@pytest.mark.parametrize(
    ("inner", "expected"),
    [
        ("  Bonjour   à\n   tous  ", "Bonjour à tous "),
        ("Bonjour<text:s/> à<text:s text:c='3'/>tous", "Bonjour  à   tous"),
        ("<text:s text:c='2'/>retrait", "  retrait"),
        ("a <text:span text:style-name='T1'> b </text:span> c", "a b c"),
        ("un<text:tab/> deux<text:line-break/> trois", "un\t deux\n trois"),
        ("Ma<text:bookmark text:name='x'/>dame<text:soft-page-break/>,", "Madame,"),
        ("Voir <text:a xlink:href='https://exemple.fr'>le site</text:a>.", "Voir le site."),
        ("a<text:s text:c='99999'/>b", "a" + " " * 1000 + "b"),
    ],
)
def test_odt_read_white_space_as_libreoffice_shows_it(inner: str, expected: str) -> None:
    assert body_text(paragraph_odt(inner)) == expected


def test_odt_read_empty_paragraphs_add_nothing() -> None:
    body = "<text:p>Un</text:p><text:p/><text:p>   </text:p><text:p><text:span/></text:p><text:p>Deux</text:p>"
    assert body_text(build_odt(body)) == "Un\n\nDeux"


def test_odt_read_skips_comments_deletions_and_note_bodies() -> None:
    body = (
        "<text:tracked-changes><text:changed-region text:id='ct1'><text:deletion>"
        "<office:change-info><dc:creator>A</dc:creator><dc:date>2024-01-01T00:00:00</dc:date>"
        "</office:change-info><text:p>ancien texte</text:p></text:deletion></text:changed-region>"
        "</text:tracked-changes>"
        "<text:p>Votre<text:change text:change-id='ct1'/> dossier"
        "<office:annotation><dc:creator>B</dc:creator><text:p>À revoir</text:p></office:annotation>"
        " est complet<text:note text:id='n1' text:note-class='footnote'><text:note-citation>1</text:note-citation>"
        "<text:note-body><text:p>Article 3.</text:p></text:note-body></text:note>.</text:p>"
    )
    extracted = extract_odt(build_odt(body), "courrier.odt")
    assert extracted.text.split("\n\n")[2] == "Votre dossier est complet\ufffc."
    note = extracted.text.index("\ufffc")
    assert Fixed(note, note + 1, ProtectedKind.PLACEHOLDER, "note") in extracted.shape.fixed
    assert extracted.notes == (
        "le document contient déjà des modifications suivies : le texte lu est celui où elles "
        "sont acceptées",
        "1 commentaire(s) ignoré(s) (ils ne font pas partie du courrier)",
        "1 note(s) de bas de page : leur texte n'est pas lu",
    )


@pytest.mark.parametrize(
    ("inner", "shown", "label"),
    [
        (
            "<text:placeholder text:placeholder-type='text' text:description='Nom du bénéficiaire'>&lt;Nom&gt;</text:placeholder>",
            "<Nom>",
            "Nom du bénéficiaire",
        ),
        ("<text:text-input text:description='montant'>120</text:text-input>", "120", "montant"),
        ("<text:user-field-get text:name='Service'>CCAS</text:user-field-get>", "CCAS", "Service"),
        ("<text:variable-get text:name='Delai'>15</text:variable-get>", "15", "Delai"),
        ("<text:date text:date-value='2024-05-01'>01/05/2024</text:date>", "01/05/2024", "date"),
        ("<text:time>10:00</text:time>", "10:00", "time"),
        ("<text:page-count>2</text:page-count>", "2", "page-count"),
        ("<text:sender-firstname>Anne</text:sender-firstname>", "Anne", "sender-firstname"),
        ("<text:chapter text:display='name'>Titre</text:chapter>", "Titre", "chapter"),
        (
            "<text:span><text:file-name>lettre.odt</text:file-name></text:span>",
            "lettre.odt",
            "file-name",
        ),
        (
            "<draw:frame draw:name='Logo' text:anchor-type='as-char'><draw:image xlink:href='Pictures/logo.png'/></draw:frame>",
            "\ufffc",
            "objet",
        ),
    ],
)
def test_odt_read_fields_and_objects_are_fixed(inner: str, shown: str, label: str) -> None:
    extracted = extract_odt(paragraph_odt(f"Le {inner} ici"), "courrier.odt")
    start = extracted.text.index(f"Le {shown} ici") + 3
    assert (
        Fixed(start, start + len(shown), ProtectedKind.PLACEHOLDER, label) in extracted.shape.fixed
    )


def test_odt_read_list_numbers_levels_and_continuation() -> None:
    numbered = """
<text:list-style style:name="L2">
 <text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="I" text:start-value="3"/>
 <text:list-level-style-number text:level="2" style:num-suffix=")" style:num-format="a"/>
</text:list-style>"""
    body = (
        "<text:list text:style-name='L2'>"
        "<text:list-header><text:p>Titre de liste</text:p></text:list-header>"
        "<text:list-item><text:p>premier</text:p><text:p>suite du premier</text:p>"
        "<text:list><text:list-item><text:p>sous-point</text:p></text:list-item>"
        "<text:list-item><text:p>autre sous-point</text:p></text:list-item></text:list></text:list-item>"
        "<text:list-item><text:p>deuxième</text:p></text:list-item></text:list>"
        "<text:p>Entre les deux.</text:p>"
        "<text:list text:style-name='L2' text:continue-numbering='true'>"
        "<text:list-item><text:p>troisième</text:p></text:list-item></text:list>"
        "<text:list text:style-name='L2'><text:list-item text:start-value='10'><text:p>dixième</text:p></text:list-item></text:list>"
    )
    assert body_text(build_odt(body, automatic=AUTOMATIC + numbered)).split("\n\n") == [
        "Titre de liste",
        "III. premier",
        "suite du premier",
        "a) sous-point",
        "b) autre sous-point",
        "IV. deuxième",
        "Entre les deux.",
        "V. troisième",
        "X. dixième",
    ]


def test_odt_read_sections_and_nested_tables_cell_by_cell() -> None:
    body = (
        "<text:section text:name='Adresse'><text:p>12 rue des Lilas</text:p></text:section>"
        "<table:table><table:table-header-rows><table:table-row><table:table-cell><text:p>A</text:p></table:table-cell>"
        "<table:table-cell><text:p>B</text:p></table:table-cell></table:table-row></table:table-header-rows>"
        "<table:table-row><table:table-cell><table:table><table:table-row><table:table-cell><text:p>C1</text:p></table:table-cell>"
        "</table:table-row></table:table><text:p>C2</text:p></table:table-cell><table:covered-table-cell/></table:table-row></table:table>"
    )
    assert body_text(build_odt(body)) == "12 rue des Lilas\n\nA\n\nB\n\nC1\n\nC2"


def test_odt_read_first_page_and_following_master_pages() -> None:
    masters = """
<style:master-page style:name="First_20_Page" style:display-name="First Page" style:page-layout-name="pm1" style:next-style-name="Standard">
 <style:header><text:p>En-tête de la première page</text:p></style:header>
</style:master-page>
<style:master-page style:name="Standard" style:page-layout-name="pm1">
 <style:header><text:p>En-tête courant</text:p></style:header>
 <style:footer style:display="false"><text:p>Caché</text:p></style:footer>
</style:master-page>
<style:master-page style:name="Unused" style:page-layout-name="pm1">
 <style:header><text:p>Jamais utilisé</text:p></style:header>
</style:master-page>"""
    first = '<style:style style:name="P9" style:family="paragraph" style:master-page-name="First_20_Page"/>'
    extracted = extract_odt(
        build_odt("<text:p text:style-name='P9'>Corps</text:p>", automatic=first, master=masters),
        "courrier.odt",
    )
    assert extracted.text == "En-tête de la première page\n\nEn-tête courant\n\nCorps"
    assert extracted.shape.zones == (Zone(0, 44, BlockKind.HEADER),)


# --- layout -----------------------------------------------------------------------------------

DEFAULTS = "réglages par défaut du document"


def test_odt_read_layout_facts_with_their_origin() -> None:
    extracted = extract_odt(letter_odt(), "courrier.odt")
    text = extracted.text
    found = {
        (f.code, f.value, f.origin, text[f.start : f.end], f.count) for f in extracted.shape.layout
    }
    assert found == {
        # Most of the body is Times 12 from the document defaults: one fact for the letter.
        ("font-size", "12 pt", DEFAULTS, "", 11),
        ("serif-font", "Times New Roman", DEFAULTS, "", 11),
        ("several-fonts", "Times New Roman, Arial", "", "", 2),
        ("italics", "logement", "style « Emphasis »", "logement", 1),
        (
            "centred",
            "centré",
            "mise en forme directe",
            "Objet : votre demande d'aide au logement du mois de mars",
            1,
        ),
        # Two long paragraphs are justified (short ones show no justification).
        ("justified", "justifié", "style « Standard »", "", 2),
        ("line-spacing", "115 %", "style « Text body »", "", 2),
        ("first-line-indent", "0,5 cm", "style « Text body »", text.split("\n\n")[5], 1),
        ("hyphenation", "automatique", "style « Text body »", text.split("\n\n")[5], 1),
    }
    assert extracted.shape.facts == {
        "fonts": "Arial, Times New Roman",
        "page-size": "21 × 29,7 cm",
    }


def test_odt_read_clear_letter_in_arial_14_has_no_layout_fact() -> None:
    body = "".join(
        f"<text:p text:style-name='Lettre_20_claire'>{line}</text:p>"
        for line in ("Madame,", "Votre dossier est complet.", "Nous vous écrivons bientôt.")
    )
    extracted = extract_odt(build_odt(body), "courrier.odt")
    assert extracted.shape.layout == ()
    assert extracted.shape.facts["fonts"] == "Arial"


LONG = "Ce paragraphe compte assez de mots pour occuper une ligne entière de la lettre."


@pytest.mark.parametrize(
    ("automatic", "inner", "expected"),
    [
        (
            "<style:style style:name='T7' style:family='text'><style:text-properties style:text-underline-style='solid'/></style:style>",
            "Un <text:span text:style-name='T7'>mot</text:span> souligné",
            [("underline", "mot", "mise en forme directe", "mot")],
        ),
        (
            "<style:style style:name='Internet_20_link' style:family='text'><style:text-properties style:text-underline-style='solid'/></style:style>",
            "Voir <text:a xlink:href='https://exemple.fr' text:style-name='Internet_20_link'>le site</text:a>",
            [],
        ),
        (
            "<style:style style:name='T7' style:family='text'><style:text-properties fo:text-transform='uppercase'/></style:style>",
            "Un mot <text:span text:style-name='T7'>important</text:span>",
            [("capitals", "important", "mise en forme directe", "important")],
        ),
        (
            "<style:style style:name='T7' style:family='text'><style:text-properties fo:font-variant='small-caps'/></style:style>",
            "Madame <text:span text:style-name='T7'>Dupont</text:span>",
            [("capitals", "Dupont", "mise en forme directe", "Dupont")],
        ),
        (
            "<style:style style:name='T7' style:family='text'><style:text-properties fo:font-size='80%'/></style:style>",
            "Un petit <text:span text:style-name='T7'>texte</text:span>",
            [("font-size", "11,2 pt", "mise en forme directe", "texte")],
        ),
        (
            "<style:style style:name='P7' style:family='paragraph' style:parent-style-name='Lettre_20_claire'><style:text-properties fo:font-style='italic' fo:font-family='Georgia'/></style:style>",
            "Tout en italique",
            [
                ("italics", "Tout en italique", "mise en forme directe", "Tout en italique"),
                ("serif-font", "Georgia", "mise en forme directe", ""),
            ],
        ),
        (
            "<style:style style:name='P7' style:family='paragraph' style:parent-style-name='Lettre_20_claire'><style:paragraph-properties fo:line-height='0.6cm'/></style:style>",
            LONG,
            [("line-spacing", "fixe (0,6 cm)", "mise en forme directe", LONG)],
        ),
        (
            "<style:style style:name='P7' style:family='paragraph' style:parent-style-name='Lettre_20_claire'><style:paragraph-properties fo:line-height='0.6cm' fo:text-align='justify'/></style:style>",
            "Trop court pour se voir.",
            [],
        ),
        (
            "<style:style style:name='P7' style:family='paragraph' style:parent-style-name='Lettre_20_claire'><style:paragraph-properties style:auto-text-indent='true'/></style:style>",
            "Retrait",
            [("first-line-indent", "automatique", "mise en forme directe", "Retrait")],
        ),
        (
            "",
            "Trans\u00adport",
            [("hyphenation", "trait d'union conditionnel", "mise en forme directe", "\u00ad")],
        ),
    ],
)
def test_odt_read_layout_fact_each_property(
    automatic: str, inner: str, expected: list[tuple[str, str, str, str]]
) -> None:
    style = "P7" if "P7" in automatic else "Lettre_20_claire"
    data = build_odt(f"<text:p text:style-name='{style}'>{inner}</text:p>", automatic=automatic)
    extracted = extract_odt(data, "courrier.odt")
    found = [
        (f.code, f.value, f.origin, extracted.text[f.start : f.end]) for f in extracted.shape.layout
    ]
    assert sorted(found) == sorted(expected)


def test_odt_read_layout_columns_footnotes_and_no_page_numbers() -> None:
    layout = '<style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"><style:columns fo:column-count="2"/></style:page-layout-properties>'
    master = '<style:master-page style:name="Standard" style:page-layout-name="pm1"><style:footer><text:p>Mairie</text:p></style:footer></style:master-page>'
    section = "<style:style style:name='Sect1' style:family='section'><style:section-properties><style:columns fo:column-count='3'/></style:section-properties></style:style>"
    long_text = (
        "<text:p text:style-name='Lettre_20_claire'>" + " ".join(["mot"] * 460) + "</text:p>"
    )
    body = (
        "<text:section text:style-name='Sect1' text:name='Annexe'><text:p text:style-name='Lettre_20_claire'>Trois colonnes</text:p></text:section>"
        "<text:p text:style-name='Lettre_20_claire'>Voir la note<text:note text:note-class='footnote'><text:note-citation>1</text:note-citation><text:note-body><text:p>Texte</text:p></text:note-body></text:note> et la fin<text:note text:note-class='endnote'><text:note-citation>i</text:note-citation><text:note-body><text:p>Fin</text:p></text:note-body></text:note>.</text:p>"
    )
    data = build_odt(body + long_text, automatic=section, master=master, page_layout=layout)
    extracted = extract_odt(data, "courrier.odt")
    text = extracted.text
    found = {
        (f.code, f.value, f.origin, text[f.start : f.end], f.count) for f in extracted.shape.layout
    }
    assert found == {
        ("columns", "2 colonnes", "style de page « Standard »", "", 1),
        ("columns", "3 colonnes", "section « Annexe »", "Trois colonnes", 1),
        ("footnotes", "note", "", "\ufffc", 1),
        ("no-page-numbers", "absents", "style de page « Standard »", "", 1),
    }
    assert sum(f.code == "footnotes" for f in extracted.shape.layout) == 2
    # A short letter on one page needs no page number, unless LibreOffice counted two pages.
    short = build_odt(body, automatic=section, master=master, page_layout=layout)
    assert "no-page-numbers" not in {f.code for f in extract_odt(short, "c.odt").shape.layout}
    two_pages = build_odt(
        body,
        automatic=section,
        master=master,
        page_layout=layout,
        meta='<meta:document-statistic meta:page-count="2"/>',
    )
    assert "no-page-numbers" in {f.code for f in extract_odt(two_pages, "c.odt").shape.layout}


# --- files that cannot be read ----------------------------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return buffer.getvalue()


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _replaced(member: str, value: bytes | None) -> bytes:
    members = _members(letter_odt())
    if value is None:
        del members[member]
    else:
        members[member] = value
    return _zip(members)


ENCRYPTED_MANIFEST = MANIFEST.replace(
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>',
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
    '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA">'
    '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/>'
    "</manifest:encryption-data></manifest:file-entry>",
)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Bonjour, ceci est du texte.", "n'est pas un document OpenDocument texte"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "ancien document Word"),
        (letter_odt()[:300], "fichier abîmé ou incomplet"),
        (
            _zip(
                {
                    "mimetype": b"application/vnd.oasis.opendocument.text",
                    "content.xml": bytes(3_000_000),
                }
            ),
            "archive suspecte",
        ),
        (_replaced("content.xml", None), "content.xml, manque"),
        (
            _replaced("META-INF/manifest.xml", ENCRYPTED_MANIFEST.encode()),
            "protégé par un mot de passe",
        ),
        (
            _replaced("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            "n'est pas un texte",
        ),
        (_replaced("content.xml", b"<office:document-content><office:body>"), "XML invalide"),
        (
            _replaced(
                "content.xml",
                b'<?xml version="1.0"?><!DOCTYPE office:document-content [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
                b"<text:p>&x;</text:p></office:text></office:body></office:document-content>",
            ),
            "DOCTYPE",
        ),
        (
            _replaced(
                "content.xml",
                b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0">'
                b"<office:body><office:spreadsheet/></office:body></office:document-content>",
            ),
            "ne contient pas de texte",
        ),
    ],
    ids=[
        "texte",
        "ole",
        "tronque",
        "bombe",
        "sans-contenu",
        "chiffre",
        "tableur",
        "xml",
        "entites",
        "sans-texte",
    ],
)
def test_odt_read_refuses_bad_files_with_a_french_reason(data: bytes, message: str) -> None:
    with pytest.raises(FormatError) as error:
        extract_odt(data, "courrier.odt")
    assert str(error.value).startswith("courrier.odt")
    assert message in str(error.value)


def test_odt_read_walk_maps_text_back_to_xml() -> None:
    package = open_odt(letter_odt(), "courrier.odt")
    walk = walk_odt(package.content, package.styles)
    for piece in walk.pieces:
        if piece.kind == "text":
            source = getattr(piece.element, piece.slot)
            assert (
                source[piece.offset : piece.offset + piece.end - piece.start]
                == walk.text[piece.start : piece.end]
            )
    start = walk.text.index("date_")
    piece = next(p for p in walk.pieces if p.start <= start < p.end)
    assert (piece.element.tag.rsplit("}")[1], piece.slot, piece.element.text) == (
        "span",
        "text",
        "date_",
    )


@pytest.mark.parametrize(
    ("name", "generic", "serif"),
    [
        ("Times New Roman", "roman", True),
        ("Liberation Serif", "", True),
        ("Garamond", "system", True),
        ("Inconnue", "roman", True),
        # LibreOffice declares Arial "roman" when it converts a Word file: the name wins.
        ("Arial", "roman", False),
        ("DejaVu Sans", "roman", False),
        ("Marianne", "", False),
        ("Inconnue", "swiss", False),
        ("Inconnue", "", False),
    ],
)
def test_odt_read_serif_font_by_name_then_generic_family(
    name: str, generic: str, serif: bool
) -> None:
    assert is_serif(name, generic) is serif
