"""Guards before parsing a document: zip bombs, password-protected and old binary files, XML
entities, and time and memory caps around the parsing itself."""

from __future__ import annotations

import io
import multiprocessing
import os
import resource
import signal
import threading
import zipfile
from collections.abc import Callable
from typing import Any, TypeVar

from lxml import etree

from simplify.formats.errors import FormatError

# Letters are small: a Word file of a few pages is well under 1 MB once unzipped. These caps
# leave room for embedded logos and fonts while refusing decompression bombs.
MAX_UNZIPPED_BYTES = 100_000_000
MAX_RATIO = 100  # uncompressed size / compressed size of one member
MAX_MEMBERS = 2000
PARSE_SECONDS = 30
PARSE_MEMORY_BYTES = 1_500_000_000

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF-"

T = TypeVar("T")


def sniff(data: bytes) -> str:
    """What the bytes really are: zip, ole, pdf or text (whatever the file name says)."""
    if data.startswith(ZIP_MAGIC) or data.startswith(b"PK\x05\x06"):
        return "zip"
    if data.startswith(OLE_MAGIC):
        return "ole"
    if data.lstrip()[:5] == PDF_MAGIC:
        return "pdf"
    return "text"


def explain_ole(name: str, data: bytes) -> FormatError:
    """An OLE file is either an encrypted Office file or an old binary .doc/.xls."""
    if "EncryptedPackage".encode("utf-16-le") in data[:200_000]:
        return FormatError(
            f"{name} : le document est protégé par un mot de passe ; enregistrez-en une copie "
            f"sans mot de passe (Fichier > Informations > Protéger le document) puis réessayez"
        )
    return FormatError(
        f"{name} : ancien format Word (.doc) ; ouvrez-le dans Word ou LibreOffice et "
        f"enregistrez-le au format .docx"
    )


def open_zip(name: str, data: bytes) -> zipfile.ZipFile:
    """Open a zip after checking it is not corrupt and cannot blow up once decompressed."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise FormatError(
            f"{name} : fichier abîmé ou incomplet (archive illisible : {error}) ; "
            f"réenregistrez-le depuis votre traitement de texte"
        ) from error
    if len(members) > MAX_MEMBERS:
        raise FormatError(f"{name} : archive anormale ({len(members)} éléments) ; fichier refusé")
    total = 0
    for member in members:
        total += member.file_size
        compressed = max(member.compress_size, 1)
        if member.file_size > 1_000_000 and member.file_size / compressed > MAX_RATIO:
            raise FormatError(
                f"{name} : archive suspecte (un élément se décompresse "
                f"{member.file_size // compressed} "
                f"fois plus gros) ; fichier refusé par sécurité"
            )
    if total > MAX_UNZIPPED_BYTES:
        raise FormatError(
            f"{name} : document trop volumineux une fois décompressé ({total // 1_000_000} Mo, "
            f"au plus {MAX_UNZIPPED_BYTES // 1_000_000} Mo) ; retirez les images lourdes"
        )
    for member in members:
        if not member.filename.endswith((".xml", ".rels")):
            continue  # images and fonts are never parsed
        try:
            content = archive.read(member)  # checks the member's CRC too
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
            raise FormatError(
                f"{name} : fichier abîmé (élément {member.filename} illisible : {error}) ; "
                f"réenregistrez-le depuis votre traitement de texte"
            ) from error
        if b"<!DOCTYPE" in content:
            # Office and OpenDocument files never declare a DTD; one that does may try to
            # read other files through external entities (XXE).
            raise FormatError(
                f"{name} : le document contient une déclaration XML interdite (DOCTYPE, "
                f"entités) dans {member.filename} ; fichier refusé par sécurité. "
                f"Réenregistrez-le depuis votre traitement de texte"
            )
    return archive


def xml_parser() -> etree.XMLParser:
    """An XML parser that never resolves entities nor reaches the network (no XXE)."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def parse_xml(name: str, data: bytes) -> Any:
    try:
        return etree.fromstring(data, parser=xml_parser())
    except etree.XMLSyntaxError as error:
        raise FormatError(
            f"{name} : XML invalide dans le document ({error}) ; "
            f"réenregistrez-le depuis votre traitement de texte"
        ) from error


class _Worker:
    """A child process that runs readers one after the other, under a memory cap.

    Starting a process per file costs more than reading a letter (forking a process that
    holds the language model takes about 0.1 s), so one worker serves every file; a file that
    makes it hang or swell gets it killed, and the next file starts a new one.
    """

    def __init__(self, memory: int) -> None:
        context = multiprocessing.get_context("fork")
        self.memory = memory
        self.requests, child_requests = context.Pipe()
        self.process = context.Process(
            target=_serve,
            args=(child_requests, memory, os.getpid()),
            daemon=True,
            name="simplify-reader",
        )
        self.process.start()
        child_requests.close()

    def alive(self) -> bool:
        return self.process.is_alive()

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.requests.close()


def _address_space() -> int:
    """Bytes of address space this process has mapped already (0 if unknown)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _serve(connection: Any, memory: int, parent: int) -> None:
    # The cap is what parsing may add to what the fork inherited: a parent with many threads
    # (each reserves stacks and malloc arenas) must not leave the reader no room at all.
    cap = _address_space() + memory
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    # Forked from a server or a pool worker, the reader would inherit its handlers: it
    # leaves Ctrl-C to its parent and ends on SIGTERM, and when its parent is gone.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    while True:
        while not connection.poll(1.0):
            if os.getppid() != parent:
                return
        try:
            function, args = connection.recv()
        except EOFError:
            return
        try:
            connection.send(("ok", function(*args)))
        except FormatError as error:
            connection.send(("format", str(error)))
        except MemoryError:
            connection.send(("memory", ""))
            return  # a worker that ran out of memory is not reused
        except Exception as error:
            connection.send(("error", f"{type(error).__name__}: {error}"))


_WORKERS: dict[int, _Worker] = {}
_LOCK = threading.Lock()


def run_limited(
    name: str,
    function: Callable[..., T],
    *args: Any,
    seconds: float = PARSE_SECONDS,
    memory: int = PARSE_MEMORY_BYTES,
) -> T:
    """Run function(*args) in the reader process, with a time and memory cap; function must
    be a module-level function and its result picklable. A file that makes the parser hang
    or swell is refused, never waited for."""
    with _LOCK:
        worker = _WORKERS.get(memory)
        if worker is None or not worker.alive():
            worker = _WORKERS[memory] = _Worker(memory)
        worker.requests.send((function, args))
        if not worker.requests.poll(seconds):
            worker.stop()
            del _WORKERS[memory]
            raise FormatError(
                f"{name} : la lecture du document a pris plus de {seconds:.0f} s ; "
                f"fichier refusé (il est peut-être malformé)"
            )
        try:
            status, value = worker.requests.recv()
        except EOFError as error:
            worker.stop()
            del _WORKERS[memory]
            raise FormatError(
                f"{name} : la lecture du document a échoué (mémoire ou fichier "
                f"malformé) ; fichier refusé"
            ) from error
        if status == "memory":
            worker.stop()
            del _WORKERS[memory]
    if status == "ok":
        return value  # type: ignore[no-any-return]
    if status == "format":
        raise FormatError(value)
    if status == "memory":
        raise FormatError(
            f"{name} : la lecture du document demande trop de mémoire ; fichier refusé"
        )
    raise FormatError(
        f"{name} : document illisible ({value}) ; réenregistrez-le depuis votre traitement de texte"
    )
