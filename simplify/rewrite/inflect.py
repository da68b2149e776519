"""French agreement for substitutions: adjectives, nouns, determiners, verbs, elision."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from simplify.lang.fr.agreement import (
    ASPIRATED_H,
    DETERMINER_FAMILY,
    DETERMINERS,
    ELIDING,
    IRREGULAR_FEMININE,
    IRREGULAR_PLURAL,
    UNELIDED,
)
from simplify.lang.fr.elisions import CONTRACTIONS
from simplify.lang.fr.genders import GENDERS

_VOWELS = "aàâäeéèêëiîïoôöuùûüyœæ"


def starts_with_vowel_sound(word: str) -> bool:
    """Whether a word takes elision ("l'aide", "l'hôpital", but "le handicap")."""
    lower = word.lower().replace("’", "'")
    if not lower:
        return False
    if lower[0] in _VOWELS:
        return True
    if lower[0] == "h":
        bare = re.split(r"[\s'-]", lower)[0]
        return bare not in ASPIRATED_H and len(lower) > 1 and lower[1] in _VOWELS
    return False


def feminine(word: str) -> str:
    if word in IRREGULAR_FEMININE:
        return IRREGULAR_FEMININE[word]
    rules = (
        ("eux", "euse"),
        ("if", "ive"),
        ("eil", "eille"),
        ("el", "elle"),
        ("ien", "ienne"),
        ("en", "enne"),
        ("on", "onne"),
        ("er", "ère"),
        ("et", "ette"),
        ("eur", "euse"),
        ("é", "ée"),
        ("ul", "ule"),
    )
    if word.endswith("e"):
        return word
    for ending, replacement in rules:
        if word.endswith(ending):
            return word[: -len(ending)] + replacement
    return word + "e"


def plural(word: str, gender: str | None = None) -> str:
    if word in IRREGULAR_PLURAL:
        return IRREGULAR_PLURAL[word]
    if word.endswith(("s", "x", "z")):
        return word
    if word.endswith("al") and gender != "Fem":
        return word[:-2] + "aux"
    if word.endswith(("eau", "au", "eu")):
        return word + "x"
    return word + "s"


def inflect_adjective(phrase: str, gender: str | None, number: str | None) -> str:
    """Agree the first word of a replacement ("lié à" -> "liées à") with gender and number.

    A replacement that starts with "qui" + verb agrees the verb instead ("qui concernent").
    """
    words = phrase.split(" ")
    if words[0] == "qui" and len(words) > 1 and number == "Plur":
        words[1] = conjugate_or_same(words[1], "Plur")
        return " ".join(words)
    head = words[0]
    if gender == "Fem":
        head = feminine(head)
    if number == "Plur":
        head = plural(head, gender)
    return " ".join([head, *words[1:]])


def conjugate_or_same(verb_3sg: str, number: str) -> str:
    """Third person plural of a present third person singular ("concerne" -> "concernent")."""
    if number != "Plur":
        return verb_3sg
    if verb_3sg.endswith("e"):
        return verb_3sg + "nt"
    return _IRREGULAR_PLURALS.get(verb_3sg, verb_3sg)


# The few irregular present forms a replacement starting with "qui" uses.
_IRREGULAR_PLURALS = {
    "fait": "font",
    "est": "sont",
    "a": "ont",
    "peut": "peuvent",
    "doit": "doivent",
}


def pluralise_noun_phrase(phrase: str) -> str:
    """Plural of a noun phrase: the head noun, and adjectives right after it."""
    words = phrase.split(" ")
    words[0] = plural(words[0])
    index = 1
    while index < len(words) and words[index] not in {"de", "du", "des", "d'", "à", "qui", "en"}:
        if words[index].isalpha():
            words[index] = plural(words[index])
        index += 1
    return " ".join(words)


@lru_cache(maxsize=4096)
def noun_gender(noun: str) -> str | None:
    """Grammatical gender of a noun (the first word of a noun phrase), or None when unsure."""
    word = noun.split(" ", maxsplit=1)[0].lower()
    if word in GENDERS:
        return GENDERS[word]
    if word.endswith(("s", "x")) and word[:-1] in GENDERS:
        return GENDERS[word[:-1]]  # "fautes", "dossiers": the singular's gender
    if word.endswith(
        (
            "tion",
            "sion",
            "té",
            "ure",
            "ance",
            "ence",
            "ette",
            "ise",
            "ade",
            "ude",
            "ée",
            "aison",
            "ité",
        )
    ):
        return "Fem"
    if word.endswith(("ment", "age", "isme", "eau", "oir", "ier", "at", "eur", "if", "ail")):
        return "Masc"
    return None


def determiner_for(determiner: str, gender: str | None, number: str | None, following: str) -> str:
    """The determiner of the same family agreeing with a new noun ("la" -> "le", "ce" -> "cet")."""
    lower = determiner.lower().replace("’", "'")
    family = DETERMINER_FAMILY.get(lower)
    if family is None:
        return determiner
    masculine, before_vowel, feminine_form, plural_form = DETERMINERS[family]
    if number == "Plur":
        chosen = plural_form
    elif gender == "Fem":
        chosen = feminine_form
        if family == "le" and starts_with_vowel_sound(following):
            chosen = "l'"
        if family in {"mon", "ton", "son"} and starts_with_vowel_sound(following):
            chosen = masculine
    else:
        chosen = before_vowel if starts_with_vowel_sound(following) else masculine
    return match_case(determiner, chosen)


def demonstrative(words: str, gender: str | None, number: str | None) -> str:
    """A noun (with its complement) said again after a cut: "cette demande", "cet indu", "ces
    opérations de vote"; an acronym keeps its capitals ("ce CCAS")."""
    first = words.split(maxsplit=1)[0] if words.strip() else words
    noun = words if first.isupper() else words[:1].lower() + words[1:]
    return f"{determiner_for('ce', gender, number, noun)} {noun}"


