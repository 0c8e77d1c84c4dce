"""Rendering a period: notebook → HTML without code (our template), and the index page.

Every value we put into a page is escaped: the nbconvert template escapes what it injects (`|e`), and
index.html is a Jinja2 template rendered with autoescape on. Pages are written through `merit_lib.data.sink`.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import nbformat
import pandas as pd

from merit_lib.data.sink import write_text

TEMPLATES = Path(__file__).resolve().parent / "templates"
_local = threading.local()

_TXT = {
    "id": {"period": "Periode", "fingerprint": "Sidik jari data", "generated": "Dibuat", "index": "Beranda",
           "province": "Provinsi", "audit": "Audit keadilan",
           "footer": "Merit workbook · angka agregat; sel < 5 orang disembunyikan; tanpa nama dan NIP. "
                     "Jejak audit: manifest.json dan notebooks/.",
           "title": "Laporan Kepatuhan Meritokrasi ASN Provinsi Banten", "opd_list": "Laporan per OPD",
           "failed": "Gagal dibuat", "headline": "Angka utama", "n_pegawai": "pegawai dianalisis",
           "n_promosi": "promosi dalam periode", "flags": "temuan disparitas", "opd": "OPD", "index_col": "Indeks",
           "category": "Kategori", "ci": "Rentang 95%", "tables": "Tabel", "status": "status"},
    "en": {"period": "Period", "fingerprint": "Data fingerprint", "generated": "Generated", "index": "Home",
           "province": "Province", "audit": "Fairness audit",
           "footer": "Merit workbook · aggregate figures; cells < 5 persons suppressed; no names or NIPs. "
                     "Audit trail: manifest.json and notebooks/.",
           "title": "ASN Meritocracy Compliance Report, Banten Province", "opd_list": "Reports per OPD",
           "failed": "Failed", "headline": "Headline figures", "n_pegawai": "staff analysed",
           "n_promosi": "promotions in the period", "flags": "disparity findings", "opd": "OPD", "index_col": "Index",
           "category": "Category", "ci": "95% range", "tables": "Tables", "status": "status"},
}


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


def page_resources(title: str, meta: dict, lang: str, opd: str | None = None, depth: int = 0) -> dict:
    """What the template prints on every page."""
    t = _TXT[lang]
    return {"merit": {"title": title, "period": meta["period"], "opd": opd, "fingerprint": meta["fingerprint"],
                      "generated": dt.datetime.now().strftime("%Y-%m-%d %H:%M"), "nav": _nav(depth, lang),
                      "period_label": t["period"], "fingerprint_label": t["fingerprint"],
                      "generated_label": t["generated"], "footer": t["footer"]}}


def render_notebook(executed: Path, target: Path, job: object, meta: dict, lang: str) -> Path:
    """An executed notebook → one self-contained HTML page (images embedded, no code)."""
    nb = nbformat.read(executed, as_version=4)
    depth = job.name.count("/")  # type: ignore[attr-defined]
    body, _ = _exporter().from_notebook_node(nb, resources=page_resources(job.title, meta, lang, job.opd, depth))  # type: ignore[attr-defined]
    return write_text(body, target)


def _site():
    """The Jinja2 environment of our own pages: autoescape on, unknown names an error."""
    if not hasattr(_local, "site"):
        import jinja2

        _local.site = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES / "site")), autoescape=True,
                                         undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    return _local.site


def _number(x: object, fmt: str = ".0f") -> str:
    return "–" if x is None or pd.isna(x) else format(x, fmt)


def index_rows(jobs: list, results: list, comp: pd.DataFrame) -> list[dict]:
    """One row per OPD page of the run: code, name, link (None when the page failed), index, its range, category."""
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
                     "index": _number(r["index"]) if r is not None else "–",
                     "ci": (f"{_number(r['index_ci_low'])}–{_number(r['index_ci_high'])}"
                            if r is not None and pd.notna(r["index_ci_low"]) else "–"),
                     "category": str(r["category"]) if r is not None else "–"})
    return rows


def render_index(stage: Path, jobs: list, results: list, meta: dict, lang: str) -> Path:
    """index.html: headline figures, links to every page, failures named (Jinja2, autoescaped)."""
    t = _TXT[lang]
    status = {r.name: r for r in results}
    comp = pd.read_csv(stage / "tables" / "compliance.csv", dtype={"opd_kode": str})
    findings = pd.read_csv(stage / "tables" / "findings.csv", dtype={"scope": str})
    res = page_resources(t["title"], meta, lang)["merit"]
    top = [{"title": j.title, "href": f"{j.name}.html" if status[j.name].status == "ok" else None}
           for j in jobs if j.opd is None]
    page = _site().get_template("index.html.j2").render(
        lang=lang, t=t, meta=meta, generated=res["generated"], nav=res["nav"],
        n_pegawai=f"{meta['n_pegawai']:,}", n_promosi=f"{meta['n_promosi']:,}",
        n_flags=int((findings["flag"] == "disparity").sum()), top=top,
        failed=[r for r in results if r.status != "ok"], rows=index_rows(jobs, results, comp),
        tables=("compliance", "findings", "model_coefficients", "validation"))
    return write_text(page, stage / "index.html")
