"""Elided forms and contractions of French articles and prepositions."""

# Elided words: no vowel of their own once elided ("l'", "qu'").
ELIDED: frozenset[str] = frozenset(
    {
        "l'",
        "d'",
        "j'",
        "m'",
        "n'",
        "s'",
        "t'",
        "c'",
        "qu'",
        "jusqu'",
        "lorsqu'",
        "puisqu'",
        "quoiqu'",
        "presqu'",
        "quelqu'",
    }
)

# Contracted preposition + article: what each stands for.
CONTRACTIONS: dict[str, tuple[str, str]] = {
    "au": ("à", "le"),
    "aux": ("à", "les"),
    "du": ("de", "le"),
    "des": ("de", "les"),
}

VOWELS_AND_MUTE_H = "aàâäeéèêëiîïoôöuùûüyœæh"

REFLEXIVE_PRONOUNS: frozenset[str] = frozenset({"se", "s'", "me", "m'", "te", "t'", "nous", "vous"})
