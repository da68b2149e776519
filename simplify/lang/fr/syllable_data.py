"""Tables for the French syllable counter (see docs/syllables.md for the convention)."""

VOWELS = frozenset("aàâäeéèêëiîïoôöuùûüyœæ")

# Letter groups that spell one vowel sound, longest first.
VOWEL_DIGRAPHS: tuple[str, ...] = (
    "eau", "œu", "oeu", "aî", "ai", "ei", "eî", "au", "ou", "oû", "où", "oi", "oî", "eu", "eû",
)

# Vowel letters that can be glides before another vowel (rule 5): i, u, ou (and y, rule 6).
GLIDE_LETTERS = frozenset({"i", "u", "ou"})

# A consonant followed by l or r: after such a cluster a glide letter is a full syllable.
OBSTRUENTS = frozenset("bcdfgkptv")
LIQUIDS = frozenset("lr")

# Words that end in "-ent" and say it (nouns, adjectives, adverbs, some verbs in -ent singular).
PRONOUNCED_ENT: frozenset[str] = frozenset(
    {
        "absent", "accent", "accident", "adhérent", "adjacent", "agent", "argent", "ardent",
        "apparent", "ascendant", "cent", "client", "coefficient", "cohérent", "compétent",
        "comburant", "conscient", "content", "continent", "convalescent", "couvent",
        "décent", "dent", "descendant", "différent", "diligent", "document", "équivalent",
        "évident", "excellent", "expédient", "fréquent", "gent", "impatient", "incident",
        "indépendant", "indigent", "inhérent", "innocent", "insolvent", "intelligent",
        "lent", "malcontent", "ment", "moment", "occident", "orient", "parent", "patient",
        "permanent", "pertinent", "présent", "président", "prudent", "récent", "régent",
        "repent", "résident", "sent", "serpent", "souvent", "strident", "suffisant", "talent",
        "torrent", "transparent", "urgent", "vent", "violent", "consent", "dément", "ressent",
        "pressent", "récipient", "quotient", "ingrédient", "contingent", "précédent",
        "subséquent", "conséquent", "adolescent", "astringent", "confident", "émergent",
        "référent", "afférent", "exigent", "turbulent", "succulent", "vacant", "entregent",
    }
)

# Verb forms in "-ent" that are singular and say it ("il ment", "elle ressent").
SINGULAR_ENT_VERBS: frozenset[str] = frozenset(
    {"ment", "dément", "sent", "consent", "ressent", "pressent", "repent", "dément"}
)

# Words the rules cannot read (loanwords, old spellings): counted by hand.
EXCEPTIONS: dict[str, int] = {
    "week-end": 2, "weekend": 2, "e-mail": 2, "email": 2, "mail": 1, "mails": 1,
    "football": 2, "parking": 2, "internet": 3, "software": 2, "meeting": 2, "business": 2,
    "août": 1, "aout": 1, "zoo": 1, "alcool": 2, "alcools": 2, "coopération": 5,
    "coordonnées": 4, "coordination": 5, "coordonner": 4, "coopérer": 4, "zoom": 1,
    "aiguille": 2, "aiguë": 2, "ambiguë": 3, "oignon": 2, "monsieur": 2, "messieurs": 2,
    "femme": 1, "femmes": 1, "faon": 1, "paon": 1, "taon": 1, "fioul": 1, "shampoing": 2,
    "baby-sitting": 4, "pizza": 2, "wifi": 2, "wi-fi": 2, "web": 1, "site": 1, "newsletter": 3,
    "cookie": 2, "cookies": 2, "tramway": 2, "yaourt": 2, "yoga": 2, "accueil": 2,
    "cueillir": 2, "orgueil": 2, "recueil": 2, "recueillir": 3, "cercueil": 2,
    "eu": 1, "eus": 1, "eut": 1, "eue": 1, "eues": 1,
}

# How each capital letter is said when an acronym is spelled out (W is "double vé").
LETTER_SYLLABLES: dict[str, int] = {letter: 1 for letter in "ABCDEFGHIJKLMNOPQRSTUVXZ"} | {
    "W": 3, "Y": 2,
}

# Consonant pairs that can start a spoken syllable (to tell an acronym said as a word).
ONSETS = frozenset(
    {"bl", "br", "cl", "cr", "dr", "fl", "fr", "gl", "gr", "pl", "pr", "tr", "vr", "ch", "ph",
     "th", "sc", "sk", "sm", "sn", "sp", "st", "gn", "qu"}
)

# Consonant pairs that can end a spoken syllable ("PACS" = paks).
CODAS = frozenset(
    {"cs", "ks", "ps", "rs", "st", "ct", "rt", "rd", "rf", "rc", "lf", "lt", "nt", "nd", "ns",
     "rm", "rn", "sk", "sp", "ts", "xt", "ft", "pt", "lp", "rp", "rg", "lc", "rl"}
)
