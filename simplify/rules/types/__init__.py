"""The closed set of rule types; a rule entry in a pack picks one with `type:`."""

from simplify.rules.context import Rule
from simplify.rules.types.acronym import AcronymRule
from simplify.rules.types.detector import DetectorRule
from simplify.rules.types.jargon import LexiconRule
from simplify.rules.types.pattern import PatternRule

RULE_TYPES: dict[str, type[Rule]] = {
    rule_type.type_name: rule_type
    for rule_type in (LexiconRule, AcronymRule, PatternRule, DetectorRule)
}

__all__ = ["RULE_TYPES"]
