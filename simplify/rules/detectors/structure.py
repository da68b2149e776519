"""Letter structure: a subject line, and a deadline for what the reader must do."""

from __future__ import annotations

import re
from collections.abc import Iterator

from simplify.document import BlockKind, ProtectedKind
from simplify.rules.context import Context, Params
from simplify.rules.detectors.base import Detector, Hit
from simplify.rules.model import Suggestion

# What asks the reader to act.
_REQUEST = re.compile(
    r"(?i)\b(?:vous devez|vous devrez|vous devriez|merci de|veuillez|je vous (?:prie|demande|"
    r"invite|saurais gré|serais reconnaissant)|nous vous (?:prions|demandons|invitons|saurions "
    r"gré|serions reconnaissants)|il vous appartient|il vous est demandé|vous êtes (?:invité|"
    r"prié|tenu|convoqué)e?s?|(?:^|[.!?]\s+)(?:envoyez|retournez|renvoyez|transmettez|"
    r"adressez|appelez|contactez|présentez-vous|complétez|remplissez|signez|payez|réglez|"
    r"venez|rendez-vous|joignez|fournissez|déposez|répondez|prenez)\b|n'oubliez pas de|pensez à)"
)
# What gives a time limit.
_DELAY = re.compile(
    r"(?i)\b(?:dans (?:un|le) délai d[e'’]|sous (?:\d+|huit|quinze|trente|deux|trois|un) |"
    r"sous huitaine|sous quinzaine|avant (?:le|la fin|ce|cette)|au plus tard|d['’]ici (?:le|au|la)|"
    r"jusqu['’]au|date limite|dans les \d+ jours|dans les (?:huit|quinze|trente) jours|"
    r"dès réception)"
)
# Imperatives that do not ask for anything ("n'hésitez pas", the closing formula).
_NOT_REQUESTS = frozenset({"hésiter", "agréer", "croire", "recevoir", "noter", "trouver"})
_REQUEST_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM})


_DATE_CUE = re.compile(
    r"(?:avant|au plus tard|jusqu|d'ici|dès|à partir|à compter|pour le|limite|échéance|"
    r"convoqu\w*|rendez-vous|présenter|attendons|attendu\w*)\W+(?:\w+\W+){0,3}$"
)


def subject_line(ctx: Context, params: Params) -> Iterator[Hit]:
    doc = ctx.doc
    if not any(block.kind.is_body for block in doc.blocks):
        return
    if any(block.kind is BlockKind.SUBJECT for block in doc.blocks):
        return
    yield Hit(
        0,
        0,
        scope="document",
        suggestions=(
            Suggestion.advice(
                "Ajoutez une ligne « Objet : » qui dit en quelques mots de quoi parle la lettre."
            ),
        ),
    )


def deadline(ctx: Context, params: Params) -> Iterator[Hit]:
    doc = ctx.doc
    body = [block for block in doc.blocks if block.kind.is_body]
    if not body:
        return
    asking = [block for block in body if block.kind in _REQUEST_KINDS]
    requests = [
        (match.start(), match.end())
        for block in asking
        for match in _REQUEST.finditer(doc.text, block.content_start, block.end)
    ]
    requests += [
        (token.start, token.end)
        for token in doc.tokens
        if token.feature("Mood") == "Imp"
        and token.pos in {"VERB", "AUX"}
        and token.lemma not in _NOT_REQUESTS
        and ctx.block_kind(token.start) in _REQUEST_KINDS
    ]
    if not requests:
        return
    for block in body:
        if _DELAY.search(doc.text, block.content_start, block.end):
            return
    dates = [
        span
        for span in doc.protected_of_kind(ProtectedKind.DATE, ProtectedKind.TIME)
        if ctx.in_prose(span.start)
    ]
    for span in dates:
        window = doc.text[max(0, span.start - 40) : span.start].lower()
        if _DATE_CUE.search(window.replace("’", "'")):
            return
    start, end = min(requests)
    yield Hit(
        start,
        end,
        scope="document",
        suggestions=(
            Suggestion.advice("Donnez une date limite précise : « avant le 15 mars 2025 »."),
        ),
    )


STRUCTURE_DETECTORS = (
    Detector("subject-line", subject_line),
    Detector("deadline", deadline),
)
