"""Saying apart what weighs a sentence down: a legal reference ("Cette règle se trouve dans
l'article ..."), a deadline ("Le délai est de 2 mois à partir de ..."), examples in brackets
("Par exemple : ..."), an exception ("Il y a une exception : ...") or the sum to pay ("Vous
devez payer cette somme") in a sentence of its own. They keep their words."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from simplify.document import Document, ProtectedKind, Token
from simplify.rules.model import Edit, Safety, Suggestion

if TYPE_CHECKING:
    from simplify.rules.context import Context

_LEGAL_LEAD = re.compile(
    r"(?i)(?:conformément (?:à|aux)|selon|en application (?:de|des|du)|en vertu (?:de|des|du)|"
    r"au titre (?:de|des|du)|aux termes (?:de|des|du)|vu)\s+"
    r"(?:les dispositions (?:de|des|du)\s+)?(?:l['’]|les\s|la\s|le\s)?$"
)
# What still names the text after the detected reference: "article 5" + " du règlement
# régional des transports scolaires", "articles L. 5411-1" + " et suivants du même code".
_REFERENCE_TAIL = re.compile(
    r"(?:\s+et\s+suivants)?(?:\s+(?:du|des|de la|de l['’]|de ce|de cette)\s[^,;:.()«»]{2,90})?"
)
# An apposition that belongs to the reference: ", pris selon les articles ... ,".
_REFERENCE_APPOSITION = re.compile(
    r",\s*(?:pris|prise|prévu|prévue|prévus|prévues|modifié|modifiée|issu|issue)\s[^,;:()]{3,120}"
    r"(?=,)"
)
# Short openings a leading reference may follow: "En effet, selon ...", "Donc, et selon ...".
_OPENING = re.compile(
    r"(?i)(?:en effet|aussi|or|donc|ainsi|important|de plus|par ailleurs|enfin)\s*[,:]"
    r"(?P<and>\s*et)?"
)


def legal_reference(ctx: Context, sentence: int) -> Suggestion | None:
    """ "Conformément à l'article L. 262-46 du CASF, vous devez ..." -> "Vous devez ... . Cette
    règle se trouve dans l'article L. 262-46 du CASF." The reference is kept, whole."""
    doc = ctx.doc
    bounds = doc.sentences[sentence]
    text = ctx.lookup_text
    closing = _closing_reference(ctx, sentence)
    if closing is not None:
        return closing
    sentence_text = doc.text[bounds.start : bounds.end].rstrip()
    if sentence_text.endswith((":", ";", ",")):
        return None  # a list follows: nothing can be added after the sentence
    for span in doc.protected_of_kind(ProtectedKind.LEGAL_REFERENCE):
        if not bounds.start <= span.start < bounds.end:
            continue
        lead = _LEGAL_LEAD.search(text, max(bounds.start, span.start - 60), span.start)
        if lead is None:
            continue
        start, end = lead.start(), _reference_end(text, span.end, bounds.end)
        before = text[bounds.start : start].rstrip()
        after = text[end : bounds.end].lstrip()
        spaces = len(text[end : bounds.end]) - len(after)
        opening = _OPENING.fullmatch(before)
        deletion: Edit | None = None
        capital: tuple[int, ...] = ()
        if (not before or opening) and after.startswith(","):
            cut_end = end + spaces + 1
            while cut_end < bounds.end and text[cut_end] == " ":
                cut_end += 1
            if not before:
                capital = (cut_end,)
            elif opening is not None and opening.group("and"):
                # "Donc, et selon X, j'ai" -> "Donc, j'ai"
                start = bounds.start + opening.start("and")
                cut_end -= 1 if text[cut_end - 1] == " " else 0
            deletion = Edit(start, cut_end, "")
        elif before.endswith(",") and (after[:1] in {".", ","} or not after):
            comma = text.rindex(",", bounds.start, start)
            cut_to = end
            if re.search(r"(?i)\bque\s*,$", before):
                # "que, selon X, l'actualisation" -> "que l'actualisation"; not before a vowel
                if after[:1] != "," or re.match(r",\s*[aeiouyéèêàâîôûh]", after, re.IGNORECASE):
                    continue
                cut_to = end + spaces + 1
            deletion = Edit(comma, cut_to, "")
        if deletion is None:
            continue
        reference = doc.text[span.start : end]
        insertion = _rule_sentence(reference)
        final = bounds.end
        addition = f" {insertion}" if sentence_text.endswith((".", "!", "?")) else f". {insertion}"
        return Suggestion(
            edits=(deletion, Edit(final, final, addition)),
            safety=Safety.UNSAFE,
            explanation="Sortir la référence juridique de la phrase et la donner à la fin.",
            capitalise_at=capital,
        )
    return None


