"""Word frequency from wordfreq, to tell rare words from common ones."""

from __future__ import annotations

from functools import lru_cache

# A word with a Zipf frequency under 3.0 (fewer than one occurrence per million words) counts
# as rare. Measured with wordfreq 3.1.1 on French: everyday words sit above 4 ("demande" 5.5,
# "mairie" 4.5), archaic administrative words under 3 ("afférent" 2.4, "susmentionné" 2.3,
# "idoine" 2.5). Some jargon is above the threshold ("nonobstant" 3.2), which is why the jargon
# lexicon exists beside this measure.
RARE_ZIPF = 3.0


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """Zipf frequency of a French word; the lookup copy uses ASCII apostrophes (wordfreq's
    tokenizer does not split on ’)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word.replace("’", "'").lower(), "fr"))


def is_rare(word: str) -> bool:
    return zipf(word) < RARE_ZIPF


def warm_up() -> None:
    """Load wordfreq's French list now rather than during the first analysis."""
    zipf("bonjour")
