"""Alt text for report figures: a figure's own title travels with its PNG into the page.

`install()` (run once in a kernel, after `%matplotlib inline`) wraps IPython's PNG formatter for matplotlib figures
so every figure output carries `{"alt": <figure title>}` in its metadata; the nbconvert template writes it as the
image's alt text. Without it, `report.html.finish_page` falls back to the figure's section heading.
"""

from __future__ import annotations

from typing import Any


def figure_title(fig: Any) -> str:
    """The words that name a figure: its suptitle, else its axes' titles, else their axis labels ("" when none)."""
    sup = getattr(fig, "_suptitle", None)
    words = [sup.get_text()] if sup is not None and sup.get_text().strip() else []
    axes = list(getattr(fig, "axes", []))
    if not words:
        words = [t for ax in axes for t in (ax.get_title("left"), ax.get_title(), ax.get_title("right")) if t.strip()]
    if not words:
        words = [t for ax in axes for t in (ax.get_xlabel(), ax.get_ylabel()) if t.strip()]
    seen = list(dict.fromkeys(" ".join(w.split()) for w in words))
    return " · ".join(seen)[:300]


def install(shell: Any = None) -> bool:
    """Make the kernel's PNG output of a matplotlib figure carry its title as metadata `alt`; False outside IPython
    or without a figure formatter. Installing twice changes nothing."""
    from matplotlib.figure import Figure

    if shell is None:
        from IPython import get_ipython

        shell = get_ipython()
    if shell is None:
        return False
    png = shell.display_formatter.formatters["image/png"]
    try:
        draw = png.lookup_by_type(Figure)
    except KeyError:
        return False
    if getattr(draw, "merit_alt", False):
        return True

    def with_alt(fig: Any) -> Any:
        data = draw(fig)
        title = figure_title(fig)
        return (data, {"alt": title}) if data is not None and title else data

    with_alt.merit_alt = True  # type: ignore[attr-defined]
    png.for_type(Figure, with_alt)
    return True