def _reference_end(text: str, end: int, limit: int) -> int:
    """Where the reference's words end: its acronym ("... des familles (CASF)"), the rest of
    its name ("du code des transports") and an apposition of its own."""
    tail = _REFERENCE_TAIL.match(text, end, limit)
    if tail is not None:
        end = tail.end()
    acronym = re.match(r"\s*\([A-Z]{2,8}\)", text[end:limit])
    if acronym:
        end += acronym.end()
    apposition = _REFERENCE_APPOSITION.match(text, end, limit)
    if apposition is not None:
        end = apposition.end()
    return end


_DEADLINE = re.compile(
    r"(?i)(?P<lead>,\s*|\s)(?:dans un délai (?P<de>de\s|d['’])|dans les\s)"
    r"(?P<length>(?:\d+|un|une|deux|trois|quatre|cinq|six|huit|dix|quinze|trente)\s"
    r"(?:jours?|mois|ans?|semaines?)(?:\s(?:ouvrés|calendaires|francs))?"
    r"(?:\s(?:à partir|à compter)\s(?:de|du|des)\s[^,.;:()]{3,90}?"
    r"|\s(?P<follow>suivant|qui suivent|qui suit)\s[^,.;:()]{3,90}?)?)(?P<after>\s*[,.])"
)


_CONDITION = re.compile(r"(?i)\b(?:si|s'|lorsque|lorsqu'|quand|qui|que|qu'|dont|tant)\b")


def deadline(ctx: Context, sentence: int) -> Suggestion | None:
    """ "Vous pouvez saisir la commission dans un délai de 2 mois à partir de la réception de
    ce courrier." -> "Vous pouvez saisir la commission. Le délai est de 2 mois à partir de la
    réception de ce courrier." (the deadline, said in a sentence of its own)."""
    doc = ctx.doc
    bounds = doc.sentences[sentence]
    body = doc.text[bounds.start : bounds.end].rstrip()
    if not body.endswith("."):
        return None  # a sentence ending with ":" goes on in a list
    match = _DEADLINE.search(ctx.lookup_text, bounds.start, bounds.start + len(body))
    if match is None or len(doc.text[bounds.start : match.start()].split()) < 3:
        return None
    words = {w.lower() for w in _CONDITION.findall(ctx.lookup_text, bounds.start, match.start())}
    if words and not (words <= {"qui", "dont"} and match.group("lead").strip() == ","):
        # "si la demande est déposée dans un délai de 18 mois": a condition; after a comma,
        # a relative clause before the deadline ("le compte dont vous avez transmis les
        # coordonnées, dans un délai de 10 jours") has ended
        return None
    length = doc.text[match.start("length") : match.end("length")]
    following = ctx.lookup_text[match.end("after") : match.end("after") + 12].lower().split()
    if length.lower().endswith((" ou", " et")) or following[:1] in (["ou"], ["et"], ["suivant"]):
        return None  # "suivant la décision ... ou, sans réponse, suivant le rejet": one deadline
    after: tuple[Edit, ...] = ()
    if match.group("follow"):
        # "dans les 2 mois suivant sa notification" -> "Le délai est de 2 mois après sa
        # notification"
        follow = match.start("follow") - match.start("length")
        length = f"{length[:follow]}après{length[follow + len(match.group('follow')) :]}"
        after = (Edit(match.start("follow"), match.end("follow"), "après"),)
    preposition = "d'" if (match.group("de") or "").lower().startswith("d'") else "de "
    if "’" in doc.text:
        preposition = preposition.replace("'", "’")
    start, end = match.start(), match.end("length")
    if match.end("after") == bounds.start + len(body):
        # at the end of the sentence: cut before it, the words stay where they are
        new = f". Le délai est {preposition}"
        return Suggestion(
            edits=(Edit(start, match.start("length"), new), *after),
            safety=Safety.UNSAFE,
            explanation="Dire le délai dans une phrase à part.",
            replacement=new,
        )
    if match.group("de") is None:
        return None  # "dans les 2 mois suivant ...": said apart only at the end
    if match.group("after").strip() == "," and match.group("lead").strip() == ",":
        end = match.end("after")  # ", dans un délai de 2 mois, de saisir" -> " de saisir"
        replacement = " " if doc.text[end : end + 1] != " " else ""
    else:
        replacement = ""
    final = bounds.start + len(body)
    return Suggestion(
        edits=(
            Edit(start, end, replacement),
            Edit(final, final, f" Le délai est {preposition}{length}."),
        ),
        safety=Safety.UNSAFE,
        explanation="Dire le délai dans une phrase à part.",
    )


_CLOSING_REFERENCE = re.compile(
    r"\s*\(\s*((?:art\.|article|articles)\s[^()]{3,120}?)\s*\)\s*\.\s*$", re.IGNORECASE
)


