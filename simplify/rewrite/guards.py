"""When a word's plain alternative would break its sentence, or says something else there:
the rewrite then proposes nothing for it (the finding stays, with its advice)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from simplify.document import Document, Token
from simplify.rewrite.verbs import OBJECT_PRONOUNS, is_infinitive, verb_features

if TYPE_CHECKING:
    from simplify.rules.lexicon import JargonEntry

_PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées")


def refused(
    doc: Document, entry: JargonEntry, start: int, end: int, alternative: str, first: Token | None
) -> bool:
    """True when `alternative` cannot stand for text[start:end]: a verb phrase used as a noun
    ("la prise en charge"), a passive of a pronominal or indirect verb, a verb taken for a
    noun, a preposition lost before a coordinated complement, another sense of the term, a
    construction the alternative cannot take (an infinitive, a mood). `first` is the first word
    of the replaced text."""
    if (
        first is not None
        and entry.kind == "phrase"
        and is_infinitive(entry.words[0])
        and (
            (first.pos == "NOUN" and not first.lower.endswith(_PARTICIPLE_ENDINGS))
            or first.lower in {"prise", "mise"}
        )
    ):
        return True
    if (
        first is not None
        and entry.pos == "VERB"
        and first.feature("VerbForm") == "Part"
        and (
            alternative.lower().startswith(("s'", "s’", "se "))
            or alternative.lower().endswith((" à", " de", " d'", " auprès de"))
        )
    ):
        # A pronominal or indirect verb has no passive: "le tribunal peut être saisi" cannot
        # become "être s'adresser à" nor "être demandé à".
        return True
    if (
        first is not None
        and entry.pos == "VERB"
        and entry.kind == "word"
        and (first.pos == "NOUN" or first.lower.endswith(("ante", "antes")))
    ):
        return True  # "nécessité d'une surveillance", "une affection exonérante"
    if _dangling_coordination(doc, entry, end, alternative) or _other_sense(doc, entry, start, end):
        return True
    if _needs_infinitive(alternative, entry) and not _infinitive_follows(doc, end):
        return True  # "sous réserve de places" cannot become "à condition de places"
    if entry.words and entry.words[-1] in {"que", "qu'"} and _subjunctive_follows(doc, end):
        if not alternative.endswith(("que", "qu'")):
            return True  # "de sorte que vous puissiez": a purpose, not "donc"
    elif alternative.endswith(" que") and entry.words[-1:] == ["que"]:
        return True  # "de sorte qu'elle ne permet pas": a consequence, not "pour que"
    if alternative in _CAUSES and _mood_follows(doc, end) == "Cnd":
        return True  # "dans la mesure où vous contesteriez": a condition ("si"), not a cause
    if alternative in _NEEDS_A and not _a_follows(doc, end):
        return True  # "les justificatifs afférents :" -> "liées" would hang: "lié à" what?
    # "le juge serait alors susceptible de" cannot take "qui peut"
    return alternative.startswith("qui ") and _after_etre(doc, start)


_NEEDS_A = frozenset({"lié"})


def _a_follows(doc: Document, end: int) -> bool:
    following = next((t for t in doc.tokens_between(end, end + 10) if t.start >= end), None)
    return following is not None and following.lower in {"à", "au", "aux"}


_COORDINATORS = frozenset({"ou", "et", "ni", "notamment", "ainsi", "que"})
_PREPOSITION_FAMILY = {
    "de": frozenset({"de", "d'", "du", "des"}),
    "à": frozenset({"à", "au", "aux"}),
}
_INFINITIVE_ONLY = frozenset({"à condition de", "afin de"})
_MODALS = frozenset({"peut", "peuvent", "pouvant", "doit", "doivent", "devant"})


def _other_sense(doc: Document, entry: JargonEntry, start: int, end: int) -> bool:
    """Senses the lexicon's alternative does not fit: the entry's `keep_in` contexts ("l'avis
    d'échéance" names a notice, not a deadline), and a verb used as a pronominal one ("vous en
    acquitter" is "s'acquitter de": "vous en payer" would be wrong)."""
    window = doc.text[max(0, start - 60) : end + 60]
    offset = max(0, start - 60)
    for pattern in entry.keep_in:
        if any(
            m.start() + offset <= start and end <= m.end() + offset
            for m in pattern.finditer(window)
        ):
            return True
    if entry.pos != "VERB" or entry.kind != "word":
        return False
    before = [t.lower for t in doc.tokens_between(max(0, start - 20), start) if t.is_word][-2:]
    if before[-1:] in (["s'"], ["se"]):
        return True
    return before[-1:] == ["en"] and before[-2:-1] in (["vous"], ["nous"], ["se"], ["s'"])


def _needs_infinitive(alternative: str, entry: JargonEntry) -> bool:
    """A replacement that takes only a verb ("qui peut" + verb), or "si" (a clause) standing
    for a preposition."""
    if alternative in _INFINITIVE_ONLY or alternative.rsplit(" ", maxsplit=1)[-1] in _MODALS:
        return True
    return alternative.startswith("si") and entry.words[-1] in {"de", "d'", "à"}


def _subjunctive_follows(doc: Document, end: int) -> bool:
    return _mood_follows(doc, end) == "Sub"


_CAUSES = frozenset({"parce que", "puisque"})


def _mood_follows(doc: Document, end: int) -> str | None:
    """The mood of the first conjugated verb after `end`."""
    verb = next(
        (t for t in doc.tokens_between(end, end + 120) if t.feature("VerbForm") == "Fin"), None
    )
    return verb_features(doc, verb)[1] if verb is not None else None


def _after_etre(doc: Document, start: int) -> bool:
    """A form of "être" just before (adverbs apart): the words are a predicate."""
    before = [t for t in doc.tokens_between(max(0, start - 40), start) if t.is_word]
    for token in reversed(before[-3:]):
        if token.lemma == "être":
            return True
        if token.pos != "ADV":
            return False
    return False


def _infinitive_follows(doc: Document, end: int) -> bool:
    """The next word, past object pronouns ("qui peut l'établir"), is an infinitive."""
    words = (t for t in doc.tokens_between(end, end + 60) if t.is_word)
    following = next((t for t in words if t.lower.replace("’", "'") not in OBJECT_PRONOUNS), None)
    return following is not None and following.feature("VerbForm") == "Inf"


def _dangling_coordination(doc: Document, entry: JargonEntry, end: int, alternative: str) -> bool:
    """ "À défaut de paiement ou de demande" -> "Sans paiement ou de demande": a preposition
    repeated after "ou", "et", "notamment" loses its first half when the replacement does not
    end with the same preposition."""
    last = entry.words[-1].replace("’", "'") if entry.words else ""
    family = next((f for key, f in _PREPOSITION_FAMILY.items() if last in f or last == key), None)
    if family is None:
        return False
    new_last = alternative.rsplit(" ", 1)[-1].lower()
    if new_last in family:
        return False
    tokens = doc.tokens_between(end, end + 200)
    for index, token in enumerate(tokens):
        if token.text in {".", ";", ":", "?", "!"}:
            return False
        following = [t.lower.replace("’", "'") for t in tokens[index + 1 : index + 4]]
        if token.text == ",":
            # after a comma, only "et notamment au ..." goes on with the same preposition
            words = [w for w in following if w in _COORDINATORS]
            return bool(words) and len(following) > len(words) and following[len(words)] in family
        if token.lower in _COORDINATORS and following[:1] and following[0] in family:
            return True
    return False
