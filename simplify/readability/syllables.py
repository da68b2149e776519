"""Count spoken French syllables, following the convention written in docs/syllables.md."""

from __future__ import annotations

import re
from functools import lru_cache

from simplify.lang.fr.syllable_data import (
    CODAS,
    EXCEPTIONS,
    GLIDE_LETTERS,
    LETTER_SYLLABLES,
    LIQUIDS,
    OBSTRUENTS,
    ONSETS,
    PRONOUNCED_ENT,
    SINGULAR_ENT_VERBS,
    VOWEL_DIGRAPHS,
    VOWELS,
)

_VERB_POS = frozenset({"VERB", "AUX"})
_LETTERS = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=200_000)
def count_syllables(
    word: str, pos: str | None = None, spoken_as_letters: bool | None = None
) -> int:
    """Spoken syllables of one word; pos (a UD tag) tells verbs, which matters for "-ent".

    Acronyms (all capitals) are read as a word when they can be said as one, letter by
    letter otherwise; `spoken_as_letters` overrides the guess (the acronym list knows).
    """
    word = word.strip().replace("’", "'")
    if not word:
        return 0
    if word.isupper() and len(word) >= 2 and word.isalpha():
        return _acronym_syllables(word, spoken_as_letters)
    lower = word.lower()
    if lower in EXCEPTIONS:
        return EXCEPTIONS[lower]
    if "-" in lower or "'" in lower:
        pieces = [p for p in re.split(r"[-']", lower) if p]
        # An elided piece ("l", "qu") has no vowel of its own: it counts 0.
        return sum(
            count_syllables(p, pos if i == len(pieces) - 1 else None) for i, p in enumerate(pieces)
        )
    letters = "".join(_LETTERS.findall(lower))
    if not letters:
        return 0
    return _count(letters, pos)


def _acronym_syllables(word: str, spoken_as_letters: bool | None) -> int:
    if spoken_as_letters is None:
        spoken_as_letters = not _pronounceable(word.lower())
    if spoken_as_letters:
        return sum(LETTER_SYLLABLES.get(letter, 1) for letter in word)
    # Said as a word: a doubled vowel is one sound (INSEE = in-sé), a final e is said é.
    return max(1, len(_nuclei(re.sub(r"(.)\1", r"\1", word.lower()))))


def _pronounceable(word: str) -> bool:
    """Whether an acronym reads as a word: vowels with consonant runs a French mouth can say."""
    runs = re.split(r"[aeiouy]+", word)
    if len(runs) < 2 or not re.search(r"[^aeiouy][aeiouy]", word):
        return False  # no vowel, or no consonant before a vowel (AAH, APL)
    first, *middle, last = runs
    if len(first) > 2 or (len(first) == 2 and first not in ONSETS):
        return False
    if len(last) > 2 or (len(last) == 2 and last not in CODAS):
        return False  # RATP: "tp" cannot end a spoken syllable
    return all(len(run) <= 3 for run in middle)


def _count(word: str, pos: str | None) -> int:
    return len(_nuclei(_drop_mute_ending(word, pos)))


def _has_vowel(text: str) -> bool:
    return any(c in VOWELS for c in text)


def _drop_mute_ending(word: str, pos: str | None) -> str:
    """Remove a silent final e, es, or the -ent of a 3rd-person plural verb (rule 2)."""
    if word.endswith("ent") and _is_verb_ending(word, pos):
        stem = word[:-3]
        if _has_vowel(stem):
            return stem
    for ending in ("es", "e"):
        if word.endswith(ending):
            stem = word[: -len(ending)]
            if (_has_vowel(stem) and not stem.endswith(("qu", "gu"))) or (
                stem.endswith(("qu", "gu")) and _has_vowel(stem[:-2])
            ):
                return stem
            return word
    return word


def _is_verb_ending(word: str, pos: str | None) -> bool:
    if pos in _VERB_POS:
        # "il vient", "il convient", "il ment": singular forms that say their "-ent".
        return word not in SINGULAR_ENT_VERBS and not word.endswith(("vient", "tient"))
    if word in PRONOUNCED_ENT or pos is not None:
        return False
    # No tag: "-ment" words are mostly nouns and adverbs; "-aient" is always a verb.
    if word.endswith(("aient", "oient")):
        return True
    return not word.endswith(("ment", "ient"))


