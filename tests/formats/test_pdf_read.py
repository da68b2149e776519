"""Reading PDF letters: paragraphs rebuilt, letterhead and footer kept once, layout measured,
and every unreadable file refused with a message in French."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from simplify.document import BlockKind
from simplify.formats.errors import FormatError
from simplify.formats.pdf_lines import font_style
from simplify.formats.pdf_read import extract_pdf
from simplify.shape import Zone

WIDTH, HEIGHT = A4
LONG = (
    "Nous avons bien reçu votre demande de copie intégrale d'acte de naissance, envoyée le "
    "3 mars 2025 par courrier. Pour la traiter, nous avons besoin d'une pièce d'identité en "
    "cours de validité et d'un justificatif de domicile de moins de trois mois, que vous "
    "pouvez déposer à l'accueil de la mairie ou envoyer par courrier."
)
SECOND = (
    "Dès que nous aurons reçu ces pièces, la copie vous sera envoyée à votre adresse dans un "
    "délai de dix jours. Si vous avez des questions, vous pouvez nous appeler du lundi au "
    "vendredi, de 9 heures à 17 heures, au numéro indiqué en haut de cette lettre."
)


def flowing_pdf(
    blocks: Sequence[str | float],
    font: str = "Helvetica",
    size: float = 11,
    leading: float = 13.2,
    justified: bool = False,
    decorate: Callable[[Any, int], None] | None = None,
    top: float = 2.5 * cm,
) -> bytes:
    """A PDF laid out by reportlab: each string a paragraph (reportlab markup), each number a
    vertical space; `decorate(canvas, page_number)` draws letterhead and footer."""
    style = ParagraphStyle(
        "body",
        fontName=font,
        fontSize=size,
        leading=leading,
        alignment=TA_JUSTIFY if justified else TA_LEFT,
    )
    story: list[Any] = [
        Spacer(1, block) if isinstance(block, float) else Paragraph(block, style)
        for block in blocks
    ]
    buffer = io.BytesIO()

    def on_page(canvas: Any, document: Any) -> None:
        if decorate is not None:
            decorate(canvas, document.page)

    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2.5 * cm,
        rightMargin=2.5 * cm,
        topMargin=top,
        bottomMargin=3 * cm,
        invariant=True,
    )
    document.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()


def drawn_pdf(
    pages: Sequence[Sequence[tuple[str, float, float]]], font: str = "Helvetica", size: float = 11
) -> bytes:
    """A PDF whose lines are drawn one by one: (text, x, y from the top of the page)."""
    buffer = io.BytesIO()
    canvas = pdf_canvas.Canvas(buffer, pagesize=A4, invariant=True)
    for lines in pages:
        canvas.setFont(font, size)
        for text, x, y in lines:
            canvas.drawString(x, HEIGHT - y, text)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def image_pdf(text: str = "") -> bytes:
    """A "scanned" page: one picture, and at most a few characters of text."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    picture = Image.new("RGB", (120, 160), (230, 230, 230))
    buffer = io.BytesIO()
    canvas = pdf_canvas.Canvas(buffer, pagesize=A4, invariant=True)
    canvas.drawImage(ImageReader(picture), 0, 0, WIDTH, HEIGHT)
    if text:
        canvas.setFont("Helvetica", 8)
        canvas.drawString(20, 20, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


LETTER = [
    "Mairie de Villeneuve",
    "Service de l'état civil",
    "12, place de la République – 31000 Villeneuve",
    10.0,
    "Madame Jeanne Martin",
    "4, rue des Lilas",
    "31000 Villeneuve",
    10.0,
    "Objet : votre demande d'acte de naissance",
    10.0,
    "Madame,",
    8.0,
    LONG,
    8.0,
    SECOND,
    8.0,
    "Je vous prie d'agréer, Madame, l'expression de mes salutations distinguées.",
    10.0,
    "Le maire,",
    "Paul Durand",
]


def test_pdf_read_letter_lines_become_paragraphs_and_header_lines_stay_separate() -> None:
    letter = extract_pdf(flowing_pdf(LETTER), "lettre.pdf")
    assert letter.format == "pdf"
    assert paragraphs(letter.text) == [block for block in LETTER if isinstance(block, str)]
    assert letter.shape.zones == ()  # one page: nothing is repeated
    assert letter.shape.source == "pdf"
    assert letter.shape.facts["pages"] == "1"
    assert letter.shape.facts["page-size"] == "A4"


def test_pdf_read_source_pieces_point_at_printed_lines() -> None:
    letter = extract_pdf(flowing_pdf(LETTER), "lettre.pdf")
    first = letter.source[0]
    assert letter.text[first.start : first.end] == "Mairie de Villeneuve"
    assert first.where == "page 1, x=77, y=79"  # frame: 2.5 cm margin + 6 pt padding
    long_start = letter.text.index(LONG)
    pieces = [p for p in letter.source if long_start <= p.start < long_start + len(LONG)]
    assert len(pieces) >= 3  # the paragraph was printed on several lines
    assert all(p.where.startswith("page 1, x=77, y=") for p in pieces)
    assert " ".join(letter.text[p.start : p.end] for p in pieces) == LONG


def _letterhead_and_footer(footer: Callable[[int], str]) -> Callable[[Any, int], None]:
    def decorate(canvas: Any, page: int) -> None:
        canvas.setFont("Helvetica-Bold", 11)
        canvas.drawString(2.5 * cm, HEIGHT - 1.5 * cm, "Mairie de Villeneuve")
        canvas.setFont("Helvetica", 11)
        canvas.drawString(2.5 * cm, HEIGHT - 1.5 * cm - 14, "Service de l'état civil")
        canvas.setFont("Helvetica", 9)
        canvas.drawString(2.5 * cm, 2 * cm, "Mairie de Villeneuve – 12, place de la République")
        text = footer(page)
        if text:
            canvas.drawCentredString(WIDTH / 2, 1.3 * cm, text)

    return decorate


BODY = ["Madame,", 8.0] + [item for k in range(14) for item in (f"{k + 1}. {LONG}", 8.0)]


def test_pdf_read_two_pages_keep_letterhead_and_footer_once_and_drop_page_numbers() -> None:
    data = flowing_pdf(
        BODY, decorate=_letterhead_and_footer(lambda n: f"Page {n} sur 2"), top=3 * cm
    )
    letter = extract_pdf(data, "lettre.pdf")
    body = [block for block in BODY if isinstance(block, str)]
    footer = "Mairie de Villeneuve – 12, place de la République"
    header = ["Mairie de Villeneuve", "Service de l'état civil"]
    assert paragraphs(letter.text) == [*header, *body, footer]  # the split paragraph is whole
    header_end = len("\n\n".join(header))
    footer_start = len(letter.text) - len(footer)
    assert letter.shape.zones == (
        Zone(0, header_end, BlockKind.HEADER),
        Zone(footer_start, len(letter.text), BlockKind.HEADER),
    )
    assert letter.notes[:3] == (
        "En-tête répété sur 2 pages (2 lignes) : gardé une seule fois, au début du texte.",
        "Pied de page répété sur 2 pages (1 ligne) : gardé une seule fois, à la fin du texte.",
        "Numéros de page retirés (2).",
    )
    assert "no-page-numbers" not in {fact.code for fact in letter.shape.layout}


def test_pdf_read_page_number_part_of_a_repeated_footer_is_cut_off() -> None:
    pages = [
        [(f"Texte de la page {n}.", 72, 400), (f"Mairie de Villeneuve – page {n}/2", 72, 800)]
        for n in (1, 2)
    ]
    letter = extract_pdf(drawn_pdf(pages), "lettre.pdf")
    assert paragraphs(letter.text) == [
        "Texte de la page 1.",
        "Texte de la page 2.",
        "Mairie de Villeneuve",
    ]
    assert "Numéros de page retirés (2)." in letter.notes
    assert letter.shape.zones == (Zone(len(letter.text) - 20, len(letter.text), BlockKind.HEADER),)


def test_pdf_read_two_pages_without_numbers_is_a_layout_fact() -> None:
    letter = extract_pdf(
        flowing_pdf(BODY, decorate=_letterhead_and_footer(lambda n: "")), "lettre.pdf"
    )
    facts = {fact.code: fact for fact in letter.shape.layout}
    assert facts["no-page-numbers"].value == "2 pages"
    assert facts["no-page-numbers"].origin == ""  # a PDF has no style to fix
    assert "Numéros de page retirés" not in " ".join(letter.notes)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["Le montant de {{ montant_", "total }} vous sera versé."],
            "Le montant de {{ montant_total }} vous sera versé.",
        ),
        (
            ["Nous écrivons à {{ nom", "}} pour la dernière fois."],
            "Nous écrivons à {{ nom }} pour la dernière fois.",
        ),
        (
            ["{% if conjoint", "%}Votre conjoint doit signer.{% endif %}"],
            "{% if conjoint %}Votre conjoint doit signer.{% endif %}",
        ),
        (
            ["La copie est envoyée à «Nom du", "demandeur» sans frais."],
            "La copie est envoyée à «Nom du demandeur» sans frais.",
        ),
    ],
)
def test_pdf_read_placeholder_cut_by_a_line_end_comes_out_whole(
    lines: list[str], expected: str
) -> None:
    # The second line is far below: a new paragraph by its position, but the tag is open.
    drawn = [(lines[0], 72, 300), (lines[1], 72, 360), ("Fin du courrier.", 72, 420)]
    letter = extract_pdf(drawn_pdf([drawn]), "modele.pdf")
    assert paragraphs(letter.text) == [expected, "Fin du courrier."]


