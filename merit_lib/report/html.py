"""Rendering a period: notebook → HTML without code (our template), the index page and the shared stylesheet.

Every value we put into a page is escaped: the nbconvert template escapes what it injects (`|e`), and
index.html is a Jinja2 template rendered with autoescape on. Pages are written through `merit_lib.data.sink`.
Every page links one stylesheet, `assets/merit.css` (written once per period folder by `write_assets`), instead
of inlining JupyterLab's; every page carries `lang`, a real `<title>`, a viewport and alt text on every image.
"""

from __future__ import annotations

import base64
import datetime as dt
import struct
import threading
from pathlib import Path

import nbformat
import pandas as pd

from merit_lib.data.sink import inside, write_text
from merit_lib.domain import text
from merit_lib.domain.language import moment, number, period_label

TEMPLATES = Path(__file__).resolve().parent / "templates"
STYLESHEET = "assets/merit.css"            # inside a period folder; every page links it
WIDE_COLUMNS = 10                          # a table this wide is set smaller (class merit-wide) to fit the page
KEY_VALUE_ROWS = 3                         # a wide table of at most this many rows prints as a list of name: value
#: on a phone a figure is shown at least at this share of its own size (scrolling sideways inside its box), so that
#: its smallest label (figures.SMALLEST_FONT_PT = 8 pt at 100 dpi: 11 px) stays at least 8 px tall
MIN_FIGURE_SCALE = 0.75
_NO_ALT = "No description has been provided for this image"   # what nbconvert puts on an image without alt
_local = threading.local()

#: the texts of index.html and every page's frame, per language (the catalogue's SITE section, `text.t("site.<key>")`)
_TXT = {lang: text.section("site", lang) for lang in text.LANGS}


def _exporter():
    """One HTML exporter per thread (templates compiled once), code cells hidden."""
    if not hasattr(_local, "exporter"):
        from nbconvert import HTMLExporter

        ex = HTMLExporter(template_name="merit", extra_template_basedirs=[str(TEMPLATES)])
        ex.exclude_input = True
        ex.exclude_input_prompt = True
        ex.exclude_output_prompt = True
        _local.exporter = ex
    return _local.exporter


def _nav(depth: int, lang: str) -> list[tuple[str, str]]:
    up = "../" * depth
    t = _TXT[lang]
    return [(t["index"], f"{up}index.html"), (t["province"], f"{up}provinsi.html"), (t["audit"], f"{up}audit_keadilan.html")]


def reproduce(job: object, meta: dict) -> dict[str, str]:
    """How to make one page again, with no path of the machine that made it: the `merit report` command (DATA stands for
    the extract, named by its fingerprint), the page's notebook run by papermill on the period folder's published
    tables, and the Python calls that give its figures (before disclosure control)."""
    import shlex

    period, lang = meta["period"], meta.get("lang", "id")
    run = meta.get("run", {})
    out = run.get("out") or period
    window = (meta.get("window") or {}).get("requested")
    opds = [job.opd] if job.opd else run.get("opds")  # type: ignore[attr-defined]
    command = ["merit report --data DATA", f"--period {period}", *([f"--window {window}"] if window else []),
               f"--out {shlex.quote(out)}", *(["--lang en"] if lang == "en" else []),
               *([f"--opd {' '.join(shlex.quote(str(c)) for c in opds)}"] if opds else [])]
    call = [f"papermill merit_lib/notebooks/{job.notebook.name} {shlex.quote(job.name.split('/')[-1])}.ipynb"]  # type: ignore[attr-defined]
    for key, value in job.parameters.items():  # type: ignore[attr-defined]
        if key in ("tables_dir", "results_dir"):
            call.append(f"-p {key} {shlex.quote(f'{out}/tables')}")
        elif isinstance(value, list | tuple):
            if run.get("opds"):              # the run's own list; without one the notebook's default is every OPD
                listed = ", ".join(map(str, value))
                call.append("-y " + shlex.quote(f"{key}: [{listed}]"))
        elif value is not None:
            call.append(f"-p {key} {shlex.quote(str(value))}")
    load = 'ml.load_extract("DATA"' + (', lang="en")' if lang == "en" else ")")
    python = ["import merit_lib as ml", f'frame = ml.analysis_frame({load}, "{period}"'
              + (f", window={window})" if window else ")")]
    if job.name == "audit_keadilan":  # type: ignore[attr-defined]
        python.append("ml.audit(frame)")
    else:
        python.append("comp = ml.compliance(frame, ml.audit(frame).findings)")
        python.append(f'comp[comp["opd_kode"] == "{job.opd}"]' if job.opd else "comp")  # type: ignore[attr-defined]
    return {"command": " ".join(command), "notebook": " ".join(call), "python": "\n".join(python)}


