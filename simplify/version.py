"""The engine's version, also part of cache keys."""

__version__ = "0.1.0"