def test_pdf_read_hyphen_at_line_end_rejoins_words_but_keeps_compounds() -> None:
    lines = [
        "Votre dossier a été transmis au service de l'adminis-",
        "tration centrale, qui vous répondra peut-",
        "être avant la fin du mois, depuis Saint-",
        "Étienne ou Villeneuve.",
    ]
    drawn = [(line, 72, 200 + 13.2 * k) for k, line in enumerate(lines)]
    letter = extract_pdf(drawn_pdf([drawn]), "lettre.pdf")
    assert letter.text == (
        "Votre dossier a été transmis au service de l'administration centrale, qui vous "
        "répondra peut-être avant la fin du mois, depuis Saint-Étienne ou Villeneuve."
    )
    facts = {fact.code: fact for fact in letter.shape.layout}
    assert facts["hyphenation"].value == "l'adminis-tration"
    assert facts["hyphenation"].count == 1
    assert "1 mot coupé en fin de ligne recollé (par exemple « l'administration »)." in (
        letter.notes
    )


@pytest.mark.parametrize(
    ("head", "tail", "word"),
    [
        ("pro", "thèses", "prothèses"),
        ("ré", "examen", "réexamen"),
        ("pré", "demande", "prédemande"),
        ("médico", "social", "médico-social"),
        ("sous", "préfecture", "sous-préfecture"),
        ("rendez", "vous", "rendez-vous"),
        ("c'est-à", "dire", "c'est-à-dire"),
        ("L. 2224-20", "1", "L. 2224-20-1"),
    ],
)
def test_pdf_read_hyphen_decision_at_line_end(head: str, tail: str, word: str) -> None:
    drawn = [(f"Il s'agit de {head}-", 72, 300), (f"{tail} dans ce courrier.", 72, 313)]
    letter = extract_pdf(drawn_pdf([drawn]), "lettre.pdf")
    assert letter.text == f"Il s'agit de {word} dans ce courrier."


