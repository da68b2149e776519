"""Protected spans: dates, amounts, references, placeholders... found by pattern in the text."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass

from simplify.document import ProtectedKind, ProtectedSpan
from simplify.lang.fr.abbreviations import NEVER_FINAL
from simplify.lang.fr.calendar import MONTH_NUMBERS, MONTHS, WEEKDAYS

_SP = r"[ \u00a0\u202f]"  # a space as Word writes it
_APOS = r"['’]"
_MONTH = "(?:" + "|".join((*MONTHS, "fevrier", "aout", "decembre")) + ")"
_WEEKDAY = "(?:" + "|".join(WEEKDAYS) + ")"
_DAY = r"(?:1er|1ᵉʳ|premier|[12]\d|3[01]|0?[1-9])"
_NUMBER = rf"(?:\d{{1,3}}(?:{_SP}\d{{3}})+|\d+)(?:,\d+)?"

CODES = (
    "code de l'action sociale et des familles",
    "code de la sécurité sociale",
    "code de l'urbanisme",
    "code général des impôts",
    "code électoral",
    "code du travail",
    "code des transports",
    "code civil",
    "code de la santé publique",
    "code général des collectivités territoriales",
    "code des relations entre le public et l'administration",
    "code de la construction et de l'habitation",
    "code de l'environnement",
    "code de l'éducation",
    "code pénal",
    "code de la route",
    "code de justice administrative",
    "code de commerce",
    "code de la consommation",
    "code monétaire et financier",
    "code du patrimoine",
    "code du sport",
    "code des pensions civiles et militaires de retraite",
    "code général de la propriété des personnes publiques",
    "code de procédure civile",
    "code des procédures civiles d'exécution",
    "livre des procédures fiscales",
)


def _code_pattern() -> str:
    names = []
    for code in CODES:
        escaped = re.escape(code).replace("'", _APOS).replace(r"\ ", rf"{_SP}+")
        names.append(escaped)
    return "(?:" + "|".join(names) + ")"


_CODE_NAME = _code_pattern()
_CODE_TAIL = (
    rf"(?:{_SP}+(?:du|de{_SP}+la|de{_SP}+l{_APOS}|des){_SP}*(?:(?i:{_CODE_NAME})"
    rf"|[A-Z]{{2,6}}\b))?"
)
_ARTICLE_NUMBER = rf"(?:[LRDA]\.?{_SP}?\*?)?\d+(?:[-‑–.]\d+)*(?:{_SP}?(?:bis|ter|quater)\b)?"
_ARTICLE_LIST = rf"{_ARTICLE_NUMBER}(?:{_SP}*(?:,|à|et|au){_SP}*{_ARTICLE_NUMBER})*"
_TEXT_KIND = r"(?:loi|décret|ordonnance|arrêté|délibération|circulaire|règlement)"

_PATTERNS: list[tuple[ProtectedKind, re.Pattern[str], int]] = [
    # Template placeholders, in the syntaxes agents' tools use.
    (ProtectedKind.PLACEHOLDER, re.compile(r"\{\{[^{}\n]{1,80}\}\}"), 0),
    (ProtectedKind.PLACEHOLDER, re.compile(r"\{%[^\n]{1,200}?%\}"), 0),
    (ProtectedKind.PLACEHOLDER, re.compile(r"\$\{[^{}\n]{1,60}\}"), 0),
    # «NOM»: a merge field has no space just inside the guillemets (a French quote has one).
    (ProtectedKind.PLACEHOLDER, re.compile(r"«[^\s«»][^«»\n]{0,60}?[^\s«»]»|«[^\s«»]»"), 0),
    (ProtectedKind.PLACEHOLDER, re.compile(r"\[[A-ZÀ-ÖØ-Ý0-9][A-ZÀ-ÖØ-Ý0-9 _'’./-]{1,60}\]"), 0),
    (ProtectedKind.PLACEHOLDER, re.compile(r"<<[A-Za-z_][\w .-]{0,40}>>"), 0),
    (ProtectedKind.EMAIL, re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), 0),
    (ProtectedKind.URL, re.compile(r"(?:https?://|www\.)[^\s<>«»\"]+[^\s<>«».,;:!?)\"]"), 0),
    (
        ProtectedKind.URL,
        re.compile(
            r"\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:gouv\.fr|fr|com|org|net|eu|info)"
            r"(?:/[^\s<>«»\"]*[^\s<>«».,;:!?)\"])?\b"
        ),
        0,
    ),
    (
        ProtectedKind.LEGAL_REFERENCE,
        re.compile(rf"(?i:articles?|art\.){_SP}+{_ARTICLE_LIST}{_CODE_TAIL}"),
        0,
    ),
    (
        ProtectedKind.LEGAL_REFERENCE,
        re.compile(
            rf"\b[LRD]\.?{_SP}?\d+(?:-\d+)+(?:{_SP}+(?:à|et){_SP}+[LRD]\.?{_SP}?\d+(?:-\d+)+)?"
            rf"{_CODE_TAIL}"
        ),
        0,
    ),
    (
        ProtectedKind.LEGAL_REFERENCE,
        re.compile(
            rf"\b(?i:{_TEXT_KIND}){_SP}+(?:n[°º]{_SP}?[\d-]+{_SP}+)?du{_SP}+{_DAY}{_SP}+"
            rf"(?i:{_MONTH}){_SP}+\d{{4}}"
        ),
        0,
    ),
    (
        ProtectedKind.REFERENCE,
        re.compile(
            rf"\b(?:PC|DP|PA|PD|CUa|CUb|CU){_SP}?\d{{3}}{_SP}?\d{{3}}{_SP}?\d{{2}}{_SP}?"
            r"[A-Z0-9]{5}\b"
        ),
        0,
    ),
    (
        ProtectedKind.REFERENCE,
        re.compile(rf"\bFR\d{{2}}(?:{_SP}?[A-Z0-9]{{4}}){{5}}{_SP}?[A-Z0-9]{{1,3}}\b"),
        0,
    ),
    # "n° 2024-118-457", "N° 123 456 789": the identifier after a number sign.
    (
        ProtectedKind.REFERENCE,
        re.compile(
            rf"[nN][°º]{_SP}?([A-Z0-9](?:[A-Za-z0-9/._-]*[A-Za-z0-9])?"
            rf"(?:{_SP}[A-Z0-9]*\d(?:[A-Z0-9/._-]*[A-Z0-9])?)*)"
        ),
        1,
    ),
    # "Réf. : DAS/PA/2024-0193", "Dossier : 2024/118": the identifier after a label.
    (
        ProtectedKind.REFERENCE,
        re.compile(
            rf"(?:\b(?:N/|V/|Nos?{_SP}|Vos?{_SP})?[Rr]éf(?:érences?)?\.?|\bDossier|\bAffaire)"
            rf"{_SP}*:{_SP}*((?=[A-Z0-9/._-]*[\d/])[A-Z0-9][A-Za-z0-9/._-]*[A-Za-z0-9/]"
            rf"|[A-Z0-9]{{2,}}(?={_SP}?(?:\$\{{|\{{\{{|«)))"
        ),
        1,
    ),
    # Codes mixing capitals and digits: FA-2024-00731, DAS/PA/2024-0193.
    (
        ProtectedKind.REFERENCE,
        re.compile(r"\b(?=[A-Z0-9/-]*\d)(?=[0-9/-]*[A-Z])[A-Z0-9]{2,}(?:[-/][A-Z0-9]+)+\b"),
        0,
    ),
    (ProtectedKind.REFERENCE, re.compile(r"\b\d{3,}(?:[-/]\d{2,}){2,}\b"), 0),
    (
        ProtectedKind.PHONE,
        re.compile(
            r"(?<![\d,])(?:\+33[ .\u00a0]?(?:\(0\))?|0)[1-9](?:[ .\u00a0\u202f-]?\d{2}){4}(?!\d)"
        ),
        0,
    ),
    (
        ProtectedKind.DATE,
        re.compile(
            r"(?<![\d/.-])(?:0?[1-9]|[12]\d|3[01])([/.-])(?:0?[1-9]|1[0-2])\1(?:\d{4}|\d{2})"
            r"(?![\d/-]|\.\d)"
        ),
        0,
    ),
    (
        ProtectedKind.DATE,
        re.compile(rf"(?i:\b(?:{_WEEKDAY}{_SP}+)?{_DAY}{_SP}+{_MONTH}(?:{_SP}+\d{{4}})?)\b"),
        0,
    ),
    (ProtectedKind.DATE, re.compile(rf"(?i:\b{_MONTH}{_SP}+\d{{4}})\b"), 0),
    (
        ProtectedKind.AMOUNT,
        re.compile(rf"(?<![\d,]){_NUMBER}{_SP}?(?:€|euros?\b|EUR\b|centimes?\b)"),
        0,
    ),
    (ProtectedKind.AMOUNT, re.compile(rf"€{_SP}?{_NUMBER}"), 0),
    (ProtectedKind.PERCENT, re.compile(rf"(?<![\d,]){_NUMBER}{_SP}?(?:%|pour{_SP}?cent\b)"), 0),
    (
        ProtectedKind.TIME,
        re.compile(rf"\b(?:[01]?\d|2[0-3]){_SP}?h{_SP}?(?:[0-5]\d\b|(?=[\s.,;)]|$))"),
        0,
    ),
    (ProtectedKind.TIME, re.compile(r"\b(?:[01]?\d|2[0-3]):[0-5]\d\b"), 0),
    (ProtectedKind.NUMBER, re.compile(rf"(?<![\d,]){_NUMBER}(?:er|e|ème)?\b"), 0),
    # Names after a title: "M. Dupont", "Mme Claire Leroy", "Madame DUPUIS".
    (
        ProtectedKind.NAME,
        re.compile(
            rf"\b(?:M\.|MM\.|Mme|Mlle|Me|Dr){_SP}((?:[A-ZÀ-Ý][\w'’-]*|[A-Z]\.)"
            rf"(?:{_SP}(?:[A-ZÀ-Ý][\w'’-]+|[A-Z]\.))*)"
        ),
        1,
    ),
    (
        ProtectedKind.NAME,
        re.compile(
            rf"\b(?:Madame|Monsieur|Mademoiselle){_SP}([A-ZÀ-Ý][\w'’-]+"
            rf"(?:{_SP}[A-ZÀ-Ý][\w'’-]+)*)"
        ),
        1,
    ),
    # Initials before a surname: "J. Martin", "J.-P. Durand".
    (ProtectedKind.NAME, re.compile(r"\b[A-Z]\.(?:-[A-Z]\.)?[ \u00a0][A-ZÀ-Ý][a-zà-ÿ'’-]+"), 0),
]

# When spans overlap, the kind that comes first wins, then the longer span.
_PRIORITY = {kind: rank for rank, kind in enumerate(ProtectedKind)}
_NOT_NAMES = frozenset(
    "madame monsieur mesdames messieurs objet vous nous cordialement le la les service "
    "direction président présidente maire ledit ladite lesdits lesdites ce cet cette ces "
    "votre vos notre nos un une des du au aux tout toute tous chaque".split()
)


@dataclass(frozen=True, slots=True)
class _Candidate:
    kind: ProtectedKind
    start: int
    end: int


def find_protected_in_blocks(
    text: str,
    blocks: Iterable[tuple[int, int]],
    cache: MutableMapping[str, tuple[ProtectedSpan, ...]] | None = None,
) -> list[ProtectedSpan]:
    """Protected spans block by block (no fact spans two blocks); with a cache keyed by block
    text, re-analysing an edited letter only re-reads the blocks that changed."""
    spans: list[ProtectedSpan] = []
    for start, end in blocks:
        chunk = text[start:end]
        found = cache.get(chunk) if cache is not None else None
        if found is None:
            found = tuple(find_protected(chunk))
            if cache is not None:
                cache[chunk] = found
        spans.extend(
            ProtectedSpan(s.kind, s.start + start, s.end + start, s.text, s.value) for s in found
        )
    return spans


def find_protected(text: str) -> list[ProtectedSpan]:
    """Every protected span of text found by pattern, sorted, without overlaps."""
    candidates = []
    for kind, pattern, group in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span(group)
            if end > start and not (kind is ProtectedKind.NAME and _is_common(text[start:end])):
                candidates.append(_Candidate(kind, start, end))
    return resolve(text, candidates)


def _plausible_entity(surface: str) -> bool:
    """The small model tags header words and acronyms as entities; keep real names only."""
    if len(surface) < 3 or not surface[:1].isupper() or _is_common(surface):
        return False
    if surface.isupper() and len(surface) <= 8:  # an acronym: the acronym rules handle it
        return False
    if " " not in surface and _common_word(surface):
        return False  # "Veuillez", "Conformément": a word at the start of a sentence
    return surface.rstrip(".").lower() not in NEVER_FINAL


def _common_word(word: str) -> bool:
    from simplify.readability.vocabulary import zipf

    return zipf(word.lower()) >= 3.5


def _is_common(name: str) -> bool:
    return name.split(maxsplit=1)[0].strip(".").lower() in _NOT_NAMES


def resolve(text: str, candidates: Iterable[_Candidate | ProtectedSpan]) -> list[ProtectedSpan]:
    """Keep, among overlapping candidates, the one of higher priority, then the longer one."""
    ordered = sorted(candidates, key=lambda c: (_PRIORITY[c.kind], -(c.end - c.start), c.start))
    taken: list[tuple[int, int, ProtectedKind]] = []  # kept sorted, never overlapping
    for cand in ordered:
        index = bisect_left(taken, (cand.start,))
        if index < len(taken) and taken[index][0] < cand.end:
            continue  # the next span starts inside the candidate
        if index > 0 and taken[index - 1][1] > cand.start:
            continue  # the previous span ends inside the candidate
        taken.insert(index, (cand.start, cand.end, cand.kind))
    return [
        ProtectedSpan(kind, s, e, text[s:e], normalised_value(kind, text[s:e]))
        for s, e, kind in taken
    ]


def merge_entities(
    text: str, protected: list[ProtectedSpan], entities: Iterable[tuple[str, int, int]]
) -> list[ProtectedSpan]:
    """Add named entities (PER, ORG) from the parser where no pattern span already is."""
    extra: list[_Candidate] = []
    for label, start, end in entities:
        kind = {"PER": ProtectedKind.NAME, "ORG": ProtectedKind.ORGANISATION}.get(label)
        surface = text[start:end]
        if kind is None or not _plausible_entity(surface):
            continue
        extra.append(_Candidate(kind, start, end))
    if not extra:
        return protected
    return resolve(text, [*protected, *extra])


_DIGITS = re.compile(r"\d+")


def normalised_value(kind: ProtectedKind, surface: str) -> str | None:
    """A canonical form, so that equivalent spellings of one fact compare equal."""
    flat = re.sub(r"[\s\u00a0\u202f]+", " ", surface.replace("’", "'")).strip()
    if kind is ProtectedKind.DATE:
        return _date_value(flat)
    if kind in (ProtectedKind.AMOUNT, ProtectedKind.PERCENT, ProtectedKind.NUMBER):
        number = re.search(r"\d{1,3}(?: \d{3})+(?:,\d+)?|\d+(?:,\d+)?", flat)
        if number is None:
            return None
        value = number.group(0).replace(" ", "").replace(",", ".")
        unit = "€" if kind is ProtectedKind.AMOUNT else "%" if kind is ProtectedKind.PERCENT else ""
        if "centime" in flat:
            unit = "c"
        return f"{float(value):.2f}{unit}" if unit else value
    if kind is ProtectedKind.PHONE:
        digits = "".join(_DIGITS.findall(flat))
        return "0" + digits[2:] if digits.startswith("33") else digits
    if kind is ProtectedKind.TIME:
        numbers = _DIGITS.findall(flat)
        return f"{int(numbers[0]):02d}:{int(numbers[1]) if len(numbers) > 1 else 0:02d}"
    return flat


def _date_value(flat: str) -> str | None:
    numeric = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})", flat)
    if numeric:
        day, month, year = (int(g) for g in numeric.groups())
        if year < 100:
            year += 2000
        return f"{year:04d}-{month:02d}-{day:02d}"
    words = flat.lower().split()
    words = [w for w in words if w not in WEEKDAYS]
    day_value: int | None = None
    month_value: int | None = None
    year_value: int | None = None
    for word in words:
        if word in {"1er", "1ᵉʳ", "premier"}:
            day_value = 1
        elif word in MONTH_NUMBERS:
            month_value = MONTH_NUMBERS[word]
        elif word.isdigit():
            if len(word) == 4:
                year_value = int(word)
            else:
                day_value = int(word)
    if month_value is None:
        return None
    year_text = f"{year_value:04d}" if year_value else "????"
    day_text = f"{day_value:02d}" if day_value else "??"
    return f"{year_text}-{month_value:02d}-{day_text}"
