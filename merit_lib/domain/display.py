"""How a result object shows itself in a notebook (`_repr_html_`): one small, escaped HTML block per object, in the
object's language, with its provenance line, aggregates only (never a NIP or a name).

Every result object (Extract, ValidationReport, ReadinessModels, AuditResult, the compliance table, a comparison) builds
its block from these pieces: `block(title, parts)`, `table(df)`, `paragraph(words)`, `provenance(meta, lang)`. They live
in the domain layer beside the language door, so that every layer's results can use them.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

import pandas as pd

from merit_lib.domain import language as L
from merit_lib.domain import text

_STYLE = "border-collapse:collapse;font-size:.9em;margin:.3em 0"


def esc(value: object) -> str:
    """Text for HTML, escaped (a value from data never becomes markup)."""
    return html.escape("" if value is None else str(value))


def table(df: pd.DataFrame, index: bool = False) -> str:
    """A small table, every cell escaped, no row numbers (unless `index`), empty cells as "–"."""
    body = df.to_html(index=index, escape=True, border=0, na_rep="–", classes="merit-result-table")
    return body.replace('<table border="0" class="dataframe merit-result-table">',
                        f'<table class="merit-result-table" style="{_STYLE}">', 1)


def paragraph(words: str, small: bool = False) -> str:
    inner = esc(words)
    return f"<p><small>{inner}</small></p>" if small else f"<p>{inner}</p>"


def block(title: str, parts: Iterable[str]) -> str:
    """The whole display: a heading and its parts (each already HTML)."""
    return f'<div class="merit-result"><h4 style="margin:.2em 0">{esc(title)}</h4>{"".join(parts)}</div>'


def provenance(meta: dict[str, Any], lang: str) -> str:
    """One line: the period and window, the data fingerprint (or that there is none) — what the result rests on."""
    bits = []
    if meta.get("period"):
        bits.append(L.period_label(meta["period"], lang))
    if meta.get("window"):
        bits.append(L.window_label(meta["window"], lang))
    fingerprint = meta.get("data_fingerprint")
    bits.append(f"{text.label('fingerprint', lang)}: {fingerprint or text.t('api.no_fingerprint', lang)}")
    return " · ".join(bits)


def count(x: object, lang: str) -> str:
    """A count for a reader, "–" when unknown."""
    return "–" if x is None or (isinstance(x, float) and x != x) else L.number(x, lang)  # type: ignore[arg-type]
