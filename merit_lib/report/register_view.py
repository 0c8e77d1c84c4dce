"""What the pages show of the register: an OPD's open findings in words, the province's follow-up rates and its oldest
open findings. Everything is read from the period's published `tables/register.csv` (report.temuan), so a page shows
the register exactly as the period folder publishes it; every text is escaped HTML, every word the catalogue's.

An open finding reads, e.g., "Keadilan promosi — Jenis kelamin: Perempuan: disparitas, lebih rendah dibanding
Laki-laki (odds ratio disesuaikan 0,39; 95 % 0,25–0,61). Berulang sejak Triwulan III 2025 (3 triwulan) — tanggapan OPD:
setuju; tindakan: …; tindak lanjut: dalam proses, batas 31 Maret 2026".
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pandas as pd

from merit_lib.data.register import ALL, follow_up_rates
from merit_lib.data.sink import restore
from merit_lib.domain import codes, followup, language, text
from merit_lib.domain.period import Period

#: how many of the oldest open findings the province page lists
OLDEST = 10


def load(tables_dir: Path | str | None) -> pd.DataFrame | None:
    """The period's published register (None when the tables were computed without one)."""
    if not tables_dir:
        return None
    path = Path(tables_dir) / "register.csv"
    if not path.is_file():
        return None
    reg = pd.read_csv(path, dtype={"scope": str, "kode": str, "group": str, "reference_group": str, "attribute": str},
                      keep_default_na=False, na_values=[""])
    for c in ("action", "opd_nama", "group", "reference_group"):     # texts as the auditor wrote them (data.sink)
        if c in reg:
            reg[c] = reg[c].map(restore, na_action="ignore")
    return reg


def _num(x: object, lang: str, decimals: int = 2) -> str:
    return "–" if x is None or pd.isna(x) else language.number(x, lang, decimals)


def _pct(x: object, lang: str) -> str:
    return "–" if x is None or pd.isna(x) else language.percent(float(x), lang, 0)


def title(row: pd.Series, lang: str = "id") -> str:
    """What the finding is about, in a few words."""
    kind = row["kind"]
    if kind == codes.KIND_FAIRNESS:
        return text.t("register.title_fairness", lang, attribute=text.attribute_label(str(row["attribute"]), lang),
                      group=text.group_label(str(row["attribute"]), row["group"], lang))
    if kind == codes.KIND_COMPONENT:
        return text.t("register.title_component", lang, component=text.t(f"comp_{row['rule']}", lang))
    return text.t(f"register.rule_{row['rule']}", lang)


def detail(row: pd.Series, lang: str = "id") -> str:
    """The latest evidence in words (the numbers as published)."""
    kind = row["kind"]
    if kind == codes.KIND_FAIRNESS:
        ref = text.group_label(str(row["attribute"]), row["reference_group"], lang) if pd.notna(row["reference_group"]) \
            else "–"
        head = text.t("register.detail_fairness", lang, verdict=text.flag_label(str(row["verdict"]), lang),
                      direction=text.DIRECTION_LABELS.get(str(row["direction"]), {}).get(lang, "–"), reference=ref)
        if pd.notna(row["adjusted_odds_ratio"]):
            return head + text.t("register.detail_aor", lang, aor=_num(row["adjusted_odds_ratio"], lang),
                                 low=_num(row["aor_ci_low"], lang), high=_num(row["aor_ci_high"], lang))
        if pd.notna(row["impact_ratio"]):
            return head + text.t("register.detail_impact", lang, ratio=_num(row["impact_ratio"], lang))
        return head
    if kind == codes.KIND_COMPONENT:
        return text.t("register.detail_component", lang, share=_pct(row["share_komponen"], lang),
                      limit=_pct(row["share_batas"], lang))
    if kind == codes.KIND_TIER:
        return text.t("register.detail_tier", lang, index=_num(row["index"], lang, 0), low=_num(row["index_ci_low"], lang, 0),
                      high=_num(row["index_ci_high"], lang, 0), average=_num(row["index_provinsi"], lang, 0))
    return text.t(f"register.detail_{row['rule']}", lang, n=_num(row["n_kasus"], lang, 0))


def status_phrase(row: pd.Series, lang: str = "id") -> str:
    """Where the finding stands in the period: new, recurring since a period (with its age), or no longer seen."""
    fields = {"since": language.period_label(row["since"], lang), "age": language.number(row["age_quarters"], lang),
              "last": language.period_label(row["last_seen"], lang),
              "seen": language.number(row["periods_seen"], lang)}
    return text.t(f"register.status_{row['status']}", lang, **fields)


def follow_phrase(row: pd.Series, period: str, lang: str = "id") -> str:
    """The OPD's response, the action agreed and the follow-up status with its deadline (a date in words)."""
    parts = []
    if pd.notna(row["response"]) and row["response"]:
        parts.append(text.t("register.said_response", lang, response=followup.label("response", row["response"], lang)))
    if pd.notna(row["action"]) and row["action"]:
        parts.append(text.t("register.said_action", lang, action=str(row["action"])))
    status = followup.label("follow_up", row["follow_up"], lang, short=True)
    if pd.notna(row["deadline"]) and row["deadline"]:
        day = dt.date.fromisoformat(str(row["deadline"])[:10])
        late = day < Period.parse(period).end.date() and row["follow_up"] not in codes.FOLLOW_CLOSED
        parts.append(text.t("register.said_follow_deadline", lang, status=status, date=language.date(day, lang))
                     + (text.t("register.said_late", lang) if late else ""))
    else:
        parts.append(text.t("register.said_follow", lang, status=status))
    return "; ".join(parts)