def match_case(model: str, text: str) -> str:
    """Give text the initial capital of model."""
    if model[:1].isupper() and text[:1].islower():
        return text[:1].upper() + text[1:]
    if model[:1].islower() and text[:1].isupper() and not text[:2].isupper():
        return text[:1].lower() + text[1:]
    return text


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


_FOLLOWING_ARTICLE = re.compile(r" (le|les)(?=\s)")


def contract_article(replacement: str, following: str) -> tuple[str, int]:
    """A replacement ending with "à" or "de" takes in the article that follows it in the text
    ("vous adresser à" + " le tribunal" -> "vous adresser au"); returns the new replacement and
    how many characters of `following` it took (0 when nothing to contract)."""
    article = _FOLLOWING_ARTICLE.match(following)
    if article is None or replacement.rsplit(" ", 1)[-1] not in {"à", "de"}:
        return replacement, 0
    return join_words(replacement, article.group(1)), article.end()


def join_words(first: str, second: str) -> str:
    """Join two words the French way: elision ("de" + "envoyer" = "d'envoyer"), contraction
    ("de" + "le" = "du"), "si il" = "s'il"."""
    last = first.rsplit(" ", 1)[-1]
    head = first[: len(first) - len(last)]
    lower_last = last.lower()
    next_word = second.split(" ", 1)[0].lower()
    if lower_last in {"de", "à"} and next_word in {"le", "les"}:
        contracted = {
            ("de", "le"): "du",
            ("de", "les"): "des",
            ("à", "le"): "au",
            ("à", "les"): "aux",
        }[(lower_last, next_word)]
        return head + match_case(last, contracted) + second[len(next_word) :]
    if lower_last == "si" and next_word in {"il", "ils"}:
        return head + match_case(last, "s'") + second
    if lower_last in ELIDING and starts_with_vowel_sound(second):
        return head + match_case(last, ELIDING[lower_last]) + second
    return f"{first} {second}"


def unelide(word: str, gender: str | None = None) -> str:
    """The full form of an elided word before a consonant ("l'" -> "le"/"la")."""
    lower = word.lower().replace("’", "'")
    full = UNELIDED.get(lower, word)
    if lower == "l'" and gender == "Fem":
        full = "la"
    return match_case(word, full)


def contraction_parts(word: str) -> tuple[str, str] | None:
    return CONTRACTIONS.get(word.lower())


