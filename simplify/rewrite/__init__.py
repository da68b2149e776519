"""Rewrites: plainer wording proposed as edits on the original text, facts verified."""
