"""simplify: make French administrative letters understandable."""

from simplify.version import __version__

__all__ = ["__version__"]
