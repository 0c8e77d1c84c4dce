"""Messages for the reader of the readiness models: a `Note` is a key of the catalogue's `text.MODEL_MESSAGES` and its
fields, rendered in Bahasa Indonesia or English with numbers formatted by `domain.language`."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from merit_lib.domain import language as L
from merit_lib.domain import text

#: words of the models' summary (in the catalogue: `text.MODEL_WORDS`)
_WORDS = text.MODEL_WORDS


# --------------------------------------------------------------------------- notes


@dataclass(frozen=True)
class Note:
    """A message for the reader: a key of `text.MODEL_MESSAGES` and its fields, in either language."""

    key: str
    fields: dict[str, object] = field(default_factory=dict)

    def render(self, lang: str = "id") -> str:
        """The message in `lang`, numbers formatted for it."""
        fields = {k: _fmt(k, v, lang) for k, v in self.fields.items()}
        return text.t("model." + self.key, lang, **fields)


def _fmt(key: str, value: object, lang: str) -> str:
    """One field of a note, formatted for the language (nested notes rendered, lists joined)."""
    if isinstance(value, Note):
        return value.render(lang)
    if isinstance(value, list):
        return "; ".join(_fmt(key, v, lang) for v in value)
    if isinstance(value, tuple):          # (name, number)
        return f"{value[0]} {_fmt(key, value[1], lang)}"
    if isinstance(value, bool | str):
        return str(value)
    if isinstance(value, int | np.integer):
        return L.number(int(value), lang)
    if isinstance(value, float | np.floating):
        return _fmt_float(key, float(value), lang)
    return str(value)


def _fmt_float(key: str, v: float, lang: str) -> str:
    """A number by what it is: p-value, correlation (4 decimals), share as percent, AME in percentage points, or 2 decimals."""
    if key == "p":
        return L.p_value(v, lang)
    if key == "rho":
        return L.number(v, lang, 4)
    if key in ("pct", "max_pct"):
        return L.percent(v, lang, 0)
    if key == "ame":
        return L.signed(100 * v, lang, 1)
    return L.number(v, lang, 2) if v == v else "–"