def test_pdf_read_serif_11_pt_justified_letter_shows_its_layout_facts() -> None:
    italic = "article L. 262-46 du code de l'action sociale"
    blocks = ["Madame,", 8.0, f"{LONG} Voir l'<i>{italic}</i>. {SECOND}", 8.0, LONG]
    data = flowing_pdf(blocks, font="Times-Roman", size=11, leading=12.7, justified=True)
    letter = extract_pdf(data, "lettre.pdf")
    facts = {fact.code: fact for fact in letter.shape.layout}
    assert set(facts) == {"font-size", "serif-font", "italics", "justified", "line-spacing"}
    assert facts["font-size"].value == "11 pt"
    assert facts["serif-font"].value == "Times-Roman"
    start = letter.text.index(italic)
    assert (facts["italics"].start, facts["italics"].end) == (start, start + len(italic))
    assert facts["italics"].value == italic
    assert facts["justified"].count == 2  # two paragraphs of several lines
    assert facts["line-spacing"].value == "12,7 pt"
    assert all(fact.origin == "" for fact in letter.shape.layout)


def test_pdf_read_14_pt_sans_serif_letter_with_wide_lines_has_no_layout_fact() -> None:
    blocks = ["Madame,", 10.0, LONG, 10.0, SECOND]
    letter = extract_pdf(flowing_pdf(blocks, size=14, leading=24), "lettre.pdf")
    assert paragraphs(letter.text) == ["Madame,", LONG, SECOND]
    assert letter.shape.layout == ()


def test_pdf_read_second_font_in_the_body_is_a_layout_fact() -> None:
    blocks = ["Madame,", 8.0, LONG, 8.0, f'<font name="Courier">{SECOND}</font>']
    letter = extract_pdf(flowing_pdf(blocks, size=14, leading=24), "lettre.pdf")
    facts = {fact.code: fact for fact in letter.shape.layout}
    assert facts["several-fonts"].value == "Helvetica, Courier"
    assert facts["several-fonts"].count == 2


