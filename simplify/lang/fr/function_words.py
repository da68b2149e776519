"""French words that link a verb or a noun to its complement: prepositions, articles,
demonstratives and possessives ("la mise en œuvre de votre aide")."""

from __future__ import annotations

NOUN_LINKS: frozenset[str] = frozenset(
    "à au aux la le l' les un une des du de d' cette ce cet ces "
    "votre vos notre nos leur leurs son sa ses".split()
)
