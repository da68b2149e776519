"""French tables: abbreviations, calendar words, number words, elisions, syllable exceptions."""
