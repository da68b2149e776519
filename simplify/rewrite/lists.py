"""Enumerations: an inline list becomes a bulleted one; "soit ..., soit ..." becomes two
choices."""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from simplify.rewrite.verbs import verb_features
from simplify.rules.model import Edit, Safety, Suggestion

if TYPE_CHECKING:
    from simplify.document import Document, Sentence, Token
    from simplify.rules.context import Context
    from simplify.rules.model import Finding

_LIST_INTRODUCERS = frozenset({"suivants", "suivantes", "notamment"})


def inline_list(ctx: Context, finding: Finding) -> list[Suggestion]:
    """ "Envoyez votre avis, un justificatif et une pièce d'identité." -> a bulleted list."""
    from simplify.rules.detectors.clauses import _enumerations

    doc, text = ctx.doc, ctx.doc.text
    sentence = next(
        (i for i, s in enumerate(doc.sentences) if s.start <= finding.start < s.end), None
    )
    if sentence is None:
        return []
    tokens = [t for t in doc.sentence_tokens[sentence] if t.pos != "SPACE"]
    items = next(
        (found for found in _enumerations(tokens, 3) if found[0][0].start == finding.start), None
    )
    if items is None:
        return []
    items = _lead_in_removed(items)
    if items is None:
        return []
    first = items[0][0]
    before = doc.tokens[first.i - 1] if first.i > 0 else None
    if before is None or before.sentence != first.sentence:
        return []
    verb_like = before.pos in {"VERB", "AUX"} or before.lower.endswith(("ez", "er", "ir", "re"))
    head = [t for t in tokens if t.i < before.i]
    if before.text == ":":
        edits_start = [Edit(before.start, first.start, ":\n- ")]
    elif before.text == "," and head and _instruction(doc, head):
        # "merci de me retourner, avant le 31 mars, la déclaration, ...": the list follows
        # the instruction's other complements
        edits_start = [Edit(before.start, first.start, " :\n- ")]
    elif verb_like or before.lower in _LIST_INTRODUCERS or _after_instruction(doc, tokens, before):
        edits_start = [Edit(before.end, first.start, " :\n- ")]
    else:
        return []  # "Envoyez" may be tagged as a proper noun at the start of a sentence
    after = text[items[-1][-1].end :].lstrip(" \u00a0")
    if not after.startswith((".", "\n", "(")) and after:
        return []  # the list must end the sentence (a parenthesis may close the last item)
    if (
        any(t.lower == "ou" for item in items for t in item[:1])
        or " ou " in text[items[-2][-1].end : items[-1][0].start]
    ):
        return []  # alternatives read badly as a list
    edits = edits_start
    for previous, current in itertools.pairwise(items):
        edits.append(Edit(previous[-1].end, current[0].start, "\n- "))
    bounds = doc.sentences[sentence]
    edits.extend(paragraph_break(text, bounds.start, bounds.end))
    return [
        Suggestion(
            edits=tuple(edits),
            safety=Safety.UNSAFE,
            explanation="Présenter les éléments en liste à puces.",
        )
    ]


def paragraph_break(text: str, sentence_start: int, sentence_end: int) -> list[Edit]:
    """After a sentence turned into a list, the text that followed it in its paragraph starts
    a new line (it must not read as part of the last item)."""
    stop = sentence_start + len(text[sentence_start:sentence_end].rstrip())
    gap = len(text[stop:]) - len(text[stop:].lstrip(" \u00a0\t"))
    following = text[stop + gap : stop + gap + 1]
    if not following or following in "\n\r":
        return []
    return [Edit(stop, stop + gap, "\n")]


def _after_instruction(doc: Document, tokens: list[Token], before: Token) -> bool:
    """ "Joignez à votre demande vos bulletins, votre avis et une attestation": the items are
    what an instruction asks for, after its verb and a place ("à votre demande", "avec")."""
    if before.pos not in {"NOUN", "PROPN"} and before.lower != "avec":
        return False
    return _instruction(doc, [t for t in tokens if t.i < before.i])


def _instruction(doc: Document, head: list[Token]) -> bool:
    """The words before a list ask for something: "merci de", an imperative."""
    if any(t.lower == "merci" for t in head):
        return True
    # the small model often tags an imperative as a participle or a name ("Venez", "Joignez")
    return any(_imperative(doc, head, index) for index in range(len(head)))