# -- verbs -----------------------------------------------------------------------------------

_MOODS = {"Ind": "indicatif", "Sub": "subjonctif", "Cnd": "conditionnel", "Imp": "imperatif"}
_TENSES = {
    ("indicatif", "Pres"): "présent",
    ("indicatif", "Imp"): "imparfait",
    ("indicatif", "Fut"): "futur-simple",
    ("indicatif", "Past"): "passé-simple",
    ("subjonctif", "Pres"): "présent",
    ("subjonctif", "Imp"): "imparfait",
    ("conditionnel", "Pres"): "présent",
    ("imperatif", "Pres"): "imperatif-présent",
}
_PRONOUN = re.compile(r"^(?:je |j'|tu |il |elle |on |nous |vous |ils |elles |que |qu')+")


@cache
def _conjugator() -> Any:
    """verbecc's French conjugator, loaded once, with its side effects switched off.

    When imported, verbecc applies its own logging configuration: a file `verbecc.log` in the
    working directory, a handler on standard output, and a new root logger. A library inside
    a server must not do that, so `logging.config.dictConfig` is a no-op while it loads. Its
    machine-learned guessing of unknown verbs is off too (it would train and save a model on
    first use); the verbs we conjugate come from our own lexicon and are in its tables.
    """
    import logging.config

    original = logging.config.dictConfig
    logging.config.dictConfig = lambda config: None
    try:
        import verbecc
        from verbecc.src.defs.types.data import verbs as verbecc_verbs

        verbecc_verbs.config.ENABLE_ML_PREDICTION = False
        conjugator = verbecc.CompleteConjugator(lang=verbecc.LangCodeISO639_1.fr)
    finally:
        logging.config.dictConfig = original
    quiet = logging.getLogger("verbecc")
    quiet.setLevel(logging.CRITICAL)
    quiet.propagate = False
    return conjugator


@lru_cache(maxsize=4096)
def _table(infinitive: str) -> dict[str, Any] | None:
    try:
        data: dict[str, Any] = _conjugator().conjugate(infinitive).get_data()
    except Exception:
        return None
    return data


def known_infinitive(word: str) -> bool:
    """Whether word is the infinitive of a verb the conjugation tables know (the tagger may
    call "écrire" an adjective); `verbs.is_infinitive` only looks at the ending."""
    word = word.lower()
    return word.endswith(("er", "ir", "re")) and _table(word) is not None


@lru_cache(maxsize=16384)
def conjugate(
    infinitive: str,
    verb_form: str | None,
    mood: str | None = None,
    tense: str | None = None,
    person: str | None = None,
    number: str | None = None,
    gender: str | None = None,
) -> str | None:
    """A form of a verb, from spaCy's morphology of the form it replaces; None if unknown.

    verb_form: Inf, Fin or Part (with tense Past for the past participle, Pres for the
    present participle).
    """
    if verb_form == "Inf" or (verb_form is None and mood is None):
        return infinitive
    data = _table(infinitive)
    if data is None:
        return None
    moods = _as_dict(data.get("moods", data))
    if verb_form == "Part":
        if tense == "Pres":
            forms = moods["participe"]["participe-présent"]
            return str(forms[0]["c"][0])
        wanted_g = "f" if gender == "Fem" else "m"
        wanted_n = "p" if number == "Plur" else "s"
        for item in moods["participe"]["participe-passé"]:
            if item.get("g") == wanted_g and item.get("n") == wanted_n:
                return str(item["c"][0])
        return None
    mood_name = _MOODS.get(mood or "Ind", "indicatif")
    tense_name = _TENSES.get((mood_name, tense or "Pres"))
    if tense_name is None:
        return None
    rows = moods.get(mood_name, {}).get(tense_name)
    if not rows:
        return None
    wanted_p = person or "3"
    wanted_n = "p" if number == "Plur" else "s"
    for item in rows:
        if str(item.get("p")) == wanted_p and item.get("n") == wanted_n:
            form = str(item["c"][0])
            return _PRONOUN.sub("", form)
    return None


def _as_dict(value: Any) -> Any:
    return value if isinstance(value, dict) else getattr(value, "__dict__", value)
