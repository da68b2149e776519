"""Pattern checks for French a rewrite must not break: determiners, elisions, punctuation,
capitals after a cut, empty list items."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from simplify.lang.fr.abbreviations import NEVER_FINAL
from simplify.lang.fr.genders import GENDERS
from simplify.rewrite.inflect import starts_with_vowel_sound

_DETERMINERS = r"(?:le|la|les|un|une|des|du|ce|cet|cette|ces|votre|vos|mon|ma|mes|son|sa|ses)"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "mot répété",
        re.compile(
            r"(?i)\b(le|la|les|de|du|des|un|une|à|au|aux|et|que|qui|ce|cette|ces|votre|vos|pour|"
            r"par|vous|nous|est|a)\s+\1\b"
        ),
    ),
    ("déterminants doublés", re.compile(rf"(?i)\b{_DETERMINERS}\s+{_DETERMINERS}\s")),
    ("contraction manquée", re.compile(r"(?i)\b(?:de|à)\s+(?:le|les)\b(?!\s*(?:même|mêmes)\b)")),
    ("espace avant la ponctuation", re.compile(r"[^\S\n]+[,.](?!\.)(?!\d)")),
    ("ponctuation doublée", re.compile(r"[,;:]\s*[.,;]|(?<!\.)\.\s*\.(?!\.)|,\s*,")),
    ("parenthèses vides", re.compile(r"\(\s*\)")),
    ("espaces doublés", re.compile(r"\S[^\S\n]{2,}\S")),
    ("puce vide", re.compile(r"(?m)^\s*-\s*$")),
    ("phrase coupée après « veut dire »", re.compile(r"(?i)\bveut dire\s*[.;]")),
    ("« seulement » répété", re.compile(r"(?i)\bseulement\b[^.;:!?]{0,80}\bseulement\b")),
    (
        "« si » suivi du conditionnel",
        re.compile(r"(?i)\bs(?:i\b|'ils?\b)[^.;:!?,]{0,160}?\b\w+(?:rait|raient|rions|riez)\b"),
    ),
)
# Determiners and adjectives that show their gender, before a noun of known gender.
_GENDER_OF = {
    "un": "Masc",
    "du": "Masc",
    "au": "Masc",
    "cet": "Masc",
    "premier": "Masc",
    "dernier": "Masc",
    "nouveau": "Masc",
    "prochain": "Masc",
    "une": "Fem",
    "cette": "Fem",
    "première": "Fem",
    "dernière": "Fem",
    "nouvelle": "Fem",
    "prochaine": "Fem",
}
_GENDERED = re.compile(rf"(?i)\b({'|'.join(_GENDER_OF)})\s+([^\W\d_][\w-]*)")
_POSSESSIVE = re.compile(r"(?i)\b(mon|ton|son)\s+([^\W\d_][\w-]*)")
_ELIDING = re.compile(r"(?i)\b(le|la|de|que|ne|je|me|te|se|si)\s+([^\W\d_][\w'’-]*)")
_CE_VOWEL = re.compile(r"(?i)\bce\s+([^\W\d_][\w'’-]*)")
_LOWER_AFTER_STOP = re.compile(r"([\w/.°-]+)([.!?])\s+([a-zàâçéèêëîïôûù])")


@dataclass(frozen=True)
class Defect:
    kind: str
    start: int
    end: int
    text: str


def grammar_defects(text: str) -> list[Defect]:
    """Places where the text breaks a rule of written French a substitution can break."""
    return sorted(_defects(text), key=lambda d: d.start)


def _defects(text: str) -> Iterator[Defect]:
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            yield Defect(kind, match.start(), match.end(), match.group(0))
    for match in _ELIDING.finditer(text):
        word, following = match.group(1).lower(), match.group(2).lower()
        if word == "si":
            if following in {"il", "ils"}:
                yield Defect("élision manquée", match.start(), match.end(), match.group(0))
            continue
        if starts_with_vowel_sound(following) and not (
            word in {"le", "la"} and following in {"un", "une", "onze"}
        ):
            yield Defect("élision manquée", match.start(), match.end(), match.group(0))
    for match in _CE_VOWEL.finditer(text):
        if starts_with_vowel_sound(match.group(1)) and match.group(1).lower() not in {"qui", "que"}:
            yield Defect("« ce » devant une voyelle", match.start(), match.end(), match.group(0))
    for match in _GENDERED.finditer(text):
        gender = GENDERS.get(match.group(2).lower())
        if gender is not None and gender != _GENDER_OF[match.group(1).lower()]:
            yield Defect("accord en genre", match.start(), match.end(), match.group(0))
    for match in _POSSESSIVE.finditer(text):
        word, noun = match.group(1).lower(), match.group(2)
        if GENDERS.get(noun.lower()) == "Fem" and not starts_with_vowel_sound(noun):
            yield Defect("accord en genre", match.start(), match.end(), match.group(0))
    for match in _LOWER_AFTER_STOP.finditer(text):
        before = match.group(1).lower().rstrip(".")
        if match.group(2) == "." and (before in NEVER_FINAL or len(before) == 1 or "." in before):
            continue  # "M. dupont", "art. 5", "etc. et", initials, web addresses
        yield Defect("majuscule manquante", match.start(3), match.end(3), match.group(0))


def new_defects(
    original: str,
    rewritten: str,
    original_defects: Iterable[Defect] | None = None,
    rewritten_defects: Iterable[Defect] | None = None,
) -> list[Defect]:
    """Defects of the rewrite that the original did not already have (either side's defects
    may be passed when the caller has them already)."""
    known = grammar_defects(original) if original_defects is None else original_defects
    before = Counter((d.kind, d.text.lower()) for d in known)
    found = []
    after = grammar_defects(rewritten) if rewritten_defects is None else rewritten_defects
    for defect in after:
        key = (defect.kind, defect.text.lower())
        if before[key] > 0:
            before[key] -= 1
            continue
        found.append(defect)
    return found
