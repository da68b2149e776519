"""Decoding input bytes: UTF-8, with BOM, Windows-1252; refusing what is not text."""

from __future__ import annotations

import pytest

from simplify.inputs import InputError, decode_input


def test_inputs_utf8_with_bom() -> None:
    letter = decode_input("x", "\ufeffObjet : aide".encode(), markdown=False)
    assert letter.text == "Objet : aide" and letter.encoding == "utf-8"


def test_inputs_windows_1252_fallback() -> None:
    letter = decode_input("x", "Reçu le 3 août – 12 €".encode("cp1252"), markdown=False)
    assert letter.text == "Reçu le 3 août – 12 €" and letter.encoding == "cp1252"


@pytest.mark.parametrize("data", [b"", b"\n \t", b"abc\x00def", bytes(range(1, 30)) * 10])
def test_inputs_refused(data: bytes) -> None:
    with pytest.raises(InputError):
        decode_input("x", data, markdown=False)
