"""Replacing a jargon word or phrase by its plain alternative, with French agreement.

"afférentes aux revenus" -> "liées aux revenus" (gender and number), "ladite décision" ->
"cette décision" (determiner), "vous sollicitez" -> "vous demandez" (conjugation),
"à compter du 1er avril" -> "à partir du 1er avril" (contraction), "le requérant" kept in
gender, "l'échéancier" -> "le calendrier" (elision undone). When an alternative would break
its sentence, `guards.py` refuses it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simplify.document import Document, Token
from simplify.rewrite.guards import refused
from simplify.rewrite.inflect import (
    capitalise,
    conjugate,
    contract_article,
    determiner_for,
    inflect_adjective,
    join_words,
    match_case,
    noun_gender,
    pluralise_noun_phrase,
    starts_with_vowel_sound,
    unelide,
)
from simplify.rewrite.verbs import (
    SUBJECT_PERSON,
    VERB_ENDINGS,
    is_infinitive,
    reflexive_pronoun,
    verb_features,
)
from simplify.rules.model import Edit, Safety, Suggestion

if TYPE_CHECKING:
    from simplify.rules.lexicon import JargonEntry

_ELIDED = frozenset({"l'", "d'", "qu'", "n'", "j'", "m'", "t'", "s'", "c'"})
_ELIDABLE = frozenset({"le", "la", "de", "que", "ne", "je", "me", "te", "se", "ce"})
_CONTRACTED_ARTICLE = {"du": "le", "des": "les", "au": "le", "aux": "les"}
_DET_FORMS = frozenset(
    {
        "le",
        "la",
        "les",
        "l'",
        "un",
        "une",
        "ce",
        "cet",
        "cette",
        "ces",
        "son",
        "sa",
        "ses",
        "mon",
        "ma",
        "mes",
        "du",
        "au",
        "de la",
        "à la",
        "tout",
        "toute",
        "tous",
        "toutes",
    }
)
_VOWEL_POSSESSIVES = {"mon": "ma", "ton": "ta", "son": "sa"}
_PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées", "i", "ie", "is", "u", "ue", "us")


def jargon_suggestion(
    doc: Document,
    entry: JargonEntry,
    start: int,
    end: int,
    alternative: str,
    noun_replacements: dict[str, str] | None = None,
    replaced_starts: frozenset[int] = frozenset(),
) -> Suggestion | None:
    """The alternative put in place of text[start:end], agreeing with its context; None when
    the words cannot be made to agree (a verb phrase used as a noun: "la prise en charge").

    noun_replacements maps nouns that are being replaced too, so that an adjective agrees
    with the new noun ("les justificatifs afférents" -> "les preuves liées"); replaced_starts,
    where other words are replaced: an adjective there agrees in its own replacement."""
    text = doc.text[start:end]
    tokens = [t for t in doc.tokens_between(start, end) if t.is_word]
    first = tokens[0] if tokens else None
    if refused(doc, entry, start, end, alternative, first):
        return None
    if first is not None and noun_replacements and entry.pos in {"ADJ", "VERB"}:
        replacement = _agree_with_new_noun(doc, entry, first, alternative, noun_replacements)
        if replacement is not None:
            return _finish(doc, entry, start, end, text, tokens, replacement, alternative)
    replacement = _agree(doc, entry, tokens, text, alternative)
    suggestion = _finish(doc, entry, start, end, text, tokens, replacement, alternative)
    new_gender = _changed_gender(first, replacement) if entry.pos == "NOUN" and first else None
    if first is not None and new_gender is not None:
        carried = _predicate_agreement(doc, first, new_gender) or _adjective_after(
            doc, tokens[-1], first, new_gender, replaced_starts
        )
        if carried is not None:
            return Suggestion(
                edits=(*suggestion.edits, carried),
                safety=suggestion.safety,
                explanation=suggestion.explanation,
                replacement=suggestion.replacement,
            )
    return suggestion


def _noun_of(doc: Document, token: Token) -> Token:
    """The noun an adjective or a participle agrees with: the noun right before it when there
    is one ("les documents requis"), else its syntactic head."""
    if token.i > 0:
        before = doc.tokens[token.i - 1]
        if before.pos == "NOUN" and before.sentence == token.sentence:
            return before
    return doc.tokens[token.head]


def _agree_with_new_noun(
    doc: Document,
    entry: JargonEntry,
    first: Token,
    alternative: str,
    noun_replacements: dict[str, str],
) -> str | None:
    """An adjective or a participle whose noun is replaced too agrees with the new noun ("les
    justificatifs afférents" -> "les preuves liées"); None when its noun stays."""
    head = _noun_of(doc, first)
    new_noun = noun_replacements.get(head.lower)
    gender = noun_gender(new_noun) if new_noun is not None else None
    if gender is None:
        return None
    agreement = (gender, head.feature("Number") or "Sing")
    if entry.pos == "ADJ":
        return inflect_adjective(alternative, *agreement)
    if head.i < first.i and _participle_of(entry.term, first.lower) is not None:
        return _verb_participle(alternative, agreement) or alternative
    return None


def _changed_gender(noun: Token, replacement: str) -> str | None:
    """The gender of the replacing noun when it differs from the replaced one's."""
    old_gender = noun.feature("Gender") or noun_gender(noun.lower)
    new_gender = noun_gender(replacement)
    if new_gender is None or old_gender is None or new_gender == old_gender:
        return None
    return new_gender


def _adjective_after(
    doc: Document, last: Token, noun: Token, gender: str, replaced_starts: frozenset[int]
) -> Edit | None:
    """The adjective right after a noun replaced by one of the other gender agrees with the
    new noun: "la juridiction compétente" -> "le tribunal compétent"."""
    if last.i + 1 >= len(doc.tokens):
        return None
    adjective = doc.tokens[last.i + 1]
    participle = adjective.pos == "VERB" and adjective.feature("VerbForm") == "Part"
    if adjective.pos != "ADJ" and not participle:
        return None
    if adjective.start != last.end + 1 or adjective.head != noun.i:
        return None
    if adjective.start in replaced_starts:
        return None  # "justificatifs produits" -> "preuves fournies": its own replacement agrees
    # "manquements répétés" -> "fautes répétées": a participle's base is its own masculine
    base = _masculine_participle(adjective.lower) if participle else adjective.lemma.lower()
    if base is None:
        return None
    new = inflect_adjective(base, gender, noun.feature("Number") or "Sing")
    return None if new == adjective.lower else Edit(adjective.start, adjective.end, new)


def _masculine_participle(word: str) -> str | None:
    """The masculine singular of a past participle ("répétées" -> "répété"), or None."""
    for ending in ("é", "i", "u"):
        for suffix in ("", "e", "s", "es"):
            if word.endswith(ending + suffix) and len(word) > len(ending + suffix) + 1:
                return word[: len(word) - len(suffix)] if suffix else word
    return None


def _predicate_agreement(doc: Document, noun: Token, gender: str) -> Edit | None:
    """A subject noun replaced by one of the other gender carries its participle or adjective
    along: "le recouvrement ... sera poursuivi" -> "la récupération ... sera poursuivie"."""
    if noun.dep not in {"nsubj", "nsubj:pass"}:
        return None
    predicate = doc.tokens[noun.head]
    if predicate.i <= noun.i or predicate.pos not in {"VERB", "ADJ"}:
        return None
    if predicate.pos == "VERB" and predicate.feature("VerbForm") != "Part":
        return None
    if not any(c.dep in {"aux:pass", "cop"} for c in doc.children(predicate)):
        return None
    new = inflect_adjective(predicate.lower, gender, noun.feature("Number") or "Sing")
    return None if new == predicate.lower else Edit(predicate.start, predicate.end, new)


def _finish(
    doc: Document,
    entry: JargonEntry,
    start: int,
    end: int,
    text: str,
    tokens: list[Token],
    replacement: str,
    alternative: str,
) -> Suggestion:
    first = tokens[0] if tokens else None
    edit_start, edit_end = start, end
    if first is not None and first.start < start:
        edit_start = first.start  # the match starts inside a token: keep token boundaries
    replacement, edit_start = _left_boundary(doc, edit_start, replacement, entry, tokens)
    replacement, edit_end = _right_boundary(doc, edit_end, replacement, text)
    if doc.text[start : start + 1].isupper() and not text.isupper():
        replacement = capitalise(replacement)
    edits = [Edit(edit_start, edit_end, replacement)]
    if replacement.lower().startswith(("si ", "s'il")) or replacement.lower() == "si":
        edits.extend(_indicative_after_si(doc, edit_end))
    return Suggestion(
        edits=tuple(edits),
        safety=Safety.UNSAFE,
        explanation=f"Remplacer « {text} » par « {alternative} » (accordé : « {replacement} »).",
        replacement=replacement,
    )


def gloss_suggestion(doc: Document, start: int, end: int, explanation: str) -> Suggestion | None:
    """Keep a legal term and explain it in a short sentence of its own, right after the
    sentence it stands in: « Le mot « indu » veut dire : une somme versée en trop. »"""
    sentence = next((s for s in doc.sentences if s.start <= start < s.end), None)
    if sentence is None:
        return None
    term = doc.text[start:end]
    sentence_text = doc.text[sentence.start : sentence.end].rstrip()
    if sentence_text.endswith((":", ";", ",")):
        return None  # the sentence goes on (a list follows): no sentence can follow it
    if sentence_text.endswith(("%}", "}}", "»")):
        return None  # a template tag closes the sentence: the explanation would fall outside
    addition = (
        f"Le mot « {term.lower() if not term.isupper() else term} » veut dire : {explanation}."
    )
    insert = f" {addition}" if sentence_text.endswith((".", "!", "?")) else f". {addition}"
    return Suggestion(
        edits=(Edit(sentence.end, sentence.end, insert),),
        safety=Safety.UNSAFE,
        explanation=f"Garder « {term} » et l'expliquer dans une phrase à part.",
        replacement=None,
    )


def _agree(
    doc: Document, entry: JargonEntry, tokens: list[Token], text: str, alternative: str
) -> str:
    if not tokens:
        return alternative
    first = tokens[0]
    words = text.lower().replace("’", "'").split()
    if entry.kind == "word":
        if entry.pos == "ADJ" or (
            entry.pos == "VERB"
            and first.feature("VerbForm") == "Part"
            and not is_infinitive(alternative.split(" ", maxsplit=1)[0])
        ):
            return inflect_adjective(alternative, *_gender_number(doc, first))
        if entry.pos == "NOUN":
            return _noun(alternative, first)
        if entry.pos == "DET":
            return _determiner(doc, alternative, tokens, words[0])
        if entry.pos == "VERB":
            readings = _participle_readings(entry.term, first.lower)
            if readings and not _after_subject_pronoun(doc, first):  # "lorsqu'il produit"
                participle = readings[0]
                noun = _noun_of(doc, first)
                if len(readings) > 1 and noun.i < first.i and noun.pos == "NOUN":
                    # "requis" is singular or plural: the noun it follows decides
                    wanted = (noun.feature("Gender"), noun.feature("Number"))
                    participle = next((r for r in readings if r == wanted), participle)
                return _verb_participle(alternative, participle) or alternative
            return _verb(doc, alternative, first) or alternative
        return alternative
    # A phrase: conjugate a verb phrase, and keep the article a contraction carried.
    replacement = alternative
    if is_infinitive(entry.words[0]) or (
        entry.words[0] in {"se", "s'"} and len(tokens) > 1 and is_infinitive(entry.words[1])
    ):
        verb = tokens[1] if entry.words[0] in {"se", "s'"} and len(tokens) > 1 else first
        replacement = _verb(doc, alternative, verb) or alternative
    elif first.pos == "NOUN" and first.feature("Number") == "Plur":
        replacement = pluralise_noun_phrase(alternative)
    elif alternative.startswith("qui ") and _gender_number(doc, first)[1] == "Plur":
        replacement = inflect_adjective(alternative, None, "Plur")  # "qui font partie de"
    elif " " not in alternative and first.i > 0:
        noun = doc.tokens[first.i - 1]
        if noun.pos == "NOUN" and alternative.endswith(("el", "al", "é", "if", "eux", "ent")):
            replacement = inflect_adjective(
                alternative, noun.feature("Gender"), noun.feature("Number")
            )
    last = words[-1] if words else ""
    if last in _CONTRACTED_ARTICLE and entry.words[-1] in {"de", "à"}:
        article = _CONTRACTED_ARTICLE[last]
        if replacement.split(" ")[-1] in {"de", "à"}:
            replacement = join_words(replacement, article)
        else:
            replacement = f"{replacement} {article}"
    return replacement


def _after_subject_pronoun(doc: Document, token: Token) -> bool:
    """ "il produit": a conjugated verb, whatever participle it looks like."""
    before = doc.tokens[token.i - 1] if token.i > 0 else None
    return (
        before is not None
        and before.sentence == token.sentence
        and before.lower.replace("’", "'") in SUBJECT_PERSON
        and before.dep.startswith("nsubj")
    )


def _participle_of(infinitive: str, word: str) -> tuple[str, str] | None:
    """(Gender, Number) when word is a past participle of the verb ("impartis" -> Masc Plur)."""
    readings = _participle_readings(infinitive, word)
    return readings[0] if readings else None


def _participle_readings(infinitive: str, word: str) -> list[tuple[str, str]]:
    """Every (Gender, Number) the participle form can have ("requis": singular and plural)."""
    return [
        (gender, number)
        for gender in ("Masc", "Fem")
        for number in ("Sing", "Plur")
        if conjugate(infinitive, "Part", None, "Past", None, number, gender) == word
    ]


def _verb_participle(alternative: str, agreement: tuple[str, str]) -> str | None:
    words = alternative.split(" ")
    if not is_infinitive(words[0]):
        return inflect_adjective(alternative, *agreement)
    form = conjugate(words[0], "Part", None, "Past", None, agreement[1], agreement[0])
    return None if form is None else " ".join([form, *words[1:]])


_CONDITIONAL_ENDINGS = ("rait", "raient", "riez", "rions", "rais")


def _indicative_after_si(doc: Document, start: int) -> list[Edit]:
    """ "si" does not take the conditional: "dans l'hypothèse où vous ne seriez pas" becomes
    "si vous n'êtes pas". Every conditional verb of the clause goes to the present ("ne serait
    pas établi ou ne serait pas respecté"), past an aside right after "si" (", sans motif
    légitime,"), and a second "où" becomes "si" too ("et où la téléassistance figurerait" ->
    "et si la téléassistance figure")."""
    tokens = list(doc.tokens_between(start, start + 300))
    if tokens and tokens[0].text == ",":
        closing = next((i for i in range(1, len(tokens)) if tokens[i].text == ","), None)
        if closing is None:
            return []
        tokens = tokens[closing + 1 :]
    edits: list[Edit] = []
    for index, token in enumerate(tokens):
        if token.text in {",", ".", ";", ":"}:
            break
        if token.lower == "où" and index > 0 and tokens[index - 1].lower in {"et", "ou"}:
            edits.append(Edit(token.start, token.end, "si"))  # "... et où B" -> "... et si B"
            continue
        if not token.text.isalpha() or not token.lower.endswith(_CONDITIONAL_ENDINGS):
            continue
        if token.pos not in {"VERB", "AUX"} and token.feature("Mood") != "Cnd":
            continue
        _, _, _, person, number, _ = verb_features(doc, token)
        lemma = token.lemma if token.lemma.endswith(VERB_ENDINGS) else None
        form = conjugate(lemma, "Fin", "Ind", "Pres", person, number) if lemma else None
        if form is None:
            return []
        before = doc.tokens[token.i - 1] if token.i > 0 else None
        if before is not None and before.lower == "ne" and starts_with_vowel_sound(form):
            edits.append(Edit(before.start, token.end, "n'" + form))
        else:
            edits.append(Edit(token.start, token.end, match_case(token.text, form)))
    return edits


def _gender_number(doc: Document, token: Token) -> tuple[str | None, str | None]:
    gender, number = token.feature("Gender"), token.feature("Number")
    if gender is None or number is None:
        head = doc.tokens[token.head]
        gender = gender or head.feature("Gender")
        number = number or head.feature("Number")
    stem = token.lower.rstrip("s")
    if stem.endswith("e") and not stem.endswith("ée"):
        # "passible" shows no gender: take the noun it describes or its subject's
        gender = _described_gender(doc, token) or gender
    if token.lower.endswith(("ées", "ée", "euses", "ives", "elles")):
        gender = "Fem"
    elif token.lower.endswith(("é", "és")):
        gender = "Masc"  # "du code précité": the form says it, whatever the tagger says
    if token.lower.endswith(("s", "x")) and not token.lower.endswith("is"):
        number = "Plur"
    elif token.lower.endswith(("é", "ée")):
        number = "Sing"
    return gender, number


def _described_gender(doc: Document, token: Token) -> str | None:
    noun = _noun_of(doc, token)
    if noun.pos == "NOUN" and noun.i < token.i:
        return noun.feature("Gender") or noun_gender(noun.lower)
    current = token
    for _ in range(3):
        subject = next((c for c in doc.children(current) if c.dep in {"nsubj", "nsubj:pass"}), None)
        if subject is not None and subject.pos == "NOUN":
            return subject.feature("Gender") or noun_gender(subject.lower)
        if current.head == current.i:
            break
        current = doc.tokens[current.head]
    return None


def _noun(alternative: str, token: Token) -> str:
    if token.feature("Number") == "Plur" or (
        token.lower.endswith(("s", "x")) and token.feature("Number") != "Sing"
    ):
        return pluralise_noun_phrase(alternative)
    return alternative


def _determiner(doc: Document, alternative: str, tokens: list[Token], word: str) -> str:
    """ "ledit" family -> a demonstrative agreeing with the noun that follows."""
    following = doc.tokens[tokens[-1].i + 1] if tokens[-1].i + 1 < len(doc.tokens) else None
    gender = following.feature("Gender") if following is not None else None
    number = "Plur" if word.startswith(("les", "des", "aux")) else "Sing"
    if word.startswith(("ladite", "de ladite", "à ladite")) or word.endswith("dites"):
        gender = "Fem"
    form = determiner_for(alternative, gender, number, following.text if following else "")
    if word.startswith(("dudit", "desdit", "de ")):
        return f"de {form}"
    if word.startswith(("audit", "auxdit", "à ")):
        return f"à {form}"
    return form


def _verb(doc: Document, alternative: str, token: Token) -> str | None:
    words = alternative.split(" ")
    reflexive = words[0] in {"se", "s'"} or alternative.startswith("s'")
    if reflexive:
        words = alternative[2:].split(" ") if alternative.startswith("s'") else words[1:]
    verb = words[0]
    if not is_infinitive(verb):
        return None
    form = conjugate(verb, *verb_features(doc, token))
    if form is None:
        return None
    rest = " ".join(words[1:])
    phrase = f"{form} {rest}".strip()
    if reflexive:
        pronoun = reflexive_pronoun(doc, token)
        phrase = join_words(pronoun, phrase)
    return phrase


def _left_boundary(
    doc: Document, start: int, replacement: str, entry: JargonEntry, tokens: list[Token]
) -> tuple[str, int]:
    """Undo or make an elision with the word before ("l'échéancier" -> "le calendrier"), and
    agree a determiner with a noun of another gender ("la requête" -> "le recours")."""
    if not tokens or tokens[0].i == 0:
        return replacement, start
    before = doc.tokens[tokens[0].i - 1]
    if before.sentence != tokens[0].sentence or before.end < start - 1:
        return replacement, start
    word = before.lower
    new_gender = noun_gender(replacement) if entry.pos == "NOUN" else None
    old_gender = tokens[0].feature("Gender")
    if word in _ELIDED and not starts_with_vowel_sound(replacement):
        full = unelide(before.text, new_gender or old_gender)
        return f"{full} {replacement}", before.start
    if word in _ELIDABLE and starts_with_vowel_sound(replacement) and before.end == start - 1:
        return join_words(before.text, replacement), before.start
    if word in {"de", "à"} and replacement.split(" ", maxsplit=1)[0] in {"le", "les"}:
        return join_words(before.text, replacement), before.start
    if (
        entry.pos == "NOUN"
        and word in _VOWEL_POSSESSIVES
        and (new_gender or old_gender) == "Fem"
        and not starts_with_vowel_sound(replacement)
        and before.end == start - 1
    ):
        # "son échéance" -> "sa date limite": "son" stood for "sa" only before a vowel
        return f"{match_case(before.text, _VOWEL_POSSESSIVES[word])} {replacement}", before.start
    regendered = (
        entry.pos == "NOUN"
        and new_gender is not None
        and old_gender is not None
        and new_gender != old_gender
        and before.end == start - 1
    )
    if regendered and new_gender is not None and before.pos == "ADJ" and before.i > 0:
        # "votre première rémunération" -> "votre premier salaire"
        number = before.feature("Number") or "Sing"
        adjective = inflect_adjective(before.lemma.lower(), new_gender, number)
        determiner = doc.tokens[before.i - 1]
        if determiner.lower in _DET_FORMS and determiner.end == before.start - 1:
            form = determiner_for(determiner.text, new_gender, number, adjective)
            return f"{form} {adjective} {replacement}", determiner.start
        return f"{adjective} {replacement}", before.start
    if regendered and word in _DET_FORMS:
        number = "Plur" if word in {"les", "ces", "ses", "mes"} else "Sing"
        return f"{determiner_for(before.text, new_gender, number, replacement)} {replacement}", (
            before.start
        )
    return replacement, start


def _right_boundary(doc: Document, end: int, replacement: str, matched: str) -> tuple[str, int]:
    """Keep a space after an elided ending ("susceptible d'être" -> "peut être"), and elide
    the replacement's last word before a vowel ("si" + "il" -> "s'il")."""
    text = doc.text
    if matched.endswith(("'", "’")) and not replacement.endswith(("'", "’")):
        last_word = replacement.rsplit(" ", 1)[-1].lower()
        if last_word in _ELIDABLE and starts_with_vowel_sound(text[end : end + 3]):
            return replacement[:-1] + matched[-1], end  # "risquer de" + "être" -> "risquer d'être"
        return replacement + " ", end
    contracted, taken = contract_article(replacement, text[end : end + 5])
    if taken:  # "saisir le tribunal" -> "vous adresser au tribunal"
        return contracted, end + taken
    last = replacement.rsplit(" ", 1)[-1].lower()
    following = text[end:].lstrip(" ")
    next_word = following.split(" ", 1)[0] if following else ""
    gap = len(text[end:]) - len(following)
    if gap == 1 and (
        (last in _ELIDABLE and starts_with_vowel_sound(next_word))
        or (last == "si" and next_word.lower() in {"il", "ils"})
    ):
        joined = join_words(replacement, next_word)
        return joined, end + 1 + len(next_word)
    return replacement, end
