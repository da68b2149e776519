"""Surface detectors: numbers, dates, capitals, and the reader named in the third person."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from simplify.document import ProtectedKind, Token
from simplify.lang.fr.calendar import MONTHS, WEEKDAYS
from simplify.lang.fr.numbers import AMBIGUOUS, ARTICLE_LIKE, NUMBER_WORDS, parse_number_words
from simplify.readability.vocabulary import zipf
from simplify.rules.context import Context, Params
from simplify.rules.detectors.base import Detector, Hit, next_word
from simplify.rules.model import Safety, Suggestion


def number_words(ctx: Context, params: Params) -> Iterator[Hit]:
    """Numbers written in words ("trente jours"): digits are read faster."""
    doc = ctx.doc
    tokens = doc.tokens
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.lower.split("-")[0] not in NUMBER_WORDS:
            index += 1
            continue
        run = _number_run(tokens, index)
        if not run or not ctx.in_prose(token.start) or ctx.opaque(token.start, token.end):
            index += max(1, len(run))
            continue
        index += len(run)
        words = [t.lower for t in run]
        if len(run) == 1 and (words[0] in ARTICLE_LIKE or words[0] in AMBIGUOUS):
            following = next_word(doc, run[0])
            if words[0] in ARTICLE_LIKE or following is None or following.pos != "NOUN":
                continue
        value = parse_number_words(words)
        if value is None:
            continue
        start, end = run[0].start, run[-1].end
        yield _digits_hit(start, end, value, str(value))


def _digits_hit(start: int, end: int, value: int, replacement: str) -> Hit:
    """A number to write in digits: the edit cannot change the meaning."""
    explanation = f"Écrire le nombre en chiffres : « {replacement} »."
    suggestion = Suggestion.replace(start, end, replacement, Safety.SAFE, explanation)
    return Hit(start, end, fields={"value": value}, suggestions=(suggestion,))


def _number_run(tokens: list[Token], index: int) -> list[Token]:
    run: list[Token] = []
    while index < len(tokens):
        token = tokens[index]
        word = token.lower
        parts = [p for p in word.split("-") if p]
        if (parts and all(p in NUMBER_WORDS or p == "et" for p in parts) and parts[0] != "et") or (
            word == "et"
            and run
            and index + 1 < len(tokens)
            and tokens[index + 1].lower in {"un", "une", "onze"}
        ):
            run.append(token)
        elif word == "-" and run:
            pass
        else:
            break
        index += 1
    return run


def numeric_date(ctx: Context, params: Params) -> Iterator[Hit]:
    """Dates in digits only ("15/07/2024"): write the month in letters."""
    weekday = ctx.profile.weekday_in_dates
    for span in ctx.doc.protected_of_kind(ProtectedKind.DATE):
        if not re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}", span.text):
            continue
        written = _written_date(span.value, weekday)
        suggestions: tuple[Suggestion, ...] = ()
        if written:
            suggestions = (
                Suggestion.replace(
                    span.start,
                    span.end,
                    written,
                    Safety.SAFE,
                    f"Écrire la date avec le mois en lettres : « {written} ».",
                ),
            )
        yield Hit(span.start, span.end, suggestions=suggestions)


def _written_date(value: str | None, weekday: bool) -> str | None:
    """ "2024-07-15" -> "15 juillet 2024" (with "lundi" first when asked)."""
    if value is None or "?" in value:
        return None
    year, month, day = (int(part) for part in value.split("-"))
    try:
        moment = date(year, month, day)
    except ValueError:
        return None
    text = f"{'1er' if day == 1 else day} {MONTHS[month - 1]} {year}"
    return f"{WEEKDAYS[moment.weekday()]} {text}" if weekday else text


def protected_value(ctx: Context, params: Params) -> Iterator[Hit]:
    """Percentages, and numbers of at least `minimum`: hard for some readers (FALC)."""
    kind = ProtectedKind(params.string("kind", "percent"))
    minimum = params.integer("minimum", 0)
    for span in ctx.doc.protected_of_kind(kind):
        if not ctx.in_prose(span.start):
            continue
        if minimum:
            try:
                number = float((span.value or "").rstrip("€%c"))
            except ValueError:
                continue
            if number < minimum or re.fullmatch(r"(?:19|20)\d\d", span.text):
                continue  # a year is not a large number
        yield Hit(span.start, span.end)


_ROMAN_CANDIDATE = re.compile(r"\b([IVXLCDM]{1,7})(e|er|ème|ᵉ)?\b")
_ROMAN_VALID = re.compile(r"^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_ROMAN_CONTEXT = re.compile(
    r"(?i:\b(?:titre|chapitre|livre|tome|annexe|partie|section|article|volume|alinéa|acte|"
    r"paragraphe))\s+(?:\d+(?:[-.]\d+)*\s+)?$|\b\d+(?:-\d+)*\s+$"
)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_value(numeral: str) -> int:
    total = 0
    for index, letter in enumerate(numeral):
        value = _ROMAN_VALUES[letter]
        following = _ROMAN_VALUES[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def is_roman_numeral(word: str) -> bool:
    return bool(word) and bool(_ROMAN_VALID.match(word))


def roman_numerals(ctx: Context, params: Params) -> Iterator[Hit]:
    """Roman numerals after "titre", "article 24", or as ordinals ("XXIe siècle")."""
    text = ctx.doc.text
    for match in _ROMAN_CANDIDATE.finditer(text):
        numeral, ordinal = match.group(1), match.group(2)
        start, end = match.span()
        if not is_roman_numeral(numeral) or not ctx.in_prose(start) or ctx.opaque(start, end):
            continue
        if re.match(r"\.?\s*\d", text[end : end + 3]):
            continue  # "L. 262-1": a code article, not a numeral
        if ctx.resources.acronyms.get(numeral) is not None:
            continue
        before = text[max(0, start - 40) : start]
        if ordinal is None and not _ROMAN_CONTEXT.search(before):
            continue
        if ordinal is not None and len(numeral) == 1 and numeral not in {"I", "V", "X"}:
            continue  # "Le", "Ce": words, not numerals
        value = roman_value(numeral)
        replacement = f"{value}{ordinal or ''}"
        yield _digits_hit(start, end, value, replacement)


_CAPITALS = re.compile(r"(?<![\w’'])[A-ZÀ-ÖØ-Ý][A-ZÀ-ÖØ-Ý'’-]+(?![\w’'])")


def capitals(ctx: Context, params: Params) -> Iterator[Hit]:
    """Words in capitals that are ordinary words ("IMPORTANT"), grouped when they follow."""
    text = ctx.doc.text
    acronyms = ctx.resources.acronyms
    current: tuple[int, int] | None = None
    for match in _CAPITALS.finditer(text):
        start, end = match.span()
        word = match.group(0)
        if not ctx.in_prose(start) or ctx.opaque(start, end):
            continue
        span = ctx.doc.protected_at(start, end)
        if span is not None and span.kind in {ProtectedKind.NAME, ProtectedKind.LEGAL_REFERENCE}:
            continue
        if acronyms.get(word) is not None or is_roman_numeral(word) or not _is_word(word):
            continue
        if current is not None and text[current[1] : start].strip(" \u00a0,'’-") == "":
            current = (current[0], end)
            continue
        if current is not None and _shouting(text, current):
            yield _capitals_hit(ctx, current)
        current = (start, end)
    if current is not None and _shouting(text, current):
        yield _capitals_hit(ctx, current)


def _shouting(text: str, span: tuple[int, int]) -> bool:
    """A short word alone in capitals is a code or an acronym ("SA", "UA"); words of four
    letters or more, or several words in a row, are written in capitals to stand out."""
    passage = text[span[0] : span[1]]
    return len(passage.split()) > 1 or sum(c.isalpha() for c in passage) >= 4


def _is_word(word: str) -> bool:
    letters = word.replace("’", "'").split("'")[-1].strip("-")
    return len(letters) >= 2 and zipf(letters.lower()) >= 3.0


def _capitals_hit(ctx: Context, span: tuple[int, int]) -> Hit:
    original = ctx.doc.text[span[0] : span[1]]
    lowered = original.lower()
    if any(s.start == span[0] for s in ctx.doc.sentences):
        lowered = lowered[:1].upper() + lowered[1:]  # "IMPORTANT :" -> "Important :"
    explanation = "Écrire en minuscules ; mettez en gras ce qui est important."
    suggestion = Suggestion.replace(span[0], span[1], lowered, Safety.UNSAFE, explanation)
    return Hit(span[0], span[1], suggestions=(suggestion,))


THIRD_PERSON_READERS = frozenset(
    {
        "usager",
        "usagère",
        "bénéficiaire",
        "intéressé",
        "intéressée",
        "intéressé(e)",
        "demandeur",
        "demandeuse",
        "allocataire",
        "requérant",
        "requérante",
        "pétitionnaire",
        "administré",
        "administrée",
        "redevable",
        "contribuable",
        "titulaire",
        "assuré",
        "assurée",
        "déclarant",
        "déclarante",
        "souscripteur",
        "souscriptrice",
        "abonné",
        "abonnée",
        "électeur",
        "électrice",
        "mandant",
        "mandante",
    }
)
_DEFINITE = frozenset({"l'", "le", "la", "ledit", "ladite", "du", "au", "dudit", "audit"})


def address(ctx: Context, params: Params) -> Iterator[Hit]:
    """ "L'intéressé", "le bénéficiaire": the reader named in the third person."""
    doc = ctx.doc
    for token in doc.tokens:
        word = token.lower
        if word not in THIRD_PERSON_READERS or not ctx.in_prose(token.start):
            continue
        before = doc.tokens[token.i - 1] if token.i else None
        if before is None or before.lower not in _DEFINITE or before.sentence != token.sentence:
            continue
        end = token.end
        if doc.text[end : end + 3] == "(e)":
            end += 3
        yield Hit(
            before.start,
            end,
            suggestions=(Suggestion.advice("Adressez-vous au lecteur avec « vous »."),),
        )


SURFACE_DETECTORS = (
    Detector("number-words", number_words),
    Detector("numeric-date", numeric_date),
    Detector("protected-value", protected_value, ("kind", "minimum")),
    Detector("capitals", capitals),
    Detector("roman-numeral", roman_numerals),
    Detector("address", address),
)
