"""The 9-box talent map, the talent pool and each person's readiness for promotion, with reasons.

Performance axis (PermenPANRB 3/2020 with the SKP predicates of PermenPANRB 6/2022): the latest SKP
year before the period — `Sangat Baik` di atas ekspektasi, `Baik` sesuai, anything lower di bawah.
Potential axis: the regulation names three levels but no numbers. By default we cut `skor_potensi`
at 45 and 60 (an assumption, a parameter); `potential_source="jpm"` uses the BKN JPM categories
instead (Kurang Optimal < 78 % = rendah, Cukup Optimal = menengah, Optimal ≥ 90 % = tinggi).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from merit_lib.domain import rules as R

READY_NOW, READY_DEV, NOT_READY, NOT_APPLICABLE = "Siap sekarang", "Siap dengan pengembangan", "Belum siap", "Tidak berlaku"
READINESS: tuple[str, ...] = (READY_NOW, READY_DEV, NOT_READY)
POTENTIAL_LABELS = ("rendah", "menengah", "tinggi")
PERFORMANCE_LABELS = ("di bawah ekspektasi", "sesuai ekspektasi", "di atas ekspektasi")


@dataclass(frozen=True)
class Thresholds:
    """Cut points of the potential axis: `skor_potensi` below `low` is rendah, at or above `high` is tinggi."""

    low: float = 45.0
    high: float = 60.0
    potential_source: str = "skor_potensi"   # or "jpm"
    jpm_low: float = 78.0
    jpm_high: float = 90.0


DEFAULT = Thresholds()


def potential_level(frame: pd.DataFrame, th: Thresholds = DEFAULT) -> pd.Series:
    """0 rendah, 1 menengah, 2 tinggi (NaN when not assessed)."""
    if th.potential_source == "jpm":
        x, lo, hi = frame["jpm"], th.jpm_low, th.jpm_high
    else:
        x, lo, hi = frame["skor_potensi"], th.low, th.high
    out = pd.Series(np.select([x >= hi, x >= lo], [2.0, 1.0], 0.0), index=frame.index)
    return out.where(x.notna())


def performance_level(frame: pd.DataFrame) -> pd.Series:
    """0 di bawah, 1 sesuai, 2 di atas ekspektasi, from the latest SKP year (the one before if missing)."""
    return frame["skp_level_1"].fillna(frame["skp_level_2"]).astype(float)


def nine_box(frame: pd.DataFrame, th: Thresholds = DEFAULT) -> pd.DataFrame:
    """Potential and performance levels, box 1–9 (NA when either axis is missing) and talent-pool membership."""
    pot = potential_level(frame, th)
    perf = performance_level(frame)
    key = perf * 3 + pot
    lookup = {k * 3 + p: box for (k, p), box in R.NINE_BOX.items()}
    box = key.map(lookup).astype("Int64")
    out = pd.DataFrame({"potensi_level": pot, "kinerja_level": perf, "kotak": box}, index=frame.index)
    out["talent_pool"] = box.isin(list(R.TALENT_POOL)).fillna(False).astype(bool)
    return out


def readiness(frame: pd.DataFrame, th: Thresholds = DEFAULT, lang: str = "id") -> pd.DataFrame:
    """The 9-box plus a readiness category per person and the reasons for it.

    `Siap sekarang`: in the talent pool and every requirement met. `Siap dengan pengembangan`: in the
    pool but a requirement is failed or unknown, or in boxes 4–6 with no requirement failed.
    `Belum siap`: the rest. `Tidak berlaku`: no higher level to aim at (JPT) or level unknown.
    """
    box = nine_box(frame, th)
    eligible = frame["memenuhi_syarat"].fillna(False).astype(bool)
    failed = frame["syarat_gagal"].fillna("")
    unknown = frame["syarat_tidak_diketahui"].fillna("")
    applicable = frame["level_awal"].isin(list(R.TARGET))
    pool = box["talent_pool"]
    middle = box["kotak"].isin([4, 5, 6]).fillna(False).astype(bool)
    cat = np.select([~applicable, pool & eligible, pool | (middle & (failed == ""))],
                    [NOT_APPLICABLE, READY_NOW, READY_DEV], NOT_READY)
    out = box.copy()
    out["kesiapan"] = pd.Series(cat, index=frame.index, dtype="string")
    out["alasan"] = _reasons(box, failed, unknown, lang).where(applicable, "")
    return out


def _reasons(box: pd.DataFrame, failed: pd.Series, unknown: pd.Series, lang: str) -> pd.Series:
    """A short plain-language reason per person (vectorized string building)."""
    en = lang == "en"
    no_box = box["kotak"].isna()
    pool_txt = np.where(no_box, "no 9-box (assessment or SKP missing)" if en else "belum ada 9-box (asesmen atau SKP kosong)",
                        np.where(box["talent_pool"], "",
                                 ("outside the talent pool (box " if en else "di luar talent pool (kotak ")
                                 + box["kotak"].astype("string").fillna("") + ")"))
    fail_txt, unk_txt = failed.astype("string"), unknown.astype("string")
    for c in R.CHECKS:  # plain substring replacement: a regex dict replace is ten times slower at a million rows
        fail_txt = fail_txt.str.replace(c, R.CHECK_LABELS[c]["en" if en else "id"], regex=False)
        unk_txt = unk_txt.str.replace(c, R.CHECK_LABELS[c]["en" if en else "id"], regex=False)
    parts = pd.DataFrame({
        "pool": pool_txt,
        "fail": np.where(fail_txt != "", ("fails: " if en else "tidak memenuhi: ") + fail_txt, ""),
        "unk": np.where(unk_txt != "", ("no data: " if en else "data kurang: ") + unk_txt, ""),
    }, index=box.index)
    joined = parts["pool"] + "; " + parts["fail"] + "; " + parts["unk"]
    return joined.str.replace(r"(; )+", "; ", regex=True).str.strip("; ").astype("string")