def sentence(row: pd.Series, period: str, lang: str = "id") -> str:
    """One finding in one line (plain text): what, its evidence, where it stands — its follow-up."""
    return f"{title(row, lang)}: {detail(row, lang)}. {status_phrase(row, lang)} — {follow_phrase(row, period, lang)}"


def opd_section(tables_dir: Path | str | None, opd_kode: str, period: str, lang: str = "id") -> str:
    """An OPD page's section (HTML): its open findings, oldest first, each in one line with its code; then how many
    of its findings are closed."""
    e = html.escape
    reg = load(tables_dir)
    head = f"<p>{e(text.t('register.opd_lead', lang))}</p>"
    if reg is None:
        return head + f"<p>{e(text.t('register.none_here', lang))}</p>"
    mine = reg[reg["scope"].astype(str) == str(opd_kode)]
    open_ = mine[mine["open"].astype(str).str.lower() == "true"]
    closed = len(mine) - len(open_)
    if open_.empty:
        body = f"<p>{e(text.t('register.opd_none_open', lang))}</p>"
    else:
        items = "".join(f'<li><span class="merit-code">{e(str(r["kode"]))}</span> {e(sentence(r, period, lang))}</li>'
                        for _, r in open_.iterrows())
        body = f'<ul class="merit-register">{items}</ul>'
    if closed:
        body += f"<p>{e(text.t('register.opd_closed', lang, n=language.number(closed, lang)))}</p>"
    return head + body


def scope_name(scope: object, names: dict[str, str], lang: str = "id") -> str:
    """A scope for a reader: the OPD's name (its code when the period has none), the province, or every finding."""
    if scope == ALL:
        return text.t("register.all", lang)
    if scope == codes.PROVINCE:
        return text.t("register.province", lang)
    return names.get(str(scope), str(scope))


def rate_table(reg: pd.DataFrame, names: dict[str, str], lang: str = "id") -> pd.DataFrame:
    """The follow-up rate by OPD for reading (province first): findings, each category, open, rate."""
    rates = follow_up_rates(reg)
    order = [0 if s == ALL else 1 if s == codes.PROVINCE else 2 for s in rates["scope"]]
    rates = rates.assign(_o=order, _n=[scope_name(s, names, lang) for s in rates["scope"]]) \
        .sort_values(["_o", "_n"], kind="stable").drop(columns=["_o", "_n"])
    out = pd.DataFrame({text.t("opd", lang): [scope_name(s, names, lang) for s in rates["scope"]],
                        text.t("register.col_findings", lang): [language.number(v, lang) for v in rates["n_temuan"]]})
    for code in codes.FOLLOW_UPS:
        out[followup.label("follow_up", code, lang, short=True)] = [language.number(v, lang) for v in rates[f"n_{code}"]]
    out[text.t("register.col_open", lang)] = [language.number(v, lang) for v in rates["n_terbuka"]]
    out[text.t("register.col_rate", lang)] = [_pct(v, lang) for v in rates["rate_tindak_lanjut"]]
    return out


def oldest_table(reg: pd.DataFrame, names: dict[str, str], period: str, lang: str = "id", n: int = OLDEST
                 ) -> pd.DataFrame:
    """The `n` oldest open findings for reading: code, OPD, what, since, age, follow-up."""
    open_ = reg[reg["open"].astype(str).str.lower() == "true"]
    open_ = open_.sort_values(["first_seen", "kode"], kind="stable").head(n)
    return pd.DataFrame({
        text.t("register.col_code", lang): open_["kode"].astype(str).tolist(),
        text.t("opd", lang): [scope_name(s, names, lang) for s in open_["scope"]],
        text.t("register.col_what", lang): [f"{title(r, lang)}: {detail(r, lang)}" for _, r in open_.iterrows()],
        text.t("register.col_since", lang): [language.period_label(p, lang) for p in open_["first_seen"]],
        text.t("register.col_age", lang): [language.number(v, lang) for v in open_["age_quarters"]],
        text.t("register.col_follow", lang): [follow_phrase(r, period, lang) for _, r in open_.iterrows()]})


def province_section(tables_dir: Path | str | None, period: str, names: dict[str, str], lang: str = "id") -> str:
    """The province page's section (HTML): the follow-up rate by OPD, then the oldest open findings."""
    from merit_lib.report.views import html_table

    e = html.escape
    reg = load(tables_dir)
    lead = f"<p>{e(text.t('register.prov_lead', lang, period=language.period_label(period, lang)))}</p>"
    if reg is None:
        return lead + f"<p>{e(text.t('register.none_here', lang))}</p>"
    if reg.empty:
        return lead + f"<p>{e(text.t('register.prov_empty', lang))}</p>"
    out = [lead, html_table(rate_table(reg, names, lang), text.t("register.rate_caption", lang))]
    oldest = oldest_table(reg, names, period, lang)
    if oldest.empty:
        out.append(f"<p>{e(text.t('register.prov_none_open', lang))}</p>")
    else:
        out.append(html_table(oldest, text.t("register.oldest_caption", lang, n=len(oldest)), wide=True))
    return "\n".join(out)