def _nuclei(word: str) -> list[str]:
    """Split a word (without its mute ending) into vowel nuclei, applying rules 3 to 7."""
    units = _units(word)
    nuclei: list[str] = []
    index = 0
    while index < len(units):
        unit = units[index]
        if not unit or unit[0] not in VOWELS:
            index += 1
            continue
        following = _next_vowel_unit(units, index)
        if unit == "y":
            nuclei.extend(_y_nuclei(units, index))
            index += 1
            continue
        if unit == "e" and _silent_e(units, index):
            index += 1
            continue
        if following is not None and units[following] == "e" and _silent_e(units, following):
            following = None  # "remerciement", "continuerez": the i or u before a mute e
        if following is not None and unit in GLIDE_LETTERS:
            cluster = _preceded_by_cluster(units, index)
            if unit == "u" and units[following] == "i":
                cluster = False  # "ui" is one syllable: pluie, fruit, construire
            if unit == "u" and units[following] == "y":
                cluster = True  # "appuyer" = a-ppui-yer: the u carries the vowel
            if not cluster:
                index += 1  # a glide: the next vowel is the nucleus
                continue
        nuclei.append(unit)
        index += 1
    return nuclei


def _units(word: str) -> list[str]:
    """Letters grouped: vowel digraphs as one unit, "qu"/"gu" + e/i as consonants."""
    units: list[str] = []
    index = 0
    while index < len(word):
        rest = word[index:]
        if rest.startswith(("qu", "gu")) and (rest[:2] == "qu" or rest[2:3] in set("eéèêiîy")):
            units.append(rest[:2].replace("u", "w"))  # the u is silent
            index += 2
            continue
        if rest.startswith("ge") and rest[2:3] in set("aoâôu"):
            units.extend(["g", ""])  # "mangeons", "geôle": the e only softens the g
            index += 2
            continue
        for digraph in VOWEL_DIGRAPHS:
            if rest.startswith(digraph) and not _diaeresis_breaks(rest, digraph):
                units.append(digraph)
                index += len(digraph)
                break
        else:
            char = word[index]
            # "ill" after a vowel is the glide [j]: travail, feuille, bouteille.
            if char == "i" and rest.startswith("ill") and units and units[-1][:1] in VOWELS:
                units.append("j")
                index += 3
                continue
            if (
                char == "i"
                and rest == "il"
                and units
                and units[-1] in {"a", "e", "eu", "ue", "ou", "œ"}
            ):
                units.append("j")
                index += 2
                continue
            units.append(char)
            index += 1
    return units


def _diaeresis_breaks(rest: str, digraph: str) -> bool:
    return len(rest) > len(digraph) and rest[len(digraph)] in "ïëü" and digraph in {"a", "o"}


def _next_vowel_unit(units: list[str], index: int) -> int | None:
    """Index of the vowel unit right after index (an h between vowels is silent)."""
    nxt = index + 1
    while nxt < len(units) and units[nxt] in {"h", ""}:
        nxt += 1
    if nxt < len(units) and units[nxt][:1] in VOWELS:
        return nxt
    return None


def _preceded_by_cluster(units: list[str], index: int) -> bool:
    if index < 2:
        return False
    return units[index - 1] in LIQUIDS and units[index - 2] in OBSTRUENTS


def _silent_e(units: list[str], index: int) -> bool:
    """A plain e that is not said: before a vowel (rule 3) or after one (paiement)."""
    following = units[index + 1] if index + 1 < len(units) else ""
    if following[:1] in VOWELS and following != "e":
        return True  # "Jean", "asseoir": the e before another vowel (not across an h: dehors)
    previous = units[index - 1] if index else ""
    if previous[:1] in VOWELS and previous not in {"e"}:
        # after a vowel, before one consonant and a vowel: "paiement", "continuerez"
        after = units[index + 1 : index + 3]
        return (
            len(after) == 2
            and after[0][:1] not in VOWELS
            and after[0] != "x"  # x is two sounds: "réexaminer" keeps its e
            and after[1][:1] in VOWELS
        )
    return False


def _y_nuclei(units: list[str], index: int) -> list[str]:
    """y between vowels is i + glide (pays, payer, moyen): it adds the i only when nothing
    vowel-like follows; elsewhere it is the vowel i (cycle, style)."""
    before_vowel = index > 0 and units[index - 1][:1] in VOWELS
    after_vowel = index + 1 < len(units) and units[index + 1][:1] in VOWELS
    if index == 0 and after_vowel:
        return []  # "yeux", "yaourt": a consonant
    if before_vowel and after_vowel:
        return []  # "payer" = pè-yer, "moyen" = moi-yen: the glide starts the next syllable
    if before_vowel:
        return ["y"]  # "pays" = pa-ys
    return [] if after_vowel else ["y"]
