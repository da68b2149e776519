"""Which corpus letters become Word files, and the Word features each one uses."""

from __future__ import annotations

from dataclasses import dataclass

ARIAL = "Arial"
TIMES = "Times New Roman"


@dataclass(frozen=True)
class ContentControl:
    """A plain-text content control (w:sdt) wrapped around the first occurrence of `text`."""

    text: str
    alias: str
    tag: str


@dataclass(frozen=True)
class DataTable:
    """A small bordered table inserted after the first line starting with `after`.

    Every cell repeats a fact already written in the letter (amounts, dates, volumes).
    """

    after: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class LetterSpec:
    """Layout and formatting choices for one letter."""

    slug: str
    font: str
    ref_table: bool = False
    footer_pages: bool = False
    justify: bool = False
    first_line_indent: bool = False
    line_spacing_15: bool = False
    bold_amounts: bool = False
    italic_legal: bool = False
    classic_layout: bool = False  # recipient block and signature shifted right, date right-aligned
    list_style: str = "List Bullet"
    second_font_lines: tuple[str, ...] = ()  # body lines (prefixes) pasted in another font
    content_controls: tuple[ContentControl, ...] = ()
    data_table: DataTable | None = None
    expected_pages: int = 1  # as laid out by LibreOffice 7 (Word may differ by a few lines)


INSTALMENTS_40 = (
    "05/11/2025",
    "05/12/2025",
    "05/01/2026",
    "05/02/2026",
    "05/03/2026",
    "05/04/2026",
)

SPECS: tuple[LetterSpec, ...] = (
    LetterSpec(
        "01-indu-rsa",
        ARIAL,
        ref_table=True,
        footer_pages=True,
        bold_amounts=True,
        italic_legal=True,
        expected_pages=2,
        content_controls=(ContentControl("12/03/2025", "Date du courrier", "date_courrier"),),
        data_table=DataTable(
            "J'ai l'honneur",
            ("Élément", "Détail"),
            (
                ("Période concernée", "du 01/06/2024 au 30/11/2024"),
                ("Montant de l'indu", "1 245,50 €"),
                ("Date limite de paiement", "15 avril 2025"),
            ),
        ),
    ),
    LetterSpec(
        "02-aide-urgence-ccas", TIMES, ref_table=True, italic_legal=True, classic_layout=True
    ),
    LetterSpec(
        "04-decision-pch",
        ARIAL,
        ref_table=True,
        bold_amounts=True,
        italic_legal=True,
        data_table=DataTable(
            "- élément 2",
            ("Élément de la PCH", "Décision", "Montant"),
            (
                ("Élément 1 – aide humaine", "Accord", "1 597,50 € par mois"),
                ("Élément 3 – aménagement du logement", "Accord", "6 000 €"),
                ("Élément 2 – aides techniques", "Rejet", "–"),
            ),
        ),
    ),
    LetterSpec("05-renouvellement-aah", TIMES, italic_legal=True),
    LetterSpec(
        "06-orientation-cdaph",
        TIMES,
        ref_table=True,
        footer_pages=True,
        justify=True,
        italic_legal=True,
        classic_layout=True,
        expected_pages=2,
    ),
    LetterSpec(
        "08-ehpad-aide-sociale",
        ARIAL,
        bold_amounts=True,
        expected_pages=2,
        data_table=DataTable(
            "le Département, déduction faite",
            ("Poste", "Montant"),
            (
                ("Votre participation estimée", "1 268,40 € par mois"),
                ("Tarif hébergement", "68,45 € par jour"),
                ("Participation de vos enfants", "150 € par mois (75 € chacun)"),
                ("Somme laissée à votre disposition", "127 € par mois au minimum"),
            ),
        ),
    ),
    LetterSpec("10-cpam-pieces-manquantes", ARIAL, line_spacing_15=True, expected_pages=2),
    LetterSpec("11-rappel-vaccination", TIMES),
    LetterSpec(
        "13-apl-recalcul",
        ARIAL,
        ref_table=True,
        footer_pages=True,
        bold_amounts=True,
        italic_legal=True,
        data_table=DataTable(
            "Il ressort de cet examen",
            ("Période", "APL mensuelle"),
            (("Jusqu'au 30/09/2024", "287,41 €"), ("À compter du 01/10/2024", "196,08 €")),
        ),
    ),
    LetterSpec(
        "15-prevention-expulsion-ccapex",
        TIMES,
        ref_table=True,
        footer_pages=True,
        justify=True,
        first_line_indent=True,
        italic_legal=True,
        classic_layout=True,
        expected_pages=2,
    ),
    LetterSpec("17-majoration-retard-paiement", ARIAL, italic_legal=True),
    LetterSpec(
        "19-facture-eau-fuite-degrevement",
        TIMES,
        ref_table=True,
        footer_pages=True,
        justify=True,
        bold_amounts=True,
        expected_pages=2,
        second_font_lines=("ATTENTION", "La facture rectificative"),
        data_table=DataTable(
            "Il ressort des relevés",
            ("Relevé", "Index ou volume"),
            (
                ("Index au 15/02/2024", "4 127 m³"),
                ("Index au 31/07/2024", "5 539 m³"),
                ("Volume de la période", "1 412 m³"),
                ("Consommation moyenne sur une période équivalente", "118 m³"),
            ),
        ),
    ),
    LetterSpec("20-reom-relance-avant-poursuites", ARIAL),
    LetterSpec(
        "22-permis-construire-incomplet",
        TIMES,
        ref_table=True,
        italic_legal=True,
        list_style="List Number",
        expected_pages=2,
        content_controls=(ContentControl("J.-P. Castaing", "Signataire", "signataire"),),
    ),
    LetterSpec(
        "26-suspension-carte-transport",
        TIMES,
        ref_table=True,
        footer_pages=True,
        justify=True,
        first_line_indent=True,
        bold_amounts=True,
        classic_layout=True,
        expected_pages=2,
    ),
    LetterSpec("30-convocation-assesseur", ARIAL, italic_legal=True),
    LetterSpec(
        "31-subvention-association-sportive",
        TIMES,
        justify=True,
        first_line_indent=True,
        classic_layout=True,
    ),
    LetterSpec("33-convocation-france-travail", ARIAL, footer_pages=True, italic_legal=True),
    LetterSpec(
        "40-plan-reglement-impot-revenu",
        ARIAL,
        ref_table=True,
        footer_pages=True,
        bold_amounts=True,
        italic_legal=True,
        list_style="List Number",
        expected_pages=2,
        data_table=DataTable(
            "- 410 € le 05/04/2026",
            ("Échéance", "Date de prélèvement", "Montant"),
            (
                *((str(k), date, "410 €") for k, date in enumerate(INSTALMENTS_40, 1)),
                ("Total", "", "2 460 €"),
            ),
        ),
    ),
    LetterSpec(
        "45-acte-naissance-copie-integrale",
        TIMES,
        ref_table=True,
        italic_legal=True,
        classic_layout=True,
    ),
)
