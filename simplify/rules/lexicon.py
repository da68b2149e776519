"""The jargon lexicon and the acronym list: loading, validation, and matching on a Document."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from simplify.document import Document, normalise_for_lookup
from simplify.lang.fr.elisions import REFLEXIVE_PRONOUNS
from simplify.lang.fr.verbs import IRREGULAR_FORMS
from simplify.rules.yamlsource import PackError, load_yaml, where

_WORD = re.compile(r"[^\W\d_]+['’]?|\d+")
GROUPS = frozenset({"formal", "phrase", "connector", "legal"})
POS_TAGS = frozenset({"ADJ", "NOUN", "VERB", "ADV", "ADP", "CCONJ", "SCONJ", "DET", "PRON"})

# A phrase word matches these doc words too (contractions, elisions, reflexive pronouns).
_EQUIVALENTS: dict[str, frozenset[str]] = {
    "à": frozenset({"à", "au", "aux"}),
    "de": frozenset({"de", "d'", "du", "des"}),
    "le": frozenset({"le", "l'"}),
    "la": frozenset({"la", "l'"}),
    "que": frozenset({"que", "qu'"}),
    "se": REFLEXIVE_PRONOUNS,
    "s'": REFLEXIVE_PRONOUNS,
    "ne": frozenset({"ne", "n'"}),
    "je": frozenset({"je", "j'"}),
    "me": frozenset({"me", "m'"}),
    "te": frozenset({"te", "t'"}),
    "ce": frozenset({"ce", "c'", "cet", "cette"}),
}


def words_of(text: str) -> list[str]:
    """Lowercase words of a term as the matcher sees them ("ci-joint" -> ["ci", "joint"])."""
    return [w.replace("’", "'") for w in _WORD.findall(normalise_for_lookup(text).lower())]


def fold(text: str) -> str:
    """Lowercase without accents, for loose comparisons (expansions of acronyms)."""
    decomposed = unicodedata.normalize("NFD", normalise_for_lookup(text).lower())
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


@dataclass(frozen=True, slots=True)
class JargonEntry:
    term: str
    kind: str
    pos: str | None
    group: str
    replace: tuple[str, ...]
    explain: str | None
    forms: tuple[str, ...]
    example: str
    counter: str | None
    source: str
    # Contexts where the term has another sense and keeps its words: regular expressions, one
    # of which matches a stretch of text that holds the term ("avis d'échéance").
    keep_in: tuple[re.Pattern[str], ...] = ()

    @property
    def words(self) -> list[str]:
        return words_of(self.term)


@dataclass(frozen=True, slots=True)
class StreamWord:
    """A word of the document as the phrase matcher sees it."""

    text: str  # lowercase, ASCII apostrophe
    lemma: str
    pos: str
    start: int
    end: int
    token: int


@dataclass(frozen=True, slots=True)
class JargonMatch:
    entry: JargonEntry
    start: int
    end: int
    first_token: int
    last_token: int


def word_stream(doc: Document) -> list[StreamWord]:
    """Document words in order, each spaCy token cut like lexicon terms are."""
    stream = []
    previous = ""
    for token in doc.tokens:
        if not token.is_word:
            continue
        pos = token.pos
        if pos == "VERB" and previous in _BEFORE_NOUN and token.lower.endswith(_PARTICIPLE_ENDINGS):
            pos = "NOUN"  # "par arrêté du 5 mars", "l'arrêté": a noun the tagger took for a verb
        for text, start, end, lemma in _pieces(token.lower, token.lemma):
            stream.append(
                StreamWord(text, lemma, pos, token.start + start, token.start + end, token.i)
            )
        previous = token.lower.replace("’", "'")
    return stream


_BEFORE_NOUN = frozenset({"par", "un", "une", "le", "la", "l'", "cet", "cette", "votre"})


@lru_cache(maxsize=100_000)
def _pieces(lower: str, lemma: str) -> tuple[tuple[str, int, int, str], ...]:
    found = list(_WORD.finditer(lower))
    lemma_form = normalise_for_lookup(lemma).lower()
    return tuple(
        (m.group(0), m.start(), m.end(), lemma_form if len(found) == 1 else m.group(0))
        for m in found
    )


class JargonLexicon:
    """Entries indexed by every surface form and lemma that should match them."""

    def __init__(self, entries: list[JargonEntry]) -> None:
        self.entries = entries
        self._single: dict[str, list[JargonEntry]] = {}
        self._verbs: dict[str, list[JargonEntry]] = {}
        self._phrases: dict[tuple[str, str], list[tuple[list[str], JargonEntry]]] = {}
        for entry in entries:
            words = entry.words
            if len(words) == 1 and entry.kind == "word":
                for form in {
                    words[0],
                    *_inflections(words[0], entry.pos),
                    *(f.lower().replace("’", "'") for f in entry.forms),
                }:
                    self._single.setdefault(form, []).append(entry)
                if entry.pos == "VERB":
                    self._verbs.setdefault(words[0], []).append(entry)
            else:
                variants = [words, *(words_of(f) for f in entry.forms)]
                for variant in variants:
                    if len(variant) < 2:
                        continue
                    # Indexed by every spelling of the first two words, so that a document word
                    # is only compared with the few phrases that can start there.
                    for first in phrase_word_forms(variant[0]):
                        for second in phrase_word_forms(variant[1]):
                            self._phrases.setdefault((first, second), []).append((variant, entry))

    def __len__(self) -> int:
        return len(self.entries)

    def matches(self, stream: list[StreamWord]) -> Iterator[JargonMatch]:
        """Longest matches, left to right, never overlapping."""
        index = 0
        while index < len(stream):
            best: JargonMatch | None = None
            best_exact = 0
            word = stream[index]
            candidates: list[tuple[list[str], JargonEntry]] = []
            if index + 1 < len(stream):
                after = stream[index + 1]
                for key in {
                    (word.text, after.text),
                    (word.text, after.lemma),
                    (word.lemma, after.text),
                    (word.lemma, after.lemma),
                }:
                    candidates.extend(self._phrases.get(key, ()))
            for variant, entry in candidates:
                length = _match_phrase(stream, index, variant)
                exact = _exactness(stream, index, variant)
                if length and (
                    best is None
                    or (length, exact) > (best.last_token - best.first_token + 1, best_exact)
                ):
                    best_exact = exact
                    last = stream[index + length - 1]
                    best = JargonMatch(entry, word.start, last.end, index, index + length - 1)
            if best is None:
                entry_found = self._single_entry(word)
                if entry_found is not None:
                    best = JargonMatch(entry_found, word.start, word.end, index, index)
            if best is not None:
                yield best
                index = best.last_token + 1
            else:
                index += 1

    def _single_entry(self, word: StreamWord) -> JargonEntry | None:
        for entry in self._single.get(word.text, []):
            if _pos_compatible(entry, word) or word.text in entry.forms:
                return entry
        if word.pos in {"VERB", "AUX"}:
            for entry in self._verbs.get(word.lemma, []):
                return entry
        for entry in self._single.get(word.lemma, []):
            if _pos_compatible(entry, word) and entry.pos in {"ADJ", "NOUN", "VERB"}:
                return entry
        return None


def _pos_compatible(entry: JargonEntry, word: StreamWord) -> bool:
    # The small model tags participles as ADJ and even some verbs as ADP: a verb entry is only
    # kept away from nouns ("demeurer" against "mise en demeure", "ordonnancer" against
    # "ordonnance").
    if entry.pos == "VERB":
        if word.pos in {"DET", "PRON"}:
            return False
        # A participle tagged as a noun ("honoré", "échu") is still the verb.
        return word.pos not in {"NOUN", "PROPN"} or word.text.endswith(_PARTICIPLE_ENDINGS)
    if entry.pos == "NOUN" and word.pos in {"VERB", "AUX"}:
        # "le calcul arrêté au 31 janvier": the participle, not the noun "un arrêté"
        return not word.text.endswith(_PARTICIPLE_ENDINGS)
    return True


_PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées", "i", "ie", "is", "ies", "u", "ue", "us", "ues")


def _exactness(stream: list[StreamWord], index: int, words: list[str]) -> int:
    """How many words match as written: "mise en demeure" beats "mettre en demeure"."""
    return sum(stream[index + i].text == w for i, w in enumerate(words) if index + i < len(stream))


@lru_cache(maxsize=20_000)
def phrase_word_forms(wanted: str) -> frozenset[str]:
    """Spellings a word of a phrase accepts: contractions and elisions, the regular feminine and
    plural ("collectivités territoriales" for "collectivité territoriale"), conjugated forms of
    a verb written in the infinitive ("faites état de" for "faire état de")."""
    forms = set(_EQUIVALENTS.get(wanted, frozenset({wanted})))
    if wanted not in _EQUIVALENTS and len(wanted) > 2:
        forms |= _inflections(wanted, "ADJ")
        if wanted.endswith(("er", "ir", "re", "oir")):
            forms |= _inflections(wanted, "VERB") | IRREGULAR_FORMS.get(wanted, frozenset())
    return frozenset(forms)


def _match_phrase(stream: list[StreamWord], index: int, words: list[str]) -> int:
    if index + len(words) > len(stream):
        return 0
    for offset, wanted in enumerate(words):
        word = stream[index + offset]
        if word.lemma != wanted and word.text not in phrase_word_forms(wanted):
            return 0
        if offset and word.start - stream[index + offset - 1].end > 2:
            return 0  # the words must follow each other (a space or a hyphen between)
    return len(words)


_ADJ_RULES = (
    ("eux", ("euse", "euses", "eux")),
    ("if", ("ive", "ives", "ifs")),
    ("el", ("elle", "elles", "els")),
    ("en", ("enne", "ennes", "ens")),
    ("on", ("onne", "onnes", "ons")),
    ("er", ("ère", "ères", "ers")),
    ("al", ("ale", "ales", "aux")),
    ("et", ("ette", "ettes", "ets")),
    ("eau", ("eaux", "elle", "elles")),
    ("eur", ("euse", "euses", "eurs", "rice", "rices")),
)
_ER_ENDINGS = (
    "e",
    "es",
    "ons",
    "ez",
    "ent",
    "ais",
    "ait",
    "ions",
    "iez",
    "aient",
    "ai",
    "as",
    "a",
    "âmes",
    "âtes",
    "èrent",
    "é",
    "ée",
    "és",
    "ées",
    "ant",
    "erai",
    "eras",
    "era",
    "erons",
    "erez",
    "eront",
    "erais",
    "erait",
    "erions",
    "eriez",
    "eraient",
    "asse",
    "ât",
    "er",
)
_IR_ENDINGS = (
    "is",
    "it",
    "issons",
    "issez",
    "issent",
    "issais",
    "issait",
    "issions",
    "issiez",
    "issaient",
    "i",
    "ie",
    "ies",
    "irai",
    "iras",
    "ira",
    "irons",
    "irez",
    "iront",
    "irais",
    "irait",
    "irions",
    "iriez",
    "iraient",
    "isse",
    "issant",
    "ir",
)


def _inflections(word: str, pos: str | None) -> set[str]:
    """Regular feminine and plural forms of adjectives and nouns; regular verb forms."""
    forms = {word}
    if pos in {"ADJ", "NOUN", "DET"}:
        forms |= {word + "s", word + "e", word + "es", word + "x"}
        for ending, replacements in _ADJ_RULES:
            if word.endswith(ending):
                forms |= {word[: -len(ending)] + r for r in replacements}
        if word.endswith(("é", "i", "u")):
            forms |= {word + "e", word + "es", word + "s"}
    if pos == "VERB":
        if word.endswith("er"):
            stem = word[:-2]
            forms |= {stem + ending for ending in _ER_ENDINGS}
            if stem.endswith("g"):
                forms |= {stem + "e" + e for e in ("ons", "ais", "ait", "aient", "ant", "a")}
            if stem.endswith("c"):
                forms |= {stem[:-1] + "ç" + e for e in ("ons", "ais", "ait", "aient", "ant", "a")}
        elif word.endswith("ir"):
            stem = word[:-2]
            forms |= {stem + ending for ending in _IR_ENDINGS}
    return forms


def load_jargon(path: Path) -> JargonLexicon:
    data = load_yaml(path)
    if not isinstance(data, list):
        raise PackError(f"{path}:1 : le lexique doit être une liste d'entrées")
    entries = []
    seen: dict[str, str] = {}
    for item in data:
        entry = _jargon_entry(path, item)
        key = entry.term.lower()
        if key in seen:
            raise PackError(f"{entry.source} : terme « {entry.term} » déjà défini en {seen[key]}")
        seen[key] = entry.source
        entries.append(entry)
    return JargonLexicon(entries)


def _required(path: Path, item: Any, key: str, kind: type) -> Any:
    if key not in item:
        raise PackError(f"{where(path, item)} : clé « {key} » manquante")
    value = item[key]
    if not isinstance(value, kind):
        raise PackError(f"{where(path, item, key)} : clé « {key} » : type {kind.__name__} attendu")
    return value


def _jargon_entry(path: Path, item: Any) -> JargonEntry:
    if not isinstance(item, dict):
        raise PackError(f"{where(path, item)} : une entrée doit être un dictionnaire")
    known = {
        "term",
        "kind",
        "pos",
        "group",
        "replace",
        "explain",
        "forms",
        "example",
        "counter",
        "keep_in",
    }
    for key in item:
        if key not in known:
            raise PackError(f"{where(path, item, key)} : clé « {key} » inconnue")
    term = _required(path, item, "term", str).strip()
    kind = _required(path, item, "kind", str)
    if kind not in {"word", "phrase"}:
        raise PackError(f"{where(path, item, 'kind')} : clé « kind » : word ou phrase attendu")
    group = _required(path, item, "group", str)
    if group not in GROUPS:
        raise PackError(f"{where(path, item, 'group')} : clé « group » : {sorted(GROUPS)} attendu")
    pos = item.get("pos")
    if pos is not None and pos not in POS_TAGS:
        raise PackError(f"{where(path, item, 'pos')} : clé « pos » : étiquette inconnue {pos!r}")
    replace = tuple(str(r) for r in (item.get("replace") or []))
    explain = item.get("explain")
    if not replace and not explain:
        raise PackError(f"{where(path, item)} : « {term} » n'a ni `replace` ni `explain`")
    example = _required(path, item, "example", str)
    return JargonEntry(
        term=term,
        kind=kind if len(words_of(term)) == 1 else "phrase",
        pos=pos,
        group=group,
        replace=replace,
        explain=str(explain) if explain else None,
        forms=tuple(str(f) for f in (item.get("forms") or [])),
        example=example,
        counter=item.get("counter"),
        source=where(path, item),
        keep_in=_patterns(path, item, "keep_in"),
    )


def _patterns(path: Path, item: Any, key: str) -> tuple[re.Pattern[str], ...]:
    values = item.get(key) or []
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise PackError(f"{where(path, item, key)} : clé « {key} » : liste de textes attendue")
    try:
        return tuple(re.compile(value, re.IGNORECASE) for value in values)
    except re.error as error:
        raise PackError(
            f"{where(path, item, key)} : clé « {key} » : expression invalide ({error})"
        ) from error


@dataclass(frozen=True, slots=True)
class AcronymEntry:
    acronym: str
    expansion: str
    gender: str
    spoken: str
    explain: str | None
    variants: tuple[str, ...]
    clash: bool

    @property
    def spoken_as_letters(self) -> bool:
        return self.spoken == "letters"


class AcronymList:
    def __init__(self, entries: list[AcronymEntry]) -> None:
        self.entries = entries
        self.by_form: dict[str, AcronymEntry] = {}
        for entry in entries:
            for form in (entry.acronym, *entry.variants):
                self.by_form[form.replace(".", "")] = entry
        self.spoken_as_letters = {
            form: entry.spoken_as_letters for form, entry in self.by_form.items()
        }

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, form: str) -> AcronymEntry | None:
        return self.by_form.get(form.replace(".", ""))


def load_acronyms(path: Path) -> AcronymList:
    data = load_yaml(path)
    if not isinstance(data, list):
        raise PackError(f"{path}:1 : la liste des sigles doit être une liste d'entrées")
    entries = []
    seen: set[str] = set()
    for item in data:
        if not isinstance(item, dict):
            raise PackError(f"{where(path, item)} : une entrée doit être un dictionnaire")
        acronym = _required(path, item, "acronym", str)
        if acronym in seen:
            raise PackError(f"{where(path, item, 'acronym')} : sigle « {acronym} » en double")
        seen.add(acronym)
        gender = _required(path, item, "gender", str)
        spoken = _required(path, item, "spoken", str)
        if gender not in {"f", "m"} or spoken not in {"word", "letters"}:
            raise PackError(f"{where(path, item)} : gender (f/m) ou spoken (word/letters) invalide")
        entries.append(
            AcronymEntry(
                acronym=acronym,
                expansion=_required(path, item, "expansion", str),
                gender=gender,
                spoken=spoken,
                explain=item.get("explain"),
                variants=tuple(str(v) for v in (item.get("variants") or [])),
                clash=bool(item.get("clash", False)),
            )
        )
    return AcronymList(entries)
