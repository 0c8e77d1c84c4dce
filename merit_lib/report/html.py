"""Rendering a period: notebook → HTML without code (our template), the index page and the shared stylesheet.

Every value we put into a page is escaped: the nbconvert template escapes what it injects (`|e`), and
index.html is a Jinja2 template rendered with autoescape on. Pages are written through `merit_lib.data.sink`.
Every page links one stylesheet, `assets/merit.css` (written once per period folder by `write_assets`), instead
of inlining JupyterLab's; every page carries `lang`, a real `<title>`, a viewport and alt text on every image.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import nbformat
import pandas as pd

from merit_lib.data.sink import inside, write_text
from merit_lib.domain import text
from merit_lib.domain.language import number, period_label

TEMPLATES = Path(__file__).resolve().parent / "templates"
STYLESHEET = "assets/merit.css"            # inside a period folder; every page links it
WIDE_COLUMNS = 10                          # a table this wide is set smaller (class merit-wide) to fit the page
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
                      "generated": dt.datetime.now().strftime("%Y-%m-%d %H:%M"), "nav": _nav(depth, lang),
                      "period_label": t["period"], "fingerprint_label": t["fingerprint"],
                      "generated_label": t["generated"], "footer": t["footer"]}}


def write_assets(stage: Path) -> Path:
    """The period folder's one stylesheet, `assets/merit.css` (through the sink), that every page links."""
    css = (TEMPLATES / STYLESHEET).read_text(encoding="utf-8")
    return write_text(css, inside(stage, *STYLESHEET.split("/")))


def finish_page(html: str, fallback: str) -> str:
    """The last touches nbconvert cannot make: every image gets alt text (the figure's own title when the kernel gave
    one, else its section heading, numbered when a section holds several figures, else `fallback`), the first `<h2>`
    stays under the page title in print, a table of WIDE_COLUMNS or more is set smaller, and a table inside a
    `<details>` scrolls sideways inside its own box."""
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
    first = next((h for h in soup.find_all("h2") if h.find_parent("header") is None), None)
    if first is not None:
        first["class"] = [*first.get("class", []), "merit-first"]
    for table in soup.find_all("table"):
        row = table.find("tr")
        if row is not None and len(row.find_all(["th", "td"])) >= WIDE_COLUMNS:
            table["class"] = [*table.get("class", []), "merit-wide"]
        if table.find_parent("details") is not None and table.find_parent(class_="scroll-x") is None:
            table.wrap(soup.new_tag("div", attrs={"class": "scroll-x"}))
    return str(soup)


def render_notebook(executed: Path, target: Path, job: object, meta: dict, lang: str) -> Path:
    """An executed notebook → one HTML page (images embedded, no code) linking the shared stylesheet."""
    nb = nbformat.read(executed, as_version=4)
    depth = job.name.count("/")  # type: ignore[attr-defined]
    resources = page_resources(job.title, meta, lang, job.opd, depth, trail_html(job, meta, lang))  # type: ignore[attr-defined]
    body, _ = _exporter().from_notebook_node(nb, resources=resources)
    return write_text(finish_page(body, job.title), target)  # type: ignore[attr-defined]


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
