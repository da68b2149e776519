"""Read YAML keeping line numbers, so a bad pack names the file, line and key at fault."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class PackError(ValueError):
    """A rule pack or lexicon that cannot be loaded; the message says where and why."""


class LocatedDict(dict[str, Any]):
    line: int = 0
    key_lines: dict[str, int]


class LocatedList(list[Any]):
    line: int = 0


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LocatedDict:
    result = LocatedDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        if key in result:
            raise PackError(f"ligne {key_node.start_mark.line + 1} : clé « {key} » en double")
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LocatedList:
    result = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(path: Path) -> Any:
    """Parse a YAML file; mappings and lists remember their line numbers."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PackError(f"{path} : lecture impossible ({error})") from error
    try:
        return yaml.load(text, Loader=_Loader)
    except PackError as error:
        raise PackError(f"{path}:{error}") from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = getattr(error, "problem", None) or str(error)
        raise PackError(f"{where} : YAML invalide ({problem})") from error


def where(path: Path, node: Any, key: str | None = None) -> str:
    """'path:line' for a node, or for one of its keys."""
    line = 0
    if isinstance(node, LocatedDict):
        line = node.key_lines.get(key, node.line) if key else node.line
    elif isinstance(node, LocatedList):
        line = node.line
    return f"{path}:{line}"
