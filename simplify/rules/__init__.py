"""Rules: the rule types in code, the pack loader, profiles and the registry."""
