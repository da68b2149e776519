"""Detectors that read the parse: voice, negation, clauses."""

from simplify.rules.detectors.clauses import CLAUSE_DETECTORS
from simplify.rules.detectors.negation import NEGATION_DETECTORS
from simplify.rules.detectors.voice import VOICE_DETECTORS

GRAMMAR_DETECTORS = (*VOICE_DETECTORS, *NEGATION_DETECTORS, *CLAUSE_DETECTORS)