@pytest.mark.parametrize(
    ("fontname", "font", "family", "italic"),
    [
        (
            "ABCDEF+TimesNewRomanPS-BoldItalicMT",
            "TimesNewRomanPS-BoldItalicMT",
            "TimesNewRoman",
            True,
        ),
        ("BAAAAA+LiberationSerif", "LiberationSerif", "LiberationSerif", False),
        ("Arial,Italic", "Arial,Italic", "Arial", True),
        ("Helvetica-Oblique", "Helvetica-Oblique", "Helvetica", True),
        ("Times-Roman", "Times-Roman", "Times", False),
    ],
)
def test_pdf_read_font_names_give_family_and_italic(
    fontname: str, font: str, family: str, italic: bool
) -> None:
    style = font_style(fontname, 11.04)
    assert (style.font, style.family, style.italic, style.size) == (font, family, italic, 11.0)


def test_pdf_read_sheared_glyphs_are_a_fake_italic() -> None:
    assert font_style("Arial", 11, (1, 0, 0.21, 1, 0, 0)).italic
    assert not font_style("Arial", 11, (1, 0, 0, 1, 0, 0)).italic


# --------------------------------------------------------------------------- refused files


def _refused(data: bytes) -> str:
    with pytest.raises(FormatError) as caught:
        extract_pdf(data, "courrier.pdf")
    message = str(caught.value)
    assert message.startswith("courrier.pdf : ")
    assert "Traceback" not in message
    return message


def test_pdf_read_scan_without_text_is_refused_with_what_to_do() -> None:
    message = _refused(image_pdf())
    assert "image scannée" in message
    assert "document d'origine" in message
    assert "reconnaissance de caractères (OCR)" in message


def test_pdf_read_scan_with_a_few_characters_is_still_a_scan() -> None:
    assert "image scannée" in _refused(image_pdf("Scan 0001"))


def test_pdf_read_page_without_text_among_text_pages_is_noted() -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for data in (flowing_pdf(["Madame,", 8.0, LONG]), image_pdf()):
        writer.append(PdfReader(io.BytesIO(data)))
    buffer = io.BytesIO()
    writer.write(buffer)
    letter = extract_pdf(buffer.getvalue(), "lettre.pdf")
    assert paragraphs(letter.text) == ["Madame,", LONG]
    assert "Page 2 sans texte (image ou page scannée) : non lue." in letter.notes


def _encrypted(user_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(flowing_pdf(["Madame,", 8.0, LONG]))))
    writer.encrypt(user_password, owner_password="proprietaire", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_pdf_read_password_protected_pdf_is_refused_with_what_to_do() -> None:
    message = _refused(_encrypted("secret"))
    assert "protégé par un mot de passe" in message
    assert "copie sans protection" in message


def test_pdf_read_pdf_with_only_an_owner_password_is_read() -> None:
    letter = extract_pdf(_encrypted(""), "lettre.pdf")
    assert paragraphs(letter.text) == ["Madame,", LONG]


def test_pdf_read_truncated_pdf_is_refused() -> None:
    data = flowing_pdf(LETTER)
    message = _refused(data[: len(data) // 2])
    assert "incomplet" in message
    assert "exportez-le de nouveau" in message


def test_pdf_read_corrupt_pdf_is_refused() -> None:
    message = _refused(b"%PDF-1.7\n1 0 obj << /Type /Cata" + bytes(range(256)) + b"\n%%EOF\n")
    assert "abîmé" in message


def test_pdf_read_pdf_without_any_text_is_refused() -> None:
    message = _refused(drawn_pdf([[]]))
    assert "aucun texte lisible" in message
    assert "document d'origine" in message


@pytest.mark.parametrize(
    "data",
    [b"Madame, voici ma lettre.", b"PK\x03\x04 un document Word", b""],
)
def test_pdf_read_file_that_is_not_a_pdf_is_refused(data: bytes) -> None:
    assert "n'est pas un PDF" in _refused(data)


def test_pdf_read_never_modifies_its_input(tmp_path: Any) -> None:
    path = tmp_path / "lettre.pdf"
    path.write_bytes(flowing_pdf(LETTER))
    before = path.read_bytes()
    extract_pdf(path.read_bytes(), path.name)
    assert path.read_bytes() == before
