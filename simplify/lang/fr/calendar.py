"""Month and weekday names, as used to read and write dates."""

MONTHS: tuple[str, ...] = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)

# Spellings seen in letters, mapped to the month number (1-12).
MONTH_NUMBERS: dict[str, int] = {name: i + 1 for i, name in enumerate(MONTHS)} | {
    "fevrier": 2,
    "aout": 8,
    "decembre": 12,
    "janv": 1,
    "févr": 2,
    "fév": 2,
    "avr": 4,
    "juil": 7,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "déc": 12,
}

WEEKDAYS: tuple[str, ...] = (
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
)
