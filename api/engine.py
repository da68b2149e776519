"""The engine as the service uses it: rules loaded once, one analysis at a time per process.

Analysis is CPU-bound Python: running two at once in threads of one process gains nothing
under the GIL and doubles the memory, so a lock serialises them; the service scales with
worker processes (`simplify serve --workers 2`). Reports of stored versions are cached.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Generic, TypeVar

from api.errors import Problem
from simplify.analysis import Report, analyse
from simplify.formats.errors import FormatError
from simplify.formats.files import (
    FILE_FORMATS,
    TEXT_FORMATS,
    UNREAD_FORMATS,
    Output,
    changes_of,
    read_letter,
    write_letter,
)
from simplify.formats.model import Change, Extracted
from simplify.formats.safety import run_limited
from simplify.nlp import BlockParser
from simplify.rewrite import DEFAULT_ROUNDS
from simplify.rewrite.diff import text_edits
from simplify.rewrite.edits import apply_edits
from simplify.rewrite.planner import Revision, rewrite
from simplify.rules.registry import RuleSet, load_builtin
from simplify.shape import Shape

SUPPORTED_SUFFIXES = (".docx", ".odt", ".pdf", ".txt", ".md", ".html")
_KNOWN = set(TEXT_FORMATS) | set(FILE_FORMATS)
EXPORTS = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    "odt": ("application/vnd.oasis.opendocument.text", ".odt"),
    "txt": ("text/plain; charset=utf-8", ".txt"),
}
_CACHE_SIZE = 64
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Engine:
    def __init__(self, rules: RuleSet | None = None, cache_sentences: int = 2048) -> None:
        self.rules = rules or load_builtin()
        # The parse cache makes a re-analysis after an edit cheap; its size bounds the memory
        # it takes (about 20 kB a sentence).
        self.parser = BlockParser(cache_size=cache_sentences)
        self._lock = threading.Lock()
        self._reports: _Recent[tuple[int, str], Report] = _Recent(_CACHE_SIZE)
        self._letters: _Recent[str, Extracted] = _Recent(_CACHE_SIZE)

    def warm_up(self) -> None:
        """Load the language model and start the file reader process now, at start-up: the
        first agent does not wait for them, and the reader is forked before any thread of
        the server exists."""
        run_limited("amorce", len, b"")
        self.analyse("Madame, nous avons bien reçu votre demande.", "clair")

    # --- analysis -----------------------------------------------------------------------

    def analyse(
        self, text: str, profile: str, *, markdown: bool = False, shape: Shape | None = None
    ) -> Report:
        with self._lock:
            return analyse(
                text,
                profile=profile,
                rules=self.rules,
                markdown=markdown,
                shape=shape,
                parser=self.parser,
            )

    def rewrite(
        self,
        text: str,
        profile: str,
        *,
        only: str = "safe",
        accepted: Iterable[str] | None = None,
        markdown: bool = False,
        shape: Shape | None = None,
        rounds: int = DEFAULT_ROUNDS,
    ) -> Revision:
        with self._lock:
            return rewrite(
                text,
                profile=profile,
                only=only,
                accepted=accepted,
                rules=self.rules,
                markdown=markdown,
                shape=shape,
                rounds=rounds,
                parser=self.parser,
            )

    def version_report(
        self, version_id: int, text: str, profile: str, shape: Shape | None
    ) -> Report:
        return self._reports.get_or_make(
            (version_id, profile), lambda: self.analyse(text, profile, shape=shape)
        )

    def forget(self, letter_id: str, version_ids: Iterable[int]) -> None:
        self._letters.discard(lambda key: key == letter_id)
        gone = set(version_ids)
        self._reports.discard(lambda key: key[0] in gone)

    # --- files --------------------------------------------------------------------------

    def read(self, name: str, data: bytes) -> Extracted:
        """The letter in an uploaded file, or a Problem saying why it cannot be read."""
        suffix = Path(name).suffix.lower()
        if suffix not in _KNOWN:
            supported = ", ".join(SUPPORTED_SUFFIXES)
            advice = f" ({UNREAD_FORMATS[suffix]})" if suffix in UNREAD_FORMATS else ""
            raise Problem(
                415,
                f"Le type de fichier {suffix or 'sans extension'} n'est pas pris en charge"
                f"{advice}. Formats acceptés : {supported}.",
                supported=list(SUPPORTED_SUFFIXES),
            )
        if not data.strip():
            raise Problem(422, f"{name} : le fichier est vide ; déposez une lettre qui a du texte.")
        try:
            letter = read_letter(name, data)
        except FormatError as error:
            raise Problem(422, str(error)) from error
        if not letter.text.strip():
            raise Problem(
                422,
                f"{name} : aucun texte n'a été trouvé dans ce fichier (un PDF scanné n'a que "
                f"des images) ; déposez le document d'origine.",
            )
        return letter

    def stored_letter(self, letter_id: str, name: str, load: Callable[[], bytes]) -> Extracted:
        """The letter read from a stored file; the file is read only when not cached."""
        return self._letters.get_or_make(letter_id, lambda: self.read(name, load()))

    def export(
        self,
        letter: Extracted,
        data: bytes,
        final_text: str,
        revision: Revision | None,
        fmt: str,
        *,
        tracked: bool,
        author: str,
        when: datetime,
        title: str,
        note: str,
    ) -> Output:
        """The final letter as a file. `revision` gives exact changes with their explanations
        when the final text is one rewrite of the original; otherwise the changes come from
        a word diff of the two texts, each commented with `note`."""
        if revision is not None and revision.original == letter.text:
            changes = changes_of(revision, self.rules)
        else:
            changes = [
                Change(edit.start, edit.end, edit.replacement, note, "version", f"diff-{index}")
                for index, edit in enumerate(text_edits(letter.text, final_text))
            ]
        target = "text" if fmt == "txt" else fmt
        if fmt == "odt" and letter.format != "odt":
            # ODF from another format: our Word file, converted by LibreOffice, which keeps
            # the tracked changes and comments.
            word = self.export(
                letter,
                data,
                final_text,
                revision,
                "docx",
                tracked=tracked,
                author=author,
                when=when,
                title=title,
                note=note,
            )
            return replace(word, data=to_odt(word.data), format="odt")
        try:
            return write_letter(
                letter,
                data,
                changes,
                final_text,
                target,
                tracked=tracked,
                author=author,
                date=when,
                title=title,
            )
        except FormatError as error:
            raise Problem(422, str(error)) from error


class _Recent(Generic[K, V]):
    """The most recently used values, at most `size` of them; safe across threads. A value is
    made outside the lock, so a slow one does not hold up the others."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._values: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_make(self, key: K, make: Callable[[], V]) -> V:
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        value = make()
        with self._lock:
            self._values[key] = value
            while len(self._values) > self._size:
                self._values.popitem(last=False)
        return value

    def discard(self, which: Callable[[K], bool]) -> None:
        with self._lock:
            for key in [k for k in self._values if which(k)]:
                del self._values[key]


