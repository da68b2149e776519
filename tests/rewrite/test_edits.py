"""apply_edits: one pure function, sorted, overlapping edits skipped, offsets mapped."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from simplify.rewrite.compose import compose
from simplify.rewrite.edits import apply_edits
from simplify.rules.model import Edit


def test_edits_are_applied_in_order_whatever_the_input_order() -> None:
    result = apply_edits("le chat dort", [Edit(8, 12, "mange"), Edit(3, 7, "chien")])
    assert result.text == "le chien mange"
    assert result.skipped == ()


def test_edits_overlapping_an_applied_one_are_skipped_not_merged() -> None:
    result = apply_edits("abcdef", [Edit(1, 4, "X"), Edit(3, 5, "Y"), Edit(5, 6, "Z")])
    assert result.text == "aXeZ"
    assert result.skipped == (Edit(3, 5, "Y"),)


def test_edits_two_insertions_at_one_place_are_both_kept() -> None:
    assert apply_edits("ab", [Edit(1, 1, "X"), Edit(1, 1, "Y")]).text == "aXYb"


def test_edits_out_of_range_are_skipped() -> None:
    assert apply_edits("ab", [Edit(1, 9, "X")]).text == "ab"


def test_edits_offset_map_and_regions() -> None:
    result = apply_edits("0123456789", [Edit(2, 4, "ABCD"), Edit(6, 6, "++")])
    assert result.text == "01ABCD45++6789"
    assert result.offsets(0) == 0
    assert result.offsets(3) == 2  # inside a replaced span: its start
    assert result.offsets(5) == 7
    assert result.offsets(8) == 12
    assert result.regions == ((2, 6), (8, 10))


_TEXT = st.text(alphabet="abcdé ’", max_size=30)


@st.composite
def _edits(draw: st.DrawFn, text: str) -> list[Edit]:
    edits, position = [], 0
    for _ in range(draw(st.integers(0, 5))):
        if position > len(text):
            break
        start = draw(st.integers(position, len(text)))
        end = draw(st.integers(start, min(len(text), start + 6)))
        edits.append(Edit(start, end, draw(st.sampled_from(["", "X", "YY", "ZZZ"]))))
        position = end + 1
    return edits


@given(st.data())
def test_compose_two_rounds_equals_applying_them_one_after_the_other(data: st.DataObject) -> None:
    original = data.draw(_TEXT)
    first = apply_edits(original, data.draw(_edits(original)))
    second = apply_edits(first.text, data.draw(_edits(first.text)))
    composed = compose(original, first.applied, first.text, second.applied)
    result = apply_edits(original, [c.edit for c in composed])
    assert result.text == second.text
    assert result.skipped == ()
