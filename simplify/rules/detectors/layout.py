"""Layout: what the file's formatting does to reading (size, font, italics, alignment...).

The facts are measured by the file's reader (simplify.shape.LayoutFact); a text without a file
has none, so these rules only fire on .docx, .odt, .pdf and .html letters.
"""

from __future__ import annotations

from collections.abc import Iterator

from simplify.rules.context import Context, Params
from simplify.rules.detectors.base import Detector, Hit


def layout(ctx: Context, params: Params) -> Iterator[Hit]:
    shape = ctx.doc.shape
    if shape is None:
        return
    code = params.string("fact")
    for fact in shape.layout:
        if fact.code != code:
            continue
        fields = {
            "value": fact.value,
            "origin": fact.origin,
            "where": f" (réglé dans : {fact.origin})" if fact.origin else "",
            "count": fact.count,
            "places": _places(fact.count),
        }
        if fact.end > fact.start:
            yield Hit(fact.start, fact.end, fields)
        else:
            yield Hit(0, 0, fields, scope="document")


def _places(count: int) -> str:
    return "" if count <= 1 else f", à {count} endroits"


LAYOUT_DETECTORS = (Detector("layout", layout, ("fact",)),)
