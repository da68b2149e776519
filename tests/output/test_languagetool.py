"""LanguageTool-compatible answers: offsets in UTF-16 units, as LanguageTool's clients expect."""

from __future__ import annotations

from simplify.output.languagetool import languagetool_dict, utf16_offsets


def test_languagetool_utf16_offsets_count_emoji_twice() -> None:
    assert utf16_offsets("a😀b") == [0, 1, 3, 4]


def test_languagetool_offsets_after_emoji(run) -> None:  # type: ignore[no-untyped-def]
    text = "Objet : test 😀\n\nVous devez nonobstant payer."
    report = run(text)
    match = next(m for m in languagetool_dict(report)["matches"] if m["rule"]["id"] == "JAR-001")
    start = text.index("nonobstant")
    assert match["offset"] == start + 1  # one emoji before: one extra UTF-16 unit
    assert match["length"] == len("nonobstant")
    assert (
        text.encode("utf-16-le")[
            2 * match["offset"] : 2 * (match["offset"] + match["length"])
        ].decode("utf-16-le")
        == "nonobstant"
    )
