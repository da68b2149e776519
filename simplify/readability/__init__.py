"""Readability: French syllables, counts per sentence, formulas, and the clarity score."""
