"""Page views of the appointment figures: rotations on the OPD and province pages, the pelantikan's published form.

The pages (notebooks 10 and 11) call `rotation_section(compliance, code or None, lang)`. Every figure is read through
the disclosure door; hidden numbers read "< 5".
"""

from __future__ import annotations

import html

import pandas as pd

from merit_lib.domain import language, text
from merit_lib.report import privacy

ROTATION_COLUMNS = ("opd_kode", "opd_nama", "n_rotasi", "n_mutasi", "share_rotasi_memenuhi_syarat", "n_perlu_alasan",
                    "n_melewati_5_tahun")


def _header(column: str, lang: str) -> str:
    return text.column(column, lang)


def _share(row: pd.Series, hidden: bool, lang: str) -> str:
    if hidden:
        return privacy.SHOWN
    if pd.isna(row.get("share_rotasi_memenuhi_syarat")):
        return "–"
    lo, hi = row.get("share_rotasi_memenuhi_syarat_ci_low"), row.get("share_rotasi_memenuhi_syarat_ci_high")
    return (f"{language.percent(row['share_rotasi_memenuhi_syarat'], lang, 0)} "
            f"({language.percent(lo, lang, 0)}–{language.percent(hi, lang, 0)})")


def rotation_view(compliance: pd.DataFrame, opd: str | None = None, lang: str = "id") -> pd.DataFrame:
    """Rotations per OPD (all OPDs with a move, or the one `opd`), readable headers, hidden shares "< 5"."""
    pub = privacy.publish("compliance", compliance).reset_index(drop=True)
    if "n_rotasi" not in pub:
        return pd.DataFrame(columns=[_header(c, lang) for c in ROTATION_COLUMNS])
    hid = privacy.hidden(pub, "compliance")
    keep = (pub["opd_kode"] == opd) if opd is not None else (pub["n_rotasi"] > 0) | (pub["n_melewati_5_tahun"] > 0)
    rows = []
    for i in pub.index[keep.to_numpy()]:
        r = pub.loc[i]
        rows.append({"opd_kode": r["opd_kode"], "opd_nama": r.get("opd_nama"), "n_rotasi": int(r["n_rotasi"]),
                     "n_mutasi": int(r["n_mutasi"]),
                     "share_rotasi_memenuhi_syarat": _share(r, bool(hid.at[i, "share_rotasi_memenuhi_syarat"]), lang),
                     "n_perlu_alasan": int(r["n_perlu_alasan"]), "n_melewati_5_tahun": int(r["n_melewati_5_tahun"])})
    out = pd.DataFrame(rows, columns=list(ROTATION_COLUMNS))
    return out.rename(columns={c: _header(c, lang) for c in ROTATION_COLUMNS})


def rotation_text(row: pd.Series, lang: str = "id") -> str:
    """One sentence for an OPD page from its compliance row (hidden share not told)."""
    if "n_rotasi" not in row or (int(row["n_rotasi"]) == 0 and int(row.get("n_melewati_5_tahun", 0)) == 0):
        return text.t("appt.rot_none", lang)
    hid = privacy.hidden(row.to_frame().T.reset_index(drop=True), "compliance").iloc[0]
    share = _share(row, bool(hid.get("share_rotasi_memenuhi_syarat", False)) and pd.isna(row["share_rotasi_memenuhi_syarat"]),
                   lang)
    return text.t("appt.rot_text", lang, n=int(row["n_rotasi"]), m=int(row["n_mutasi"]), share=share,
             pa=int(row["n_perlu_alasan"]), lima=int(row["n_melewati_5_tahun"]))


def pelantikan_view(published: dict[str, pd.DataFrame], lang: str = "id") -> dict[str, pd.DataFrame]:
    """The published pelantikan tables for a page: hidden counts "< 5", no reason column."""
    out = {"ringkasan": published["ringkasan"]}
    for name in ("penilaian", "keadilan"):
        tab = published[name]
        shown = tab.astype(object)
        shown.loc[tab["n"].isna().to_numpy(), "n"] = privacy.SHOWN
        shown = shown[(tab["n"].isna() | (tab["n"] > 0)).to_numpy()]
        out[name] = shown.drop(columns=[privacy.REASON], errors="ignore").reset_index(drop=True)
    return out


def rotation_section(compliance: pd.DataFrame, opd: str | None = None, lang: str = "id") -> str:
    """The rotations section of a page (HTML): a sentence for the OPD (`opd`) and its table, or the province table."""
    from merit_lib.report.views import html_table

    table = rotation_view(compliance, opd, lang)
    if opd is not None:
        row = compliance.loc[compliance["opd_kode"] == opd].iloc[0]
        lead = rotation_text(row, lang)
    else:
        lead = "" if len(table) else text.t("appt.rot_none", lang)
    return (f"<p>{html.escape(lead)}</p>" if lead else "") + (html_table(table) if len(table) else "")
