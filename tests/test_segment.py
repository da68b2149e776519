"""Blocks and sentences of letters: what spaCy alone gets wrong must come out right."""

from __future__ import annotations

import pytest

from simplify.build import build_document
from simplify.document import BlockKind

LETTER = """DÉPARTEMENT DE LA GIRONDE
Direction des solidarités
1 esplanade Charles-de-Gaulle
33074 Bordeaux Cedex

Madame Jeanne MARTIN
12 rue des Lilas

Bordeaux, le 12 mars 2024
N/Réf. : DAS/PA/2024-0193

Objet : Demande d'aide – dossier n° 2024-118-457

Madame,

Votre dossier a été examiné par M. Dupont. Conformément à l'article R. 431-5 du code de l'urbanisme, vous devez venir à 14 h. Le rendez-vous est fixé (cf. art. 5 du règlement) au 3 avril.
Voici les pièces :
- votre avis d'imposition ;
- un justificatif de domicile.

Je vous prie d'agréer, Madame, l'expression de mes salutations distinguées.

Le Président,
Jean Martin
"""


def _sentences(text: str) -> list[str]:
    doc = build_document(text)
    return [doc.sentence_text(i) for i in range(len(doc.sentences))]


def test_segment_subject_line_is_its_own_sentence() -> None:
    sentences = _sentences(LETTER)
    assert "Objet : Demande d'aide – dossier n° 2024-118-457" in sentences
    assert "Madame," in sentences


@pytest.mark.parametrize(
    "sentence",
    [
        "Votre dossier a été examiné par M. Dupont.",
        "Conformément à l'article R. 431-5 du code de l'urbanisme, vous devez venir à 14 h.",
        "Le rendez-vous est fixé (cf. art. 5 du règlement) au 3 avril.",
    ],
)
def test_segment_does_not_cut_after_abbreviations(sentence: str) -> None:
    assert sentence in _sentences(LETTER)


def test_segment_block_kinds() -> None:
    doc = build_document(LETTER)
    kinds = [block.kind for block in doc.blocks]
    assert kinds[:8] == [BlockKind.HEADER] * 8
    assert BlockKind.SUBJECT in kinds and BlockKind.SALUTATION in kinds
    assert kinds.count(BlockKind.LIST_ITEM) == 2
    assert BlockKind.CLOSING in kinds
    assert kinds[-2:] == [BlockKind.SIGNATURE, BlockKind.SIGNATURE]


def test_segment_list_item_sentence_starts_after_bullet() -> None:
    assert "votre avis d'imposition ;" in _sentences(LETTER)


def test_segment_joins_hard_wrapped_paragraph_lines() -> None:
    text = (
        "Objet : aide\n\nMadame,\n\nPar décision du 19 juin 2025, prise en application des\n"
        "articles L. 113-1 et L. 132-1 du code de l'action sociale et des familles, le\n"
        "Président a prononcé votre admission. Elle prend effet le 1er juillet.\n"
    )
    doc = build_document(text)
    paragraphs = [b for b in doc.blocks if b.kind is BlockKind.PARAGRAPH]
    assert len(paragraphs) == 1
    assert len([s for s in doc.sentences if s.block == doc.blocks.index(paragraphs[0])]) == 2


def test_segment_never_joins_letterhead_lines() -> None:
    text = "Maison départementale des personnes handicapées de la Gironde\n264, boulevard Godard\n\nObjet : test\n"
    doc = build_document(text)
    assert [doc.block_text(i) for i in range(2)] == [
        "Maison départementale des personnes handicapées de la Gironde",
        "264, boulevard Godard",
    ]


def test_segment_question_and_ellipsis_end_sentences() -> None:
    assert _sentences("Objet : test\n\nVous déménagez ? Prévenez-nous... Merci.")[1:] == [
        "Vous déménagez ?",
        "Prévenez-nous...",
        "Merci.",
    ]
