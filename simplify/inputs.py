"""Decode a text letter (UTF-8 or Windows-1252), refusing what cannot be a letter."""

from __future__ import annotations

from dataclasses import dataclass

# Letters are a few pages; a template library may hold long ones. Above this size a file is
# refused rather than analysed for minutes.
MAX_INPUT_BYTES = 2_000_000


class InputError(ValueError):
    """A file that cannot be analysed; the message says why and what to do, in French."""


@dataclass(frozen=True)
class LetterInput:
    name: str  # the path as given, or "-" for standard input
    text: str
    markdown: bool
    encoding: str


def _too_large(name: str, size: int) -> str:
    return (
        f"{name} : fichier trop gros ({size // 1000} ko, au plus {MAX_INPUT_BYTES // 1000} ko) ; "
        f"découpez-le en plusieurs lettres"
    )


def decode_input(name: str, data: bytes, *, markdown: bool) -> LetterInput:
    """Decode bytes as UTF-8 (with or without BOM), else Windows-1252; refuse binary data."""
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(_too_large(name, len(data)))
    if not data.strip():
        raise InputError(f"{name} : le fichier est vide ; il n'y a rien à analyser")
    if looks_binary(data):
        raise InputError(
            f"{name} : fichier binaire, pas du texte ; enregistrez la lettre en texte (.txt)"
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not text.strip():
            raise InputError(f"{name} : le fichier est vide ; il n'y a rien à analyser")
        return LetterInput(name, text, markdown, "utf-8" if encoding == "utf-8-sig" else encoding)
    raise InputError(
        f"{name} : encodage inconnu (ni UTF-8 ni Windows-1252) ; réenregistrez le texte en UTF-8"
    )


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters: not text in any encoding we read."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return controls > max(2, len(sample) // 100)
