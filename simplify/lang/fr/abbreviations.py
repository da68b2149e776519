"""Abbreviations after which a full stop does not end a sentence (as written in letters)."""

# Lowercased, without the final full stop. A full stop after one of these never ends a
# sentence, whatever follows ("M. Dupont", "art. 5", "cf. votre courrier").
NEVER_FINAL: frozenset[str] = frozenset(
    {
        "m", "mm", "mme", "mmes", "mlle", "mlles", "me", "mes", "dr", "pr", "st", "ste",
        "art", "al", "cf", "réf", "n/réf", "v/réf", "n", "no", "p", "pp", "vol", "chap",
        "éd", "env", "ex", "tél", "fax", "c.-à-d", "c-à-d", "av", "bd", "boul", "fg", "pl",
        "rte", "sq", "sqq", "op", "cit", "ibid", "janv", "févr", "fév", "avr", "juil",
        "oct", "nov", "déc", "mle", "dépt", "suiv", "p.j", "pj", "n.b", "nb", "ets",
        "éts", "vve", "vs", "approx", "sté",
    }
)

# Abbreviations that may close a sentence when the next word starts with a capital:
# "..., etc. Vous devez" ends a sentence; "à 14 h. Merci" too.
MAY_BE_FINAL: frozenset[str] = frozenset({"etc", "h", "env", "inc", "cie"})

# Titles before a name: the name that follows is a person.
PERSON_TITLES: frozenset[str] = frozenset(
    {"m.", "mm.", "mme", "mme.", "mmes", "mlle", "madame", "monsieur", "mademoiselle",
     "maître", "me", "docteur", "dr", "dr.", "professeur", "pr"}
)
