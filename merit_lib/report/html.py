"""Rendering a period: notebook → HTML without code (our template), and the index page."""

from __future__ import annotations

import datetime as dt
import html
import threading
from pathlib import Path

import nbformat
import pandas as pd

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
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    return target


def render_index(stage: Path, jobs: list, results: list, meta: dict, lang: str) -> Path:
    """index.html: headline figures, links to every page, failures named."""
    t = _TXT[lang]
    status = {r.name: r for r in results}
    comp = pd.read_csv(stage / "tables" / "compliance.csv", dtype={"opd_kode": str})
    findings = pd.read_csv(stage / "tables" / "findings.csv", dtype={"scope": str})
    n_flags = int((findings["flag"] == "disparity").sum())
    rows = []
    for job in jobs:
        if job.opd is None:
            continue
        r = comp[comp["opd_kode"] == job.opd]
        res = status.get(job.name)
        link = (f'<a href="{job.name}.html">{html.escape(str(r["opd_nama"].iloc[0]) if len(r) else job.opd)}</a>'
                if res and res.status == "ok" else f'{html.escape(job.opd)} — <b>{t["failed"]}</b>')
        idx = f'{r["index"].iloc[0]:.0f}' if len(r) and pd.notna(r["index"].iloc[0]) else "–"
        ci = (f'{r["index_ci_low"].iloc[0]:.0f}–{r["index_ci_high"].iloc[0]:.0f}' if len(r) and pd.notna(r["index_ci_low"].iloc[0])
              else "–")
        cat = html.escape(str(r["category"].iloc[0])) if len(r) else "–"
        rows.append(f"<tr><td>{html.escape(job.opd)}</td><td>{link}</td><td>{idx}</td><td>{ci}</td><td>{cat}</td></tr>")
    failed = [r for r in results if r.status != "ok"]
    fail_html = ""
    if failed:
        items = "".join(f"<li><code>{html.escape(r.name)}</code>: {html.escape(r.error or '')}</li>" for r in failed)
        fail_html = f'<h2>{t["failed"]}</h2><ul>{items}</ul>'
    top = "".join(f'<li><a href="{j.name}.html">{html.escape(j.title)}</a></li>' if status[j.name].status == "ok"
                  else f'<li>{html.escape(j.title)} — <b>{t["failed"]}</b></li>' for j in jobs if j.opd is None)
    res = page_resources(t["title"], meta, lang)["merit"]
    nav = "".join(f'<a href="{h}">{html.escape(label)}</a>' for label, h in res["nav"])
    page = f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(t["title"])} {meta["period"]}</title>
<style>body{{max-width:1100px;margin:0 auto;font-family:"Segoe UI",Roboto,Helvetica,Arial,sans-serif;padding:0 8px}}
header{{border-bottom:3px solid #1f6f8b;padding:12px 0 8px}} h1{{font-size:1.5em;color:#163d4d;margin:0 0 4px}}
.meta{{color:#555;font-size:.85em}} nav a{{margin-right:14px;color:#1f6f8b}} table{{border-collapse:collapse;font-size:.9em}}
td,th{{border-bottom:1px solid #ddd;padding:4px 10px;text-align:left}} .big{{font-size:1.6em;font-weight:600;color:#163d4d}}
.cards{{display:flex;gap:24px;margin:12px 0}} footer{{border-top:1px solid #ccc;color:#666;font-size:.8em;padding:8px 0;margin-top:24px}}</style>
</head><body><header><h1>{html.escape(t["title"])}</h1><div class="meta">{t["period"]}: <b>{meta["period"]}</b> ·
{t["fingerprint"]}: <code>{meta["fingerprint"]}</code> · {t["generated"]}: {res["generated"]}</div><nav>{nav}</nav></header>
<h2>{t["headline"]}</h2><div class="cards"><div><div class="big">{meta["n_pegawai"]:,}</div>{t["n_pegawai"]}</div>
<div><div class="big">{meta["n_promosi"]:,}</div>{t["n_promosi"]}</div><div><div class="big">{n_flags}</div>{t["flags"]}</div></div>
<ul>{top}</ul>{fail_html}
<h2>{t["opd_list"]}</h2><table><tr><th>kode</th><th>{t["opd"]}</th><th>{t["index_col"]}</th><th>{t["ci"]}</th><th>{t["category"]}</th></tr>
{"".join(rows)}</table>
<h2>{t["tables"]}</h2><ul><li><a href="ringkasan.xlsx">ringkasan.xlsx</a></li>
{"".join(f'<li><a href="tables/{n}.csv">tables/{n}.csv</a></li>' for n in ("compliance", "findings", "model_coefficients", "validation"))}
<li><a href="manifest.json">manifest.json</a></li></ul>
<footer>{t["footer"]}</footer></body></html>"""
    path = stage / "index.html"
    path.write_text(page, encoding="utf-8")
    return path