def to_odt(docx: bytes) -> bytes:
    """A Word file converted to ODF by LibreOffice (headless, its own throwaway profile)."""
    command = shutil.which("soffice") or shutil.which("libreoffice")
    if command is None:
        raise Problem(
            422,
            "L'export .odt d'une lettre venue d'un autre format demande LibreOffice sur le "
            "serveur, qui ne l'a pas ; téléchargez le fichier .docx.",
        )
    with tempfile.TemporaryDirectory(prefix="simplify-odt-") as folder:
        source = Path(folder) / "lettre.docx"
        source.write_bytes(docx)
        try:
            subprocess.run(
                [
                    command,
                    f"-env:UserInstallation=file://{folder}/profil",
                    "--headless",
                    "--convert-to",
                    "odt",
                    "--outdir",
                    folder,
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=120,
            )
            return (Path(folder) / "lettre.odt").read_bytes()
        except (subprocess.SubprocessError, OSError) as error:
            raise Problem(
                503, "La conversion en .odt a échoué ; téléchargez le fichier .docx."
            ) from error


def moved_shape(letter: Extracted, text: str) -> Shape:
    """The file's shape over a later version of its text."""
    if text == letter.text:
        return letter.shape
    offsets = apply_edits(letter.text, text_edits(letter.text, text)).offsets
    return letter.shape.moved(len(letter.text), len(text), offsets)
