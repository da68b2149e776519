"""Build a Document from text: protected spans, blocks, sentences, then spaCy tokens."""

from __future__ import annotations

import re
from bisect import bisect_right

from simplify.document import (
    Block,
    BlockKind,
    Document,
    ProtectedKind,
    ProtectedSpan,
    Sentence,
    Token,
)
from simplify.nlp import BlockParser
from simplify.protect import find_protected_in_blocks, merge_entities, resolve
from simplify.segment import split_blocks, split_sentences
from simplify.shape import Shape

_MARKDOWN_INLINE = re.compile(
    r"\*\*|__|`+|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|\]\([^)\s]*\)|\[(?=[^\]\n]*\]\()"
)

_DEFAULT_PARSER: BlockParser | None = None


def default_parser() -> BlockParser:
    """One parser (and cache) per process."""
    global _DEFAULT_PARSER  # noqa: PLW0603 - a process-wide cache is the point
    if _DEFAULT_PARSER is None:
        _DEFAULT_PARSER = BlockParser()
    return _DEFAULT_PARSER


def build_document(
    text: str,
    *,
    markdown: bool = False,
    parser: BlockParser | None = None,
    shape: Shape | None = None,
) -> Document:
    """Cut text into blocks, sentences and tokens, and find its protected spans.

    A shape from a file reader fixes the kind of the blocks in its zones (letterhead,
    headings) and protects its fixed spans (fields, content controls, list numbers).
    """
    parser = parser or default_parser()
    blocks = split_blocks(text, markdown=markdown)
    if shape is not None and shape.zones:
        blocks = [_zoned(block, shape) for block in blocks]
    protected = find_protected_in_blocks(
        text, [(b.start, b.end) for b in blocks], parser.block_memo
    )
    if shape is not None and shape.fixed:
        fixed = [ProtectedSpan(f.kind, f.start, f.end, text[f.start : f.end]) for f in shape.fixed]
        protected = resolve(text, [*protected, *fixed])
    if markdown:
        markup = [
            ProtectedSpan(ProtectedKind.MARKUP, m.start(), m.end(), m.group(0))
            for m in _MARKDOWN_INLINE.finditer(text)
        ]
        protected = resolve(text, [*protected, *markup])
    sentences: list[Sentence] = []
    for index, block in enumerate(blocks):
        sentences.extend(split_sentences(text, block, index, protected))
    block_sentences: list[list[Sentence]] = [[] for _ in blocks]
    for sentence in sentences:
        block_sentences[sentence.block].append(sentence)

    requests = []
    for block, own in zip(blocks, block_sentences, strict=True):
        base = block.content_start
        requests.append((text[base : block.end], tuple(s.start - base for s in own)))
    parsed = parser.parse(requests)

    sentence_starts = [s.start for s in sentences]
    tokens: list[Token] = []
    entities: list[tuple[str, int, int]] = []
    for block, result in zip(blocks, parsed, strict=True):
        base = block.content_start
        first = len(tokens)
        for rel in result.tokens:
            start = base + rel.start
            tokens.append(
                Token(
                    i=len(tokens),
                    start=start,
                    end=base + rel.end,
                    text=text[start : base + rel.end],
                    lemma=rel.lemma,
                    pos=rel.pos,
                    dep=rel.dep,
                    head=first + rel.head,
                    morph=rel.morph,
                    ent=rel.ent,
                    sentence=max(0, bisect_right(sentence_starts, start) - 1),
                    space_after=rel.space_after,
                )
            )
        entities.extend((label, base + s, base + e) for label, s, e in result.entities)
    protected = merge_entities(text, protected, entities)
    return Document(
        text=text,
        blocks=blocks,
        sentences=sentences,
        tokens=tokens,
        protected=protected,
        shape=shape,
    )


def _zoned(block: Block, shape: Shape) -> Block:
    for zone in shape.zones:
        if zone.start <= block.start and block.end <= zone.end:
            if zone.kind is block.kind:
                return block
            start = block.content_start if zone.kind is BlockKind.LIST_ITEM else block.start
            return Block(zone.kind, block.start, block.end, start)
    return block