def _imperative(doc: Document, head: list[Token], index: int) -> bool:
    token = head[index]
    features = verb_features(doc, token)
    if token.pos in {"VERB", "AUX", "PROPN"} and features[1] == "Imp":
        return True
    # "Joignez à votre demande ...": an "-ez" form with no "vous" before it opens an instruction
    opens = index == 0 or head[index - 1].text == ","
    return (
        opens
        and token.lower.endswith("ez")
        and token.pos in {"VERB", "AUX", "NOUN", "PROPN"}
        and token.lower not in {"assez", "nez"}
    )


def _opens_item(token: Token) -> bool:
    """A determiner or a number, as an item of a list starts ("l'" included)."""
    return _ITEM_START.fullmatch(token.lower.rstrip("'’")) is not None or token.lower in {
        "l'",
        "l’",
    }


def _lead_in_removed(items: list[list[Token]]) -> list[list[Token]] | None:
    """The words before the list that the enumeration took as items ("Pour l'obtenir, venez à
    l'accueil avec une pièce d'identité, ...": the list starts at "une pièce"). None when
    fewer than three items are left."""
    for index in range(len(items) - 1, -1, -1):
        item = items[index]
        words = " ".join(t.lower for t in item[:4])
        if _opens_item(item[0]) or _ITEM_PREFIX.match(words.replace(" ,", ",")):
            continue
        starts = [
            i
            for i, t in enumerate(item[:-1])
            if (t.lower == "avec" or t.pos == "VERB") and _opens_item(item[i + 1])
        ]
        if not starts:
            return None
        items = [item[starts[-1] + 1 :], *items[index + 1 :]]
        break
    return items if len(items) >= 3 else None


_SOIT = re.compile(
    r"(?i)\bsoit ((?:[^,;.]|\.(?=\S)){3,120}?), soit ((?:[^;.]|\.(?=\S)){3,160}?)(?=[.;]|$)"
)


def alternatives_list(ctx: Context, finding: Finding) -> list[Suggestion]:
    """ "Payez soit par chèque, soit par virement." -> a list of the two ways."""
    doc = ctx.doc
    sentence = next((s for s in doc.sentences if s.start == finding.start), None)
    if sentence is None:
        return []
    text = ctx.lookup_text
    match = _SOIT.search(text, sentence.start, sentence.end)
    if match is None:
        return []
    lead = match.start() - (1 if text[match.start() - 1] == " " else 0)
    if text[lead - 1 : lead] == ",":
        lead -= 1  # "avant le 3 mars, soit par chèque" -> "avant le 3 mars :"
    first_soit = Edit(lead, match.start(1), " :\n- ")
    second = Edit(match.end(1), match.start(2), "\n- ")
    if ctx.opaque(first_soit.start, first_soit.end) or ctx.opaque(second.start, second.end):
        return []
    if match.end() < sentence.end and text[match.end()] == ";":
        return []  # the second choice does not end the sentence
    return [
        Suggestion(
            edits=(first_soit, second, *paragraph_break(doc.text, sentence.start, sentence.end)),
            safety=Safety.UNSAFE,
            explanation="Présenter les deux possibilités en liste.",
        )
    ]


# -- passive to active ------------------------------------------------------------------------


_ITEM_START = re.compile(
    r"(?i)(?:le|la|les|l['’]|un|une|des|du|votre|vos|son|sa|ses|leur|leurs|ce|cet|cette|ces|"
    r"\d+|deux|trois)\b"
)
_COLON = re.compile(r"\s*:\s+|,\s+à savoir\s+")
# Words that may open an item before its noun phrase: "et, si besoin, la copie du jugement".
_ITEM_PREFIX = re.compile(r"(?i)(?:si besoin|le cas échéant|éventuellement)(?:,\s*|\s|$)")


def _long_sentence(ctx: Context, finding: Finding) -> tuple[Sentence, str] | None:
    """The sentence a length finding is about, and its text without the space after it."""
    sentence = next((s for s in ctx.doc.sentences if s.start == finding.start), None)
    if sentence is None:
        return None
    return sentence, ctx.lookup_text[sentence.start : sentence.end].rstrip()


def colon_list(ctx: Context, finding: Finding) -> list[Suggestion]:
    """ "... des pièces suivantes : le formulaire, le bilan, et un relevé." -> the items after
    the colon as a bulleted list (each item a noun phrase, the list ending the sentence)."""
    doc, text = ctx.doc, ctx.lookup_text
    found = _long_sentence(ctx, finding)
    if found is None:
        return []
    sentence, body = found
    colon = _COLON.search(body)
    if colon is None or not body.endswith(".") or len(body[: colon.start()].split()) < 3:
        return []
    start = sentence.start + colon.end()
    end = sentence.start + len(body) - 1
    separators = _item_separators(text, start, end)
    if len(separators) < 1:
        return []
    edits = [Edit(sentence.start + colon.start(), start, " :\n- ")]
    edits.extend(Edit(a, b, "\n- ") for a, b in separators)
    edits.extend(paragraph_break(doc.text, sentence.start, sentence.end))
    if any(ctx.opaque(e.start, e.end) for e in edits):
        return []
    return [
        Suggestion(
            edits=tuple(edits),
            safety=Safety.UNSAFE,
            explanation="Présenter les éléments en liste à puces.",
        )
    ]


