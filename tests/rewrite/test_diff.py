from hypothesis import given
from hypothesis import strategies as st

from simplify.rewrite.diff import text_edits
from simplify.rewrite.edits import apply_edits

WORDS = st.sampled_from(
    ["le", "délai", "de", "15 jours", "12/03/2025", "€", ",", "\n", "œuvre", " "]
)


def test_diff_edits_change_whole_words_only() -> None:
    old = "Nous procéderons au règlement de la somme avant le 15/07/2024."
    new = "Nous paierons la somme avant le 15 juillet 2024."
    edits = text_edits(old, new)
    assert apply_edits(old, edits).text == new
    for edit in edits:
        for cut in (edit.start, edit.end):
            assert not (old[cut - 1 : cut].isalnum() and old[cut : cut + 1].isalnum())
    assert old[edits[0].start : edits[0].end] == "procéderons au règlement de"


def test_diff_of_equal_texts_is_empty() -> None:
    assert text_edits("Bonjour.", "Bonjour.") == []


@given(st.lists(WORDS, max_size=30).map("".join), st.lists(WORDS, max_size=30).map("".join))
def test_diff_edits_always_rebuild_the_new_text(old: str, new: str) -> None:
    assert apply_edits(old, text_edits(old, new)).text == new