def trail_html(job: object, meta: dict, lang: str) -> str:
    """The page's audit trail (a closed `<details>` at its end): the code that ran (git commit, or the package version
    and that no commit is known), the data's fingerprint and each input's SHA-256, and how to reproduce the page
    (`reproduce`); every value escaped, no server path."""
    from html import escape as e
    from pathlib import PurePath

    code = meta.get("code") or {}
    if code.get("commit"):
        lines = [text.t("trail.code_commit", lang, commit=code["commit"], version=code.get("version", "?"))]
        lines += [text.t("trail.code_dirty", lang)] if code.get("dirty") else []
    else:
        lines = [text.t("trail.code_version", lang, version=code.get("version", "?"))]
    files = "".join(f"<li><code>{e(PurePath(str(v.get('file', name))).name)}</code> <code>{e(str(v.get('sha256')))}</code></li>"
                    for name, v in sorted((meta.get("inputs") or {}).items()))
    how = reproduce(job, meta)
    return (f'<details class="merit-trail"><summary><strong>{e(text.t("trail.title", lang))}</strong></summary>'
            + "".join(f"<p>{e(line)}</p>" for line in lines)
            + f"<p>{e(text.t('trail.data', lang, fingerprint=meta.get('fingerprint', '–')))}</p><ul>{files}</ul>"
            + f"<p>{e(text.t('trail.command', lang))}</p><pre><code>{e(how['command'])}</code></pre>"
            + f"<p>{e(text.t('trail.notebook', lang))}</p><pre><code>{e(how['notebook'])}</code></pre>"
            + f"<p>{e(text.t('trail.python', lang))}</p><pre><code>{e(how['python'])}</code></pre>"
            + f"<p>{e(text.t('trail.docs', lang))}</p></details>")


def page_resources(title: str, meta: dict, lang: str, opd: str | None = None, depth: int = 0, trail: str = "") -> dict:
    """What the template prints on every page (`doc_title` is the browser tab's: "Laporan Dinas Kesehatan — Triwulan I
    2026"; `css_href` the shared stylesheet, relative to the page; `trail` the page's audit trail, `trail_html`)."""
    t = _TXT[lang]
    period_text = period_label(meta["period"], lang)
    return {"merit": {"title": title, "period": meta["period"], "period_text": period_text, "opd": opd, "trail": trail,
                      "fingerprint": meta["fingerprint"], "lang": lang, "doc_title": f"{title} — {period_text}",
                      "css_href": "../" * depth + STYLESHEET,
                      "generated": moment(dt.datetime.now(), lang), "nav": _nav(depth, lang),
                      "period_label": t["period"], "fingerprint_label": t["fingerprint"],
                      "generated_label": t["generated"], "footer": t["footer"],
                      "print_css": print_css(f"{title} · {period_text}", lang)}}


def css_string(value: str) -> str:
    """`value` as a quoted CSS string that is safe inside a `<style>` element: every character but ASCII letters and
    digits is a six-digit CSS escape (a space too: CSS swallows one after an escape), so no quote, backslash, `<` or
    line break can end it."""
    return '"' + "".join(c if c.isascii() and c.isalnum() else f"\\{ord(c):06x}" for c in str(value)) + '"'


