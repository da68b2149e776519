"""Reading a verb form: its mood, tense, person and number, even where the small model tags it
wrongly ("serez" as an imperative, "apposent" as an adverb, "établit" as a plural). The tags
are checked against the conjugations of the lemma (verbecc)."""

from __future__ import annotations

from simplify.document import Document, Token
from simplify.rewrite.inflect import conjugate

VERB_ENDINGS = ("er", "ir", "re", "oir")

SUBJECT_PERSON = {
    "je": ("1", "Sing"),
    "j'": ("1", "Sing"),
    "tu": ("2", "Sing"),
    "il": ("3", "Sing"),
    "elle": ("3", "Sing"),
    "on": ("3", "Sing"),
    "nous": ("1", "Plur"),
    "vous": ("2", "Plur"),
    "ils": ("3", "Plur"),
    "elles": ("3", "Plur"),
}
OBJECT_PRONOUNS = frozenset(
    {
        "vous",
        "nous",
        "lui",
        "leur",
        "le",
        "la",
        "les",
        "l'",
        "en",
        "y",
        "me",
        "m'",
        "te",
        "t'",
        "se",
        "s'",
        "ne",
        "n'",
    }
)
_TENSE_ENDINGS = (
    (("rions", "riez", "raient", "rais", "rait"), "Cnd", "Pres"),
    (("rons", "rez", "ront", "rai", "ras", "ra"), "Ind", "Fut"),
    (("ions", "iez", "aient", "ais", "ait"), "Ind", "Imp"),
)
# Moods and tenses a letter uses, tried in this order when the tag does not give the form.
_FORMS_TRIED = (("Ind", "Pres"), ("Ind", "Fut"), ("Cnd", "Pres"), ("Ind", "Imp"), ("Sub", "Pres"))

Features = tuple[str | None, str | None, str | None, str | None, str | None, str | None]


def is_infinitive(word: str) -> bool:
    return word.endswith(VERB_ENDINGS) and word.isalpha()


def verb_features(doc: Document, token: Token) -> Features:
    """(VerbForm, Mood, Tense, Person, Number, Gender) of a verb form; when the small model
    mis-tags it ("ferons" as an adjective), read them from its ending and its subject."""
    form = token.feature("VerbForm")
    if token.pos in {"VERB", "AUX"} and form is not None:
        person, number = token.feature("Person"), token.feature("Number")
        mood, tense = token.feature("Mood"), token.feature("Tense")
        if form == "Fin":
            person, number = _person_from_ending(token.lower) or (person, number)
            mood, tense, person, number = _checked(token, mood, tense, person, number)
        return (form, mood, tense, person, number, token.feature("Gender"))
    word = token.lower
    if (
        (word.endswith(("er", "ir", "oir")) or word == token.lemma.lower())
        and word.endswith(VERB_ENDINGS)
        and token.pos != "NOUN"
    ):
        return ("Inf", None, None, None, None, None)
    if word.endswith(("é", "ée", "és", "ées")):
        gender = "Fem" if "ée" in word else "Masc"
        return ("Part", None, "Past", None, "Plur" if word.endswith("s") else "Sing", gender)
    person, number = _person_from_ending(word) or _person_of_subject(doc, token)
    mood, tense = "Ind", "Pres"
    for endings, ending_mood, ending_tense in _TENSE_ENDINGS:
        if word.endswith(endings):
            mood, tense = ending_mood, ending_tense
            break
    mood, tense, person, number = _checked(token, mood, tense, person, number)
    if word.endswith("ez") and mood == "Ind" and tense == "Pres" and token.i > 0:
        before = doc.tokens[token.i - 1]
        if before.lower != "vous" and (before.sentence != token.sentence or not before.is_word):
            mood = "Imp"  # "Précisez le motif": an instruction, not "vous précisez"
    return ("Fin", mood, tense, person, number, None)


def _person_of_subject(doc: Document, token: Token) -> tuple[str, str]:
    """Person and number of the subject pronoun just before the verb (third singular if none)."""
    for index in range(token.i - 1, max(-1, token.i - 4), -1):
        before = doc.tokens[index]
        if before.sentence != token.sentence:
            break
        if before.lower in SUBJECT_PERSON and (
            before.lower not in OBJECT_PRONOUNS
            or index == token.i - 1
            or doc.tokens[index - 1].lower not in SUBJECT_PERSON
        ):
            if (
                before.lower in {"vous", "nous"}
                and index > 0
                and doc.tokens[index - 1].lower in SUBJECT_PERSON
            ):
                return SUBJECT_PERSON[doc.tokens[index - 1].lower]
            return SUBJECT_PERSON[before.lower]
    return "3", "Sing"


def _checked(
    token: Token, mood: str | None, tense: str | None, person: str | None, number: str | None
) -> tuple[str | None, str | None, str | None, str | None]:
    """The reading whose conjugation of the lemma gives the form: the one given first, then the
    usual moods and tenses, each in the given person or the third person singular or plural
    ("établit" tagged plural is singular, "serez" tagged imperative is a future, "apposent"
    is plural). The reading given when no conjugation gives the form."""
    lemma = token.lemma.lower()
    if not lemma.endswith(VERB_ENDINGS):
        return mood, tense, person, number
    persons = [p for p in dict.fromkeys([(person, number), ("3", "Plur"), ("3", "Sing")]) if p[0]]
    for tried_mood, tried_tense in dict.fromkeys([(mood, tense), *_FORMS_TRIED]):
        if tried_mood is None:
            continue
        for tried_person, tried_number in persons:
            form = conjugate(lemma, "Fin", tried_mood, tried_tense, tried_person, tried_number)
            if form == token.lower:
                return tried_mood, tried_tense, tried_person, tried_number
    return mood, tense, person, number


def _person_from_ending(word: str) -> tuple[str, str] | None:
    """Endings that tell the person whatever the tagger says: "-iez", "-ez" (vous),
    "-ions", "-ons" (nous), "-aient" (ils)."""
    if word.endswith("ez"):
        return "2", "Plur"
    if word.endswith("ons"):
        return "1", "Plur"
    if word.endswith("aient"):
        return "3", "Plur"
    return None


def reflexive_pronoun(doc: Document, token: Token) -> str:
    """The reflexive pronoun a verb replacing token takes ("vous" for "vous sollicitez")."""
    person, number = token.feature("Person"), token.feature("Number")
    if person == "2" and number == "Plur":
        return "vous"
    if person == "1" and number == "Plur":
        return "nous"
    if token.feature("VerbForm") in {"Inf", "Part"}:
        last = token.i - 1
        aside = last > 1 and doc.tokens[last - 1].text == ","
        if aside and doc.tokens[last].lower in {"de", "d'", "d’"}:
            # "il vous est possible, dans un délai de 2 mois, de saisir": past the aside
            last = next(
                (
                    i
                    for i in range(last - 2, -1, -1)
                    if doc.tokens[i].text == "," or doc.tokens[i].sentence != token.sentence
                ),
                last,
            )
        for index in range(last, max(-1, last - 7), -1):
            if doc.tokens[index].sentence != token.sentence:
                break
            if doc.tokens[index].lower in {"vous", "nous"}:
                return doc.tokens[index].lower
    return "se"
