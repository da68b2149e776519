"""French function words: those that link a verb or a noun to its complement (prepositions,
articles, demonstratives and possessives: "la mise en œuvre de votre aide"), and those that
make a locution with the "que" after them."""

from __future__ import annotations

NOUN_LINKS: frozenset[str] = frozenset(
    "à au aux la le l' les un une des du de d' cette ce cet ces "
    "votre vos notre nos leur leurs son sa ses".split()
)

# Words that make a locution with the "que" after them ("ainsi que", "à ce que", "après que",
# "plus que"): that "que" opens neither a completive clause nor a restriction "ne ... que".
BEFORE_LOCUTION_QUE: frozenset[str] = frozenset(
    "ainsi plus moins autant aussi autre tel telle tels telles même alors bien parce afin pour "
    "sans avant après dès tant ce lors pendant depuis sorte jusqu'à".split()
)
