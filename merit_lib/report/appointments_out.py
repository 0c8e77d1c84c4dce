"""Writing the appointment outputs: the pelantikan's published and internal forms, the shortlist file.

Published forms pass the disclosure door (`privacy.publish`); person-level forms carry a first line saying they are
restricted and are written 0600 (`data.sink`, `private=True`). Where they may go (never into a period folder or an
input) is checked once at the command's door (`report.targets.claim`), with the names `pelantikan_files` gives.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from merit_lib.analysis.kandidat import Shortlist
from merit_lib.analysis.pelantikan import Pelantikan
from merit_lib.data.sink import inside, neutralise_frame, safe_name, write_csv, write_text
from merit_lib.domain.text import t
from merit_lib.report import privacy

PUBLISHED = ("ringkasan", "penilaian", "keadilan")     # the published form's tables, one CSV each


def internal_folder(out: Path | str) -> Path:
    """The pelantikan's restricted folder beside `out`: `<out>.internal/`."""
    out = Path(out).expanduser().resolve()
    return out.parent / f"{out.name}.internal"


def pelantikan_files(date: pd.Timestamp) -> tuple[tuple[str, ...], str]:
    """The file names of one pelantikan's forms: the published CSVs (into `--out`) and the per-appointment one."""
    stem = f"pelantikan_{pd.Timestamp(date).date()}"
    return tuple(safe_name(f"{stem}_{name}.csv") for name in PUBLISHED), safe_name(f"{stem}_per_pengangkatan.csv")


def write_restricted(table: pd.DataFrame, path: Path | str, lang: str = "id") -> Path:
    """A person-level CSV whose first line says it is restricted (RAHASIA), written 0600 (its new folders 0700)."""
    head = f"# {t('appt.restricted', 'id')} / {t('appt.restricted', 'en')}\n" if lang == "id" else \
        f"# {t('appt.restricted', 'en')} / {t('appt.restricted', 'id')}\n"
    return write_text(head + neutralise_frame(table).to_csv(index=False), path, private=True)


def publish_by(name: str, table: pd.DataFrame, part: str) -> pd.DataFrame:
    """`privacy.publish(name, …)` one breakdown (`part` value) at a time, stacked."""
    if table.empty:
        return table.assign(**{privacy.REASON: pd.Series(dtype="string")})
    pieces = [privacy.publish(name, g.drop(columns=part)).assign(**{part: k}) for k, g in table.groupby(part, sort=False)]
    out = pd.concat(pieces, ignore_index=True)
    return out[[part, *[c for c in out.columns if c != part]]]


def published_pelantikan(p: Pelantikan) -> dict[str, pd.DataFrame]:
    """The published form: appointments per kind and level, the assessment and fairness counts through the door."""
    return {"ringkasan": p.summary(), "penilaian": publish_by("pelantikan", p.assessment(), "ukuran"),
            "keadilan": publish_by("pelantikan_keadilan", p.fairness(), "atribut")}


def write_pelantikan(p: Pelantikan, out: Path | str, lang: str = "id") -> dict[str, Path]:
    """Published CSVs into `out`; the per-appointment form into `<out>.internal/` (RAHASIA)."""
    out = Path(out).expanduser().resolve()
    published, internal = pelantikan_files(p.date)
    paths = {name: write_csv(table, inside(out, file))
             for (name, table), file in zip(published_pelantikan(p).items(), published)}
    person = p.appointments[[c for c in ("nip", "nama", "jenis_mutasi", "level_tujuan", "eselon_baru", "opd_kode_awal",
                                         "opd_kode_baru", "jabatan_baru", "hasil", "memenuhi_syarat", "syarat_gagal",
                                         "syarat_tidak_diketahui", "kotak", "talent_pool", "kesiapan",
                                         "n_lebih_siap_terlewati") if c in p.appointments]]
    paths["internal"] = write_restricted(person, inside(internal_folder(out), internal), lang)
    return paths


def write_shortlist(s: Shortlist, path: Path | str, lang: str = "id") -> Path:
    """The shortlist (eligible, ranked; then those missing one check, marked) into the one file asked for."""
    table = pd.concat([s.eligible.assign(daftar=t("appt.eligible", lang)), s.near_miss.assign(daftar=t("appt.near_miss", lang))],
                      ignore_index=True)
    table = table[["daftar", *[c for c in table.columns if c != "daftar"]]]
    return write_restricted(table, path, lang)
