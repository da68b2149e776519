"""French word tables that tell a hyphen of the word from one that only cut it at a line end.

Read by the PDF reader (`simplify.formats.pdf_paragraphs`) when a printed line ends with a
hyphen, before it compares word frequencies (wordfreq): they settle the words frequencies get
wrong or do not know ("peut-" / "être", "pré-" / "demande").
"""

# Words that only come after a hyphen (peut-être, rendez-vous, c'est-à-dire, après-midi...):
# the hyphen before them is kept.
COMPOUND_TAILS: frozenset[str] = frozenset(
    "être vous nous ci là même mêmes t il ils elle elles on je tu moi toi lui leur leurs y en "
    "dessus dessous delà dire midi bas haut vis".split()
)

# Prefixes French writes joined to the word ("prédemande", "télétravail"): a hyphen after them
# at a line end only cut the word, and is dropped.
JOINED_PREFIXES: frozenset[str] = frozenset(
    "pré ré dé télé inter trans pro anti multi super hyper micro macro mini poly pluri co bi "
    "tri mono".split()
)
