"""Batch audits of letter templates: many documents in, one report out."""
