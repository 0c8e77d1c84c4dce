"""Reading one SIASN JSON file safely: size and nesting limits checked before parsing (no RecursionError, however deep),
strict JSON (no NaN/Infinity, no key twice in one object), and a one-line reason in the catalogue's words when it fails."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np

from merit_lib.domain import text

#: limits per JSON file (a SIASN answer is a few kB and a few levels deep; a province's ref-unor a few MB)
MAX_JSON_BYTES, MAX_JSON_DEPTH = 64 * 2**20, 64


class JsonProblem(ValueError):
    """A JSON file that cannot be read: the catalogue key (text.SIASN) and its fields."""

    def __init__(self, problem: str, **fields: object):
        super().__init__(problem)
        self.problem, self.fields = problem, fields

    def message(self, lang: str = "id") -> str:
        return text.t(f"siasn.{self.problem}", lang, **self.fields)


#: a JSON string literal (escapes included), blanked before the nesting depth is measured
_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')


def json_depth(data: bytes) -> int:
    """How deep `[` and `{` nest in a JSON text (outside its strings), without parsing it (no recursion)."""
    if data.count(b"[") + data.count(b"{") <= MAX_JSON_DEPTH:
        return min(MAX_JSON_DEPTH, data.count(b"[") + data.count(b"{"))
    b = np.frombuffer(_JSON_STRING.sub(b'""', data), dtype=np.uint8)
    step = (np.isin(b, (0x5B, 0x7B)).astype(np.int32) - np.isin(b, (0x5D, 0x7D)).astype(np.int32))
    return int(step.cumsum().max(initial=0))


def _no_constant(value: str) -> object:
    raise JsonProblem("nan", value=value)


def _unique_keys(pairs: list[tuple[str, object]]) -> dict:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        key = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        raise JsonProblem("duplicate_key", name=key)
    return out


def load_json(path: Path) -> object:
    """A JSON file, within the limits (MAX_JSON_BYTES, MAX_JSON_DEPTH); a JsonProblem saying why it cannot be read:
    too large, nested too deep, invalid UTF-8, not JSON, NaN/Infinity, a key twice in one object."""
    size = path.stat().st_size
    if size > MAX_JSON_BYTES:
        raise JsonProblem("too_large", size=round(size / 2**20, 1), limit=MAX_JSON_BYTES // 2**20)
    data = path.read_bytes()
    depth = json_depth(data)
    if depth > MAX_JSON_DEPTH:
        raise JsonProblem("too_deep", depth=depth, limit=MAX_JSON_DEPTH)
    try:
        return json.loads(data.decode("utf-8-sig"), parse_constant=_no_constant, object_pairs_hook=_unique_keys)
    except UnicodeDecodeError as exc:
        raise JsonProblem("bad_utf8", at=exc.start) from exc
    except json.JSONDecodeError as exc:
        raise JsonProblem("bad_json", why=exc.msg, line=exc.lineno, col=exc.colno) from exc
    except RecursionError as exc:       # the depth check keeps this away; never a traceback if it is not
        raise JsonProblem("too_deep", depth=f"> {MAX_JSON_DEPTH}", limit=MAX_JSON_DEPTH) from exc