def print_css(left: str, lang: str) -> str:
    """The running footer of every printed page (A4 and the PDF): `left` (page title · period) at the bottom left,
    "hal. x dari y" at the bottom right (CSS page-margin boxes; the stylesheet sets their look)."""
    before, rest = _TXT[lang]["page_of"].split("{page}")
    middle, after = rest.split("{pages}")
    pages = f"{css_string(before)} counter(page) {css_string(middle)} counter(pages) {css_string(after)}"
    return f"@page {{ @bottom-left {{ content: {css_string(left)}; }} @bottom-right {{ content: {pages}; }} }}"


def write_assets(stage: Path) -> Path:
    """The period folder's one stylesheet, `assets/merit.css` (through the sink), that every page links."""
    css = (TEMPLATES / STYLESHEET).read_text(encoding="utf-8")
    return write_text(css, inside(stage, *STYLESHEET.split("/")))


def finish_page(html: str, fallback: str, lang: str = "id") -> str:
    """The last touches nbconvert cannot make: every image gets alt text (the figure's own title when the kernel gave
    one, else its section heading, numbered when a section holds several figures, else `fallback`) and its own width
    (for the phone's minimum scale), and every table scrolls
    sideways inside its own box (first column fixed); a table of WIDE_COLUMNS or more is set smaller on screen and, in
    print, becomes a list of name: value (KEY_VALUE_ROWS rows or fewer) or a line saying where it is complete."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, features="html.parser")
    heading, seen = fallback, {}
    for el in soup.find_all(["h1", "h2", "h3", "h4", "img"]):
        if el.name != "img":
            if el.find_parent("header") is None:
                heading = " ".join(el.get_text(" ", strip=True).replace("¶", "").split()) or fallback
            continue
        alt = str(el.get("alt") or "").strip()
        if not alt or alt == _NO_ALT:
            seen[heading] = seen.get(heading, 0) + 1
            el["alt"] = heading if seen[heading] == 1 else f"{heading} ({seen[heading]})"
        width = png_width(str(el.get("src") or ""))
        if width:
            el["style"] = f"--w: {width}px"
    for table in soup.find_all("table"):
        if table.find_parent(class_="scroll-x") is None:
            table.wrap(soup.new_tag("div", attrs={"class": "scroll-x"}))
        row = table.find("tr")
        if row is None or len(row.find_all(["th", "td"])) < WIDE_COLUMNS:
            continue
        table["class"] = [*table.get("class", []), "merit-wide"]
        box = table.find_parent(class_="scroll-x")
        box["class"] = [*box.get("class", []), "screen-only"]
        box.insert_after(_print_twin(soup, table, lang))
    return str(soup)


def _print_twin(soup: object, table: object, lang: str) -> object:
    """What prints instead of a wide table: a name: value list per row when it has few rows and one header per cell,
    else a line saying where the table is complete."""
    head_rows = table.find("thead").find_all("tr") if table.find("thead") else []  # type: ignore[attr-defined]
    body = [tr for tr in table.find_all("tr") if tr.find_parent("thead") is None]  # type: ignore[attr-defined]
    names = [" ".join(c.get_text(" ", strip=True).split()) for c in head_rows[-1].find_all(["th", "td"])] if head_rows else []
    rows = [[" ".join(c.get_text(" ", strip=True).split()) for c in tr.find_all(["th", "td"])] for tr in body]
    if len(head_rows) != 1 or not rows or len(rows) > KEY_VALUE_ROWS or any(len(r) != len(names) for r in rows):
        note = soup.new_tag("p", attrs={"class": "print-only merit-omitted"})  # type: ignore[attr-defined]
        note.string = _TXT[lang]["print_omitted"]
        return note
    twin = soup.new_tag("div", attrs={"class": "print-only merit-kv"})  # type: ignore[attr-defined]
    for cells in rows:
        kv = soup.new_tag("table", attrs={"class": "merit-kv"})  # type: ignore[attr-defined]
        for name, value in zip(names, cells):
            tr = soup.new_tag("tr")  # type: ignore[attr-defined]
            th, td = soup.new_tag("th"), soup.new_tag("td")  # type: ignore[attr-defined]
            th.string, td.string = name, value
            tr.append(th)
            tr.append(td)
            kv.append(tr)
        twin.append(kv)
    return twin


def png_width(src: str) -> int | None:
    """The pixel width of a PNG given as a data URI (read from its IHDR header), None for anything else."""
    prefix = "data:image/png;base64,"
    if not src.startswith(prefix):
        return None
    try:
        head = base64.b64decode(src[len(prefix):len(prefix) + 32])
    except ValueError:
        return None
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return int(struct.unpack(">I", head[16:20])[0])


def render_notebook(executed: Path, target: Path, job: object, meta: dict, lang: str) -> Path:
    """An executed notebook → one HTML page (images embedded, no code) linking the shared stylesheet."""
    nb = nbformat.read(executed, as_version=4)
    depth = job.name.count("/")  # type: ignore[attr-defined]
    resources = page_resources(job.title, meta, lang, job.opd, depth, trail_html(job, meta, lang))  # type: ignore[attr-defined]
    body, _ = _exporter().from_notebook_node(nb, resources=resources)
    return write_text(finish_page(body, job.title, lang), target)  # type: ignore[attr-defined]


def _site():
    """The Jinja2 environment of our own pages: autoescape on, unknown names an error."""
    if not hasattr(_local, "site"):
        import jinja2

        _local.site = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES / "site")), autoescape=True,
                                         undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    return _local.site


def _number(x: object, lang: str = "id") -> str:
    return "–" if x is None or pd.isna(x) else number(float(x), lang)  # type: ignore[arg-type]


def index_rows(jobs: list, results: list, comp: pd.DataFrame, lang: str = "id", pdfs: frozenset[str] = frozenset()
               ) -> list[dict]:
    """One row per OPD page of the run: code, name, link (None when the page failed), its PDF (None without one),
    index, its range, category."""
    status = {r.name: r.status for r in results}
    by_code = {str(r["opd_kode"]): r for _, r in comp.iterrows()}
    rows = []
    for job in jobs:
        if job.opd is None:
            continue
        r = by_code.get(str(job.opd))
        ok = status.get(job.name) == "ok"
        named = r is not None and ok and pd.notna(r["opd_nama"])
        rows.append({"code": job.opd, "name": str(r["opd_nama"]) if named else job.opd,
                     "href": f"{job.name}.html" if ok else None,
                     "pdf": f"{job.name}.pdf" if ok and job.name in pdfs else None,
                     "index": _number(r["index"], lang) if r is not None else "–",
                     "ci": (f"{_number(r['index_ci_low'], lang)}–{_number(r['index_ci_high'], lang)}"
                            if r is not None and pd.notna(r["index_ci_low"]) else "–"),
                     "category": text.category(str(r["category"]), lang) if r is not None else "–"})
    return rows


def render_index(stage: Path, jobs: list, results: list, meta: dict, lang: str, pdfs: frozenset[str] = frozenset()
                 ) -> Path:
    """index.html: headline figures, links to every page (and its PDF, for the pages named in `pdfs`), failures named
    (Jinja2, autoescaped)."""
    t = _TXT[lang]
    status = {r.name: r for r in results}
    comp = pd.read_csv(stage / "tables" / "compliance.csv", dtype={"opd_kode": str})
    findings = pd.read_csv(stage / "tables" / "findings.csv", dtype={"scope": str})
    res = page_resources(t["title"], meta, lang)["merit"]
    top = [{"title": j.title, "href": f"{j.name}.html" if status[j.name].status == "ok" else None}
           for j in jobs if j.opd is None]
    page = _site().get_template("index.html.j2").render(
        lang=lang, t=t, meta=meta, generated=res["generated"], nav=res["nav"], period_text=res["period_text"],
        doc_title=res["doc_title"], css_href=res["css_href"],
        n_pegawai=number(meta["n_pegawai"], lang), n_promosi=number(meta["n_promosi"], lang),
        n_flags=int((findings["flag"] == "disparity").sum()), top=top,
        failed=[r for r in results if r.status != "ok"], rows=index_rows(jobs, results, comp, lang, pdfs),
        tables=("compliance", "findings", "model_coefficients", "validation"))
    return write_text(page, stage / "index.html")
