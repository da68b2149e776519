"""The error every reader raises for a file it cannot read: what is wrong and what to do."""


class FormatError(ValueError):
    """A document that cannot be read; the message, in French, says why and what to do."""