def _last_item(rest: str) -> bool:
    """rest starts with " et " and holds one item ("et, si besoin, la copie du jugement")."""
    opening = re.match(r"\s+et(?:\s*,)?\s+", rest)
    if opening is None:
        return False
    prefix = _ITEM_PREFIX.match(rest, opening.end())
    return "," not in rest[prefix.end() if prefix else opening.end() :]


def _item_separators(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Commas (", et" for the last) between noun phrases of text[start:end], outside
    parentheses; none when a piece is not a noun phrase or the text has other stops."""
    if not _ITEM_START.match(text, start) or any(c in text[start:end] for c in ";:?!"):
        return []
    separators: list[tuple[int, int]] = []
    depth = 0
    index = start
    while index < end:
        char = text[index]
        depth += {"(": 1, ")": -1}.get(char, 0)
        # " et " before the last item of an inline list ("14 € pour votre épouse et 8 € pour
        # chacun de vos enfants"); not in a line of a list already drawn, whose item may be
        # "le compte de résultat et le bilan approuvés"
        last_and = (
            depth == 0
            and separators
            and "\n" not in text[start:end]
            and _last_item(text[index:end])
        )
        if (char == "," and depth == 0) or last_and:
            after = index + 1 if char == "," else index
            while after < end and text[after] == " ":
                after += 1
            following = re.match(r"(?:et|ou)(?:\s*,)?\s+", text[after:end])
            if following and following.group(0).startswith("ou"):
                return []  # alternatives read badly as a list
            item = after + (following.end() if following else 0)
            prefix = _ITEM_PREFIX.match(text, item)
            opening = prefix.end() if prefix else item
            if not _ITEM_START.match(text, opening):
                if last_and:
                    index += 1
                    continue  # "taxes et participations": one item
                return []  # "..., dûment signé" is not a new item
            separators.append((index, item))
            index = opening
            continue
        index += 1
    return separators


_INFINITIVE_LEAD = re.compile(
    r"(?i)\b(?:sert|servira|permet|permettra|vise|a pour (?:objet|but)|merci|vous devez|"
    r"vous devrez)\s+(?:à|de|d['’])\s*"
)
_INFINITIVE_SEPARATOR = re.compile(r"(?:,\s+(?:et\s+)?|\s+et\s+)(?:de\s+|d['’])")


def infinitive_list(ctx: Context, finding: Finding) -> list[Suggestion]:
    """ "Cet entretien sert à faire le point ..., d'actualiser ... et de convenir ..." -> "Cet
    entretien sert à :" and one line per verb (three at least, the last one ending the
    sentence)."""
    doc, text = ctx.doc, ctx.lookup_text
    found = _long_sentence(ctx, finding)
    if found is None:
        return []
    sentence, body = found
    lead = _INFINITIVE_LEAD.search(text, sentence.start, sentence.start + len(body))
    if lead is None or not body.endswith(".") or not _infinitive_at(doc, lead.end()):
        return []
    separators = [
        match
        for match in _INFINITIVE_SEPARATOR.finditer(text, lead.end(), sentence.start + len(body))
        if _infinitive_at(doc, match.end())
    ]
    if len(separators) < 2 or any(ctx.opaque(m.start(), m.end()) for m in separators):
        return []
    first_space = lead.end() - len(lead.group(0)) + len(lead.group(0).rstrip())
    edits = [Edit(first_space, lead.end(), " :\n- ")]
    edits.extend(Edit(m.start(), m.end(), "\n- ") for m in separators)
    edits.extend(paragraph_break(doc.text, sentence.start, sentence.end))
    return [
        Suggestion(
            edits=tuple(edits),
            safety=Safety.UNSAFE,
            explanation="Présenter les actions en liste à puces, une par ligne.",
        )
    ]


def _infinitive_at(doc: Document, offset: int) -> bool:
    token = next((t for t in doc.tokens_between(offset, offset + 40) if t.is_word), None)
    return token is not None and token.start == offset and verb_features(doc, token)[0] == "Inf"
