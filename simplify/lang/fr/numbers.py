"""French number words, to find numbers written in letters and read their value."""

UNITS: dict[str, int] = {
    "zéro": 0,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "dix-sept": 17,
    "dix-huit": 18,
    "dix-neuf": 19,
}

TENS: dict[str, int] = {
    "vingt": 20,
    "vingts": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "soixante-dix": 70,
    "septante": 70,
    "quatre-vingt": 80,
    "quatre-vingts": 80,
    "huitante": 80,
    "octante": 80,
    "quatre-vingt-dix": 90,
    "nonante": 90,
}

SCALES: dict[str, int] = {
    "cent": 100,
    "cents": 100,
    "mille": 1000,
    "million": 1_000_000,
    "millions": 1_000_000,
    "milliard": 1_000_000_000,
    "milliards": 1_000_000_000,
}

# "un"/"une" are articles far more often than numbers: a rule never flags them alone.
ARTICLE_LIKE: frozenset[str] = frozenset({"un", "une"})

# Words that are also ordinary words in some uses ("neuf" = new, "sept" as in the month
# abbreviation, "cent" in "pour cent"): flagged only before a noun or another number word.
AMBIGUOUS: frozenset[str] = frozenset({"neuf", "cent", "mille"})

NUMBER_WORDS: frozenset[str] = frozenset(UNITS) | frozenset(TENS) | frozenset(SCALES)


def parse_number_words(words: list[str]) -> int | None:
    """Value of a sequence of French number words ("deux cent trente" -> 230), or None."""
    total = 0
    current = 0
    seen = False
    for raw in words:
        for word in raw.lower().replace("–", "-").split("-"):
            if word in {"et", ""}:
                continue
            if word in UNITS:
                current += UNITS[word]
            elif word in TENS:
                current += TENS[word]
            elif word in {"cent", "cents"}:
                current = max(current, 1) * 100
            elif word in SCALES:
                total += max(current, 1) * SCALES[word]
                current = 0
            else:
                return None
            seen = True
    return total + current if seen else None
