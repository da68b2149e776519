"""Detectors: the code behind `type: detector` rules, one small function each."""

from simplify.rules.detectors.base import Detector
from simplify.rules.detectors.grammar import GRAMMAR_DETECTORS
from simplify.rules.detectors.layout import LAYOUT_DETECTORS
from simplify.rules.detectors.structure import STRUCTURE_DETECTORS
from simplify.rules.detectors.surface import SURFACE_DETECTORS

DETECTORS: dict[str, Detector] = {
    detector.name: detector
    for detector in (
        *GRAMMAR_DETECTORS,
        *SURFACE_DETECTORS,
        *STRUCTURE_DETECTORS,
        *LAYOUT_DETECTORS,
    )
}

__all__ = ["DETECTORS", "Detector"]
