"""Writing the appointment outputs: the pelantikan's published and internal forms, the shortlist file.

Published forms pass the disclosure door (`privacy.publish`); person-level forms carry a first line saying they are
restricted and are never written inside a period report folder (`report.output.read_manifest` knows one: ours carry a
merit_lib manifest). Every file goes through `data.sink`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from merit_lib.analysis.kandidat import Shortlist
from merit_lib.analysis.pelantikan import Pelantikan
from merit_lib.data.sink import inside, neutralise_frame, safe_name, write_csv, write_text
from merit_lib.domain.errors import OutputError
from merit_lib.domain.text import t
from merit_lib.report import privacy
from merit_lib.report.output import read_manifest


def period_folder_of(path: Path | str) -> Path | None:
    """The period report folder (ours: a merit_lib manifest) that `path` is or lies in, else None."""
    p = Path(path).expanduser().resolve()
    for folder in (p, *p.parents):
        if folder.is_dir() and read_manifest(folder) is not None:
            return folder
    return None


def refuse_period_folder(path: Path | str, option: str) -> None:
    """An OutputError when `path` is or lies inside a period report folder."""
    folder = period_folder_of(path)
    if folder is not None:
        fields = {"option": option, "path": path, "folder": folder}
        raise OutputError(t("appt.refuse_period", "id", **fields), en=t("appt.refuse_period", "en", **fields))


def write_restricted(table: pd.DataFrame, path: Path | str, lang: str = "id") -> Path:
    """A person-level CSV whose first line says it is restricted (RAHASIA); refused inside a period folder."""
    refuse_period_folder(path, "--out")
    head = f"# {t('appt.restricted', 'id')} / {t('appt.restricted', 'en')}\n" if lang == "id" else \
        f"# {t('appt.restricted', 'en')} / {t('appt.restricted', 'id')}\n"
    return write_text(head + neutralise_frame(table).to_csv(index=False), path)


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
    """Published CSVs into `out`; the per-appointment form into `<out>.internal/` (RAHASIA). Refused in a period folder."""
    out = Path(out).expanduser().resolve()
    refuse_period_folder(out, "--out")
    internal = out.parent / f"{out.name}.internal"
    stem = f"pelantikan_{p.date.date()}"
    paths = {name: write_csv(table, inside(out, safe_name(f"{stem}_{name}.csv")))
             for name, table in published_pelantikan(p).items()}
    person = p.appointments[[c for c in ("nip", "nama", "jenis_mutasi", "level_tujuan", "eselon_baru", "opd_kode_awal",
                                         "opd_kode_baru", "jabatan_baru", "hasil", "memenuhi_syarat", "syarat_gagal",
                                         "syarat_tidak_diketahui", "kotak", "talent_pool", "kesiapan",
                                         "n_lebih_siap_terlewati") if c in p.appointments]]
    paths["internal"] = write_restricted(person, inside(internal, safe_name(f"{stem}_per_pengangkatan.csv")), lang)
    return paths


def write_shortlist(s: Shortlist, path: Path | str, lang: str = "id") -> Path:
    """The shortlist (eligible, ranked; then those missing one check, marked) into the one file asked for."""
    table = pd.concat([s.eligible.assign(daftar=t("appt.eligible", lang)), s.near_miss.assign(daftar=t("appt.near_miss", lang))],
                      ignore_index=True)
    table = table[["daftar", *[c for c in table.columns if c != "daftar"]]]
    return write_restricted(table, path, lang)