def _closing_reference(ctx: Context, sentence: int) -> Suggestion | None:
    """ "... dans un délai de 2 mois (art. L. 262-47 du CASF)." -> "... dans un délai de
    2 mois. Cette règle se trouve dans l'article L. 262-47 du CASF." """
    doc = ctx.doc
    bounds = doc.sentences[sentence]
    body = doc.text[bounds.start : bounds.end].rstrip()
    match = _CLOSING_REFERENCE.search(body)
    if match is None or len(body[: match.start()].split()) < 6:
        return None
    reference = re.sub(r"^([Aa])rt\.\s", r"\1rticle ", match.group(1))
    start = bounds.start + match.start()
    end = bounds.start + len(body)
    return Suggestion(
        edits=(Edit(start, end, f". {_rule_sentence(reference)}"),),
        safety=Safety.UNSAFE,
        explanation="Sortir la référence juridique de la phrase et la donner à la fin.",
    )


_EXAMPLES = re.compile(r"\s*\(\s*([^()]{8,200}?),?\s+etc\.?\s*\)\s*\.\s*$")


def examples(ctx: Context, sentence: int) -> Suggestion | None:
    """ "... de vos droits (changement d'adresse, hospitalisation, etc.)." -> "... de vos
    droits. Par exemple : changement d'adresse, hospitalisation." The examples in brackets
    that close a long sentence, said after it ("par exemple" says what "etc." said)."""
    doc = ctx.doc
    bounds = doc.sentences[sentence]
    body = doc.text[bounds.start : bounds.end].rstrip()
    line_start = doc.text.rfind("\n", 0, bounds.start) + 1
    if "\n-" in body or doc.text[line_start : bounds.start + 2].lstrip().startswith("-"):
        return None  # a list item: its examples stay with it
    match = _EXAMPLES.search(body)
    if match is None or len(body[: match.start()].split()) < 8 or "," not in match.group(1):
        return None
    start = bounds.start + match.start()
    return Suggestion(
        edits=(Edit(start, bounds.start + len(body), f". Par exemple : {match.group(1)}."),),
        safety=Safety.UNSAFE,
        explanation="Donner les exemples dans une phrase à part.",
    )


def _rule_sentence(reference: str) -> str:
    lower = reference.lower()
    if lower.startswith("articles"):
        determiner = "les "
    elif lower.startswith(("article", "arrêté")):
        determiner = "l'"
    elif lower.startswith("loi"):
        determiner = "la "
    else:
        determiner = "le "
    return f"Cette règle se trouve dans {determiner}{reference}."


_EXCEPTION = re.compile(r",\s+à l['’]exception (des |du |de la |de l['’]|d['’]|de )", re.IGNORECASE)
_EXCEPTION_ARTICLES = {"des ": "les ", "du ": "le ", "de la ": "la ", "de ": ""}


def exception(doc: Document, tokens: list[Token], position: int) -> Suggestion | None:
    """ "..., à l'exception des dispositions ayant pour objet la sécurité." -> "... . Il y a une
    exception : les dispositions ayant pour objet la sécurité." (at the end of the sentence)."""
    comma = tokens[position]
    if comma.text != "," or tokens[position + 1].lower != "à":
        return None
    match = _EXCEPTION.match(doc.text, comma.start)
    if match is None or not any(t.feature("VerbForm") == "Fin" for t in tokens[:position]):
        return None
    rest = [t for t in tokens if t.start >= match.end()]
    if any(t.text in {",", ";", ":"} or t.feature("VerbForm") == "Fin" for t in rest):
        return None  # the exception must run to the end of the sentence, alone
    article = match.group(1).lower().replace("’", "'")
    if article in {"de l'", "d'"}:
        new = ". Il y a une exception : l'" if article == "de l'" else ". Il y a une exception : "
    else:
        new = ". Il y a une exception : " + _EXCEPTION_ARTICLES[article]
    why = "Dire l'exception dans une phrase à part."
    return Suggestion.replace(comma.start, match.end(), new, Safety.UNSAFE, why)


_SUM_TO_PAY = re.compile(
    r",\s+somme dont (?:il vous appartient de|vous devez) (?:procéder au (?:règlement|paiement)"
    r"|vous acquitter)\b",
    re.IGNORECASE,
)


def sum_to_pay(doc: Document, tokens: list[Token], position: int) -> Suggestion | None:
    """ "Le solde s'élève à 300 €, somme dont vous devez procéder au règlement avant le 3 mars"
    -> "Le solde s'élève à 300 €. Vous devez payer cette somme avant le 3 mars"."""
    comma = tokens[position]
    if comma.text != ",":
        return None
    match = _SUM_TO_PAY.match(doc.text, comma.start)
    if match is None:
        return None
    new = ". Vous devez payer cette somme"
    why = "Dire dans une phrase à part ce que le lecteur doit payer."
    return Suggestion.replace(comma.start, match.end(), new, Safety.UNSAFE, why)
