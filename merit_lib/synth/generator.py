"""A synthetic extract that looks like Pemprov Banten's, with known effects planted.

Facts reproduced from the seed articles: 3,236 profiled ASN, of whom 936 in 10 waves on 17–21 Nov
2025 and the rest earlier; 10 eselon II officials installed on 26 Jan 2026, some by promotion and
some by rotation; eselon III and IV filled after that.

Everything else is an ASSUMPTION of this generator, not a fact about Banten (also in data/README.md):
- OPD sizes, functional shares and shares of women as in `merit_lib.synth.opd`; 8 % of pegawai are not
  yet profiled (`unprofiled`); PPPK are 20 % in education and hospitals, 8 % elsewhere.
- Competency: a latent ability drives the 9 competency levels (integers 1–5); `kompetensi` is their
  mean. Kinerja: a latent performance, correlated 0.4 with ability, gives each year's SKP level
  (0 = di bawah, 1 = Baik, 2 = Sangat Baik); `kinerja` is the mean of the last two years' levels.
- JPM = 100 × Σ min(level, standard) / Σ standard with standard 3 (4 for Administrators).
- Promotion in the period (logistic, planted): log-odds = level intercept + β_k·(kompetensi − 3)
  + β_p·(kinerja − 1) + golongan, education and service controls + injected disparities. Defaults:
  odds ratio 10 per competency level and 10 per kinerja level — an OPD that follows merit promotes
  mostly from the talent pool (about 3 promotions in 4) and only staff already assessed. An OPD in
  `ignore_merit` drops the merit terms and the assessment requirement; its intercept is calibrated
  separately so it promotes at the same rate. Administrators reach JPT only through the 10 eselon II
  installations, drawn with the same weights.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from merit_lib.domain import contract as C
from merit_lib.domain.period import Period, Window
from merit_lib.domain.rules import golongan_rank
from merit_lib.synth import history as H
from merit_lib.synth.history import TITLES
from merit_lib.synth.opd import opd_table

LEVELS = ("Fungsional", "Pelaksana", "Pengawas", "Administrator", "JPT Pratama")
EDU_RANK = {e: i for i, e in enumerate(C.PENDIDIKAN)}
PNS_ENTRY_GOL = {"SMA": "II/a", "D1": "II/a", "D2": "II/b", "D3": "II/c", "D4": "III/a", "S1": "III/a",
                 "S2": "III/b", "S3": "III/c", "SD": "I/a", "SMP": "I/c"}
PPPK_GOL = {"SMA": "V", "D1": "V", "D2": "VI", "D3": "VII", "D4": "IX", "S1": "IX", "S2": "X", "S3": "XI",
            "SD": "I", "SMP": "IV"}
INSTALLATION_DAY = pd.Timestamp(2026, 1, 26)
#: the first of the ten profiling waves of the seed (17–21 November 2025)
WAVE_DAY = pd.Timestamp(2025, 11, 17)
#: quarters of promotion history the extract holds by default (the period last), and their quarterly promotion rate
#: among those who can rise (ASSUMPTIONS: see `history` and data/README.md)
HISTORY_QUARTERS = 11
QUARTERLY_RATE = 0.06


def _planted(text: str, usage: str, extra: bool = False) -> tuple[str, str, str, float, str | None]:
    """A planted effect as written on the command line, `OPD:attribute:group:number[:extra]`, split and checked: a wrong
    shape, or a number that is not one, is a message that says how to write it (`usage`)."""
    parts = text.split(":")
    if len(parts) not in ((4, 5) if extra else (4,)):
        raise ValueError(f"'{text}': tulis {usage}")
    try:
        value = float(parts[3])
    except ValueError:
        raise ValueError(f"'{text}': '{parts[3]}' bukan angka; tulis {usage}") from None
    return parts[0], parts[1], parts[2], value, parts[4] if len(parts) == 5 else None


@dataclass(frozen=True)
class Disparity:
    """A planted penalty (odds ratio < 1) at equal merit for one group, in one OPD or everywhere (`*`); an odds ratio
    above 1 favours the group (the reference is then the one held back). `quarters` (e.g. `("2024Q3",)`) limits it to
    those quarters of the history: a one-off effect; empty, it holds in every quarter."""

    opd: str
    attribute: str
    group: str
    odds_ratio: float
    quarters: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str) -> Disparity:
        """`OPD:attribute:group:odds_ratio[:quarter,quarter…]`, e.g. `DINKES:jenis_kelamin:P:0.3` or
        `RSUDBTN:jenis_kelamin:P:40:2024Q3`."""
        opd, attribute, group, odds_ratio, extra = _planted(
            text, "OPD:atribut:kelompok:odds_ratio[:triwulan,…], mis. DINKES:jenis_kelamin:P:0.3", extra=True)
        quarters = tuple(str(Period.parse(q)) for q in extra.split(",") if q.strip()) if extra is not None else ()
        return cls(opd, attribute, group, odds_ratio, quarters)

    def describe(self) -> str:
        """As `parse` reads it."""
        return f"{self.opd}:{self.attribute}:{self.group}:{self.odds_ratio:g}" + (
            f":{','.join(self.quarters)}" if self.quarters else "")


#: the documented planted effects of the demo extract (`merit synth` unless `--planted none`; data/README.md): an OPD
#: whose promotions (and rotations, `appointments.ROTATION_IGNORE_MERIT`) ignore merit, and a penalty for women at
#: equal merit in one OPD
DEMO_IGNORE_MERIT: tuple[str, ...] = ("BAPENDA",)
DEMO_DISPARITIES: tuple[Disparity, ...] = (Disparity("DINDIKBUD", "jenis_kelamin", "P", 0.25),)


@dataclass(frozen=True)
class MeritGap:
    """A planted gap in merit itself: the group's latent ability is lower by `shift` SD (no penalty at equal merit)."""

    opd: str
    attribute: str
    group: str
    shift: float

    @classmethod
    def parse(cls, text: str) -> MeritGap:
        opd, attribute, group, shift, _ = _planted(text, "OPD:atribut:kelompok:selisih, mis. DINKES:jenis_kelamin:P:1.0")
        return cls(opd, attribute, group, shift)


@dataclass(frozen=True)
class MissingAssessment:
    """A planted gap in who is assessed: a group's members lack a competency assessment with probability `share`, in one
    OPD or everywhere (`*`), instead of the generator's `unprofiled` share. In an OPD that follows merit only the
    assessed rise, so the group is promoted less without any penalty at equal merit (issue 21)."""

    opd: str
    attribute: str
    group: str
    share: float

    @classmethod
    def parse(cls, text: str) -> MissingAssessment:
        """`OPD:attribute:group:share`, e.g. `*:jenis_kelamin:P:0.6`."""
        opd, attribute, group, share, _ = _planted(text, "OPD:atribut:kelompok:bagian, mis. *:jenis_kelamin:P:0.6")
        if not 0 <= share < 1:
            raise ValueError(f"'{text}': bagian tanpa asesmen harus 0 sampai < 1 (a share 0 to < 1)")
        return cls(opd, attribute, group, share)


@dataclass
class Truth:
    """What was planted, for the tests: log-odds coefficients, disparities, bad rows."""

    period: str
    beta_kompetensi: float
    beta_kinerja: float
    controls: dict[str, float]
    disparities: list[Disparity]
    merit_gaps: list[MeritGap]
    ignore_merit: list[str]
    missing_assessments: list[MissingAssessment] = field(default_factory=list)
    bad_rows: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["table", "row", "rule"]))
    n_promoted: int = 0                       # promotions in the period (its last quarter)
    promoted_by_quarter: dict[str, int] = field(default_factory=dict)
    base_rate: float = 0.0
    appointments: object = None   # merit_lib.synth.appointments.AppointmentTruth (rotations, pelantikan, shortlist)

    @property
    def odds_ratio_kompetensi(self) -> float:
        return math.exp(self.beta_kompetensi)

    @property
    def odds_ratio_kinerja(self) -> float:
        return math.exp(self.beta_kinerja)


@dataclass
class SynthExtract:
    """Generated tables (as the contract wants them) and the planted truth."""

    tables: dict[str, pd.DataFrame]
    truth: Truth

    def write(self, out: Path | str, fmt: str = "csv") -> Path:
        """Write one file per table (csv, xlsx or parquet) into `out`."""
        return write_tables(self.tables, out, fmt)


def _pick(rng: np.random.Generator, options: list[str], probs: list[float], n: int) -> np.ndarray:
    p = np.asarray(probs, float)
    return rng.choice(np.asarray(options, dtype=object), size=n, p=p / p.sum())


def _by_level(rng: np.random.Generator, level: np.ndarray, table: dict[str, tuple[list[str], list[float]]]) -> np.ndarray:
    out = np.empty(len(level), dtype=object)
    for lv, (opts, probs) in table.items():
        m = level == lv
        out[m] = _pick(rng, opts, probs, int(m.sum()))
    return out


def _unique_nips(df: pd.DataFrame, rng: np.random.Generator) -> pd.Series:
    """Build NIP/NI PPPK strings, vectorized, redrawing serials until all are unique."""
    birth = df["tanggal_lahir"].dt.strftime("%Y%m%d")
    g = np.where(df["jenis_kelamin"] == "L", "1", "2")
    pns = df["status_kepegawaian"] == "PNS"
    middle = np.where(pns, df["tmt_cpns"].dt.strftime("%Y%m"),
                      df["tmt_cpns"].dt.strftime("%Y") + "2" + "1")
    serial = rng.integers(1, 1000, len(df))
    for _ in range(50):
        nip = pd.Series(birth.to_numpy() + middle + g + pd.Series(serial).map("{:03d}".format).to_numpy(), index=df.index)
        dup = nip.duplicated().to_numpy()
        if not dup.any():
            return nip
        serial[dup] = rng.integers(1, 1000, int(dup.sum()))
    raise RuntimeError("could not make unique NIPs")


def _golongan(df: pd.DataFrame, period_start: pd.Timestamp) -> np.ndarray:
    years = ((period_start - df["tmt_cpns"]).dt.days / 365.25).to_numpy()
    entry = df["pendidikan"].map(PNS_ENTRY_GOL).map(C.GOLONGAN_PNS.index).to_numpy()
    idx = np.minimum(entry + (years // 4).astype(int), len(C.GOLONGAN_PNS) - 1)
    # structural officials sit mostly within their eselon's range (some below: a finding, not an error)
    floor = df["jenis_jabatan"].map({"JPT Pratama": "IV/b", "Administrator": "III/d", "Pengawas": "III/b"})
    floor_idx = floor.map(lambda g: C.GOLONGAN_PNS.index(g) if isinstance(g, str) else 0).to_numpy()
    idx = np.maximum(idx, floor_idx)
    pns = np.asarray(C.GOLONGAN_PNS, dtype=object)[idx]
    pppk = df["pendidikan"].map(PPPK_GOL).to_numpy()
    return np.where(df["status_kepegawaian"] == "PNS", pns, pppk)


def synthesize(n: int = 3236, seed: int = 20251117, period: str = "2026Q1",
               beta_kompetensi: float = math.log(10.0), beta_kinerja: float = math.log(10.0),
               disparities: list[Disparity] | None = None, merit_gaps: list[MeritGap] | None = None,
               ignore_merit: list[str] | None = None, bad_rows: int = 0,
               unprofiled: float = 0.08, base_rate: float = QUARTERLY_RATE, no_promotion: tuple[str, ...] = (),
               quarters: int = HISTORY_QUARTERS, missing_assessments: list[MissingAssessment] | None = None
               ) -> SynthExtract:
    """Generate `n` profiled ASN (plus `unprofiled` share without assessment) and their tables, with `quarters` quarters
    of promotion history ending with `period` (`history.simulate`; `base_rate` is the quarterly promotion rate of those
    who can rise).

    `no_promotion` lists OPD codes or starting levels in which nobody is promoted (`"*"`: no promotion at all).
    `missing_assessments` plants groups that are assessed less often (`MissingAssessment`).
    """
    rng = np.random.default_rng(seed)
    per = Period.parse(period)
    disparities = list(disparities or [])
    merit_gaps = list(merit_gaps or [])
    ignore_merit = list(ignore_merit or [])
    opds = opd_table()
    n_total = int(round(n / (1 - unprofiled)))
    window = Window.ending(per, quarters).quarters
    start = window[0].start          # the state below is drawn at the history's start

    # --- who works where, in which position (state at the START of the history)
    opd_idx = rng.choice(len(opds), size=n_total, p=opds["weight"].to_numpy())
    df = pd.DataFrame({"opd_kode": opds["opd_kode"].to_numpy()[opd_idx], "opd_nama": opds["opd_nama"].to_numpy()[opd_idx]})
    f_share = opds["fungsional"].to_numpy()[opd_idx]
    u = rng.random(n_total)
    level = np.where(u < 0.035, "Administrator", np.where(u < 0.11, "Pengawas",
                     np.where(rng.random(n_total) < f_share, "Fungsional", "Pelaksana")))
    # one head (JPT Pratama) per OPD
    heads = pd.Series(np.arange(n_total)).groupby(opd_idx).first().to_numpy()
    level[heads] = "JPT Pratama"
    df["jenis_jabatan"] = level
    big = np.isin(df["opd_kode"], ["DINDIKBUD", "RSUDBTN", "RSUDMLP", "DINKES"])
    df["status_kepegawaian"] = np.where(np.isin(level, ["Fungsional", "Pelaksana"]) &
                                        (rng.random(n_total) < np.where(big, 0.20, 0.08)), "PPPK", "PNS")
    share_p = opds["share_p"].to_numpy()[opd_idx] - np.where(np.isin(level, ["JPT Pratama", "Administrator"]), 0.15, 0)
    df["jenis_kelamin"] = np.where(rng.random(n_total) < share_p, "P", "L")
    df["agama"] = _pick(rng, ["Islam", "Kristen", "Katolik", "Hindu", "Buddha"], [0.94, 0.03, 0.02, 0.005, 0.005], n_total)
    df["pendidikan"] = _by_level(rng, level, {
        "JPT Pratama": (["S2", "S3", "S1"], [0.75, 0.15, 0.10]),
        "Administrator": (["S1", "S2", "D4"], [0.45, 0.50, 0.05]),
        "Pengawas": (["S1", "S2", "D4", "D3"], [0.60, 0.20, 0.08, 0.12]),
        "Fungsional": (["S1", "S2", "D3", "D4"], [0.62, 0.12, 0.20, 0.06]),
        "Pelaksana": (["SMA", "D3", "S1", "SMP", "D4"], [0.38, 0.20, 0.36, 0.02, 0.04]),
    })
    age = _by_level(rng, level, {"JPT Pratama": (list(range(46, 59)), [1] * 13),
                                 "Administrator": (list(range(40, 58)), [1] * 18),
                                 "Pengawas": (list(range(33, 58)), [1] * 25),
                                 "Fungsional": (list(range(24, 59)), [1] * 35),
                                 "Pelaksana": (list(range(23, 59)), [1] * 36)}).astype(int)
    birth = start - pd.to_timedelta(age * 365.25 + rng.integers(0, 365, n_total), unit="D")
    df["tanggal_lahir"] = pd.to_datetime(birth.normalize())
    entry_age = 22 + df["pendidikan"].map(EDU_RANK).to_numpy() * 0.3 + rng.integers(0, 7, n_total)
    entry_age = np.minimum(entry_age, age - 1)
    pppk = df["status_kepegawaian"] == "PPPK"
    tmt = df["tanggal_lahir"] + pd.to_timedelta(entry_age * 365.25, unit="D")
    pppk_year = rng.integers(start.year - 3, start.year + 1, n_total)
    tmt = tmt.where(~pppk, pd.to_datetime(pd.Series(pppk_year).astype(str) + "-03-01"))
    tmt = tmt.where(tmt < start - pd.Timedelta(days=200), start - pd.Timedelta(days=400))
    df["tmt_cpns"] = tmt.dt.to_period("M").dt.to_timestamp()
    df["golongan"] = _golongan(df, per.start)
    df["nip"] = _unique_nips(df, rng)
    df["nama"] = _names(rng, df["jenis_kelamin"].to_numpy())
    opd_head = opds.set_index("opd_kode")["eselon_kepala"]
    df["eselon"] = np.select(
        [level == "JPT Pratama", level == "Administrator", level == "Pengawas"],
        [df["opd_kode"].map(opd_head).to_numpy(),
         np.where(rng.random(n_total) < 0.7, "III.a", "III.b"),
         np.where(rng.random(n_total) < 0.85, "IV.a", "IV.b")], default=None)
    years_in_pos = np.where(np.isin(level, ["Fungsional", "Pelaksana"]), rng.uniform(1, 15, n_total), rng.uniform(0.5, 8, n_total))
    tmt_jab = start - pd.to_timedelta(years_in_pos * 365.25, unit="D")
    df["tmt_jabatan"] = pd.Series(np.maximum(tmt_jab.normalize().to_numpy(), df["tmt_cpns"].to_numpy()))
    df["diklat_kepemimpinan"] = np.select(
        [level == "JPT Pratama", level == "Administrator", level == "Pengawas"], ["PKN II", "PKA", "PKP"], default=None)
    df.loc[rng.random(n_total) < 0.15, "diklat_kepemimpinan"] = None

    # --- merit: competency and kinerja
    ability = rng.normal(0, 1, n_total)
    for gap in merit_gaps:
        ability = ability - gap.shift * _members(df, gap.opd, gap.attribute, gap.group)
    lvl_bonus = pd.Series(level).map({"JPT Pratama": 0.7, "Administrator": 0.45, "Pengawas": 0.25,
                                      "Fungsional": 0.1, "Pelaksana": 0.0}).to_numpy()
    edu_bonus = (df["pendidikan"].map(EDU_RANK).to_numpy() - 7) * 0.12
    comp_mean = 2.75 + lvl_bonus + edu_bonus + 0.55 * ability
    comps = np.clip(np.rint(comp_mean[:, None] + rng.normal(0, 0.55, (n_total, 9))), 1, 5)
    kompetensi = comps.mean(axis=1)
    perf = 0.4 * ability + math.sqrt(1 - 0.16) * rng.normal(0, 1, n_total)
    years = list(range(start.year - 2, per.end.year))
    skp = {}
    for year in years:
        y = perf + rng.normal(0, 0.6, n_total)
        skp[year] = np.where(y > 1.0, 2, np.where(y > -1.6, 1, 0))

    # --- assessments (dated through the history) and the promotions of every quarter
    not_assessed = np.full(n_total, unprofiled)
    for m in missing_assessments or []:
        not_assessed = np.where(_members(df, m.opd, m.attribute, m.group) > 0, m.share, not_assessed)
    profiled = rng.random(n_total) >= not_assessed
    prof = _profiling(df[profiled], comps[profiled], ability[profiled], kompetensi[profiled], rng, start, per)
    assessed_on = prof.groupby("nip")["tanggal_asesmen"].min().reindex(df["nip"]).to_numpy()
    shift = np.zeros(n_total)
    by_quarter: dict[str, np.ndarray] = {}          # one-off disparities: in their quarters only
    for d in disparities:
        planted = math.log(d.odds_ratio) * _members(df, d.opd, d.attribute, d.group)
        if not d.quarters:
            shift = shift + planted
        for q in d.quarters:
            by_quarter[q] = by_quarter.get(q, np.zeros(n_total)) + planted
    blocked = np.isin(df["opd_kode"], list(no_promotion)) | np.isin(level, list(no_promotion)) | ("*" in no_promotion)
    merit_on = ~np.isin(df["opd_kode"], ignore_merit)
    hazard = H.Hazard(beta_kompetensi, beta_kinerja, merit_on, shift, base_rate, blocked, by_quarter)
    merit = H.Merit(kompetensi, pd.Series(assessed_on), skp)
    state = df.copy()
    past = H.simulate(state, window, hazard, merit, golongan_rank(df["golongan"]).to_numpy(),
                      df.loc[df["jenis_jabatan"] == "JPT Pratama"].set_index("opd_kode")["eselon"], INSTALLATION_DAY, rng)
    promoted = past.promoted[str(per)]

    # --- kinerja (SKP) of every year the history's quarters look back on
    kin_rows = []
    pred_of = {2: "Sangat Baik", 1: "Baik"}
    for year in years:
        low = _pick(rng, ["Butuh Perbaikan", "Kurang", "Sangat Kurang"], [0.75, 0.2, 0.05], n_total)
        pred = np.where(skp[year] == 0, low, pd.Series(skp[year]).map(pred_of).to_numpy())
        has = (rng.random(n_total) > 0.02) & (df["tmt_cpns"].dt.year.to_numpy() <= year)
        kin_rows.append(pd.DataFrame({"nip": df["nip"][has], "tahun": year, "predikat": pred[has]}))
    kinerja_tbl = pd.concat(kin_rows, ignore_index=True)

    # --- every event of the history, and the end-of-period state
    pegawai, riwayat = _events(df, past, per, rng)
    pegawai["agama"] = df["agama"]
    extract = {"pegawai": pegawai, "profiling": prof, "kinerja": kinerja_tbl, "riwayat_jabatan": riwayat}
    truth = Truth(str(per), beta_kompetensi, beta_kinerja, dict(H.CONTROLS), disparities, merit_gaps, ignore_merit,
                  missing_assessments=list(missing_assessments or []), n_promoted=int(promoted.sum()),
                  promoted_by_quarter=past.counts(), base_rate=base_rate)
    if bad_rows:
        extract, truth.bad_rows = _inject_bad_rows(extract, bad_rows, rng)
    # rotations, mutations, JPT tenure and shortlist persons: a separate random stream, appended after everything else
    from merit_lib.synth.appointments import plant

    assert past.last_start is not None
    extract, truth.appointments = plant(extract, past.last_start, promoted, str(per), seed, ignore_merit, INSTALLATION_DAY)
    return SynthExtract(extract, truth)


def _members(df: pd.DataFrame, opd: str, attribute: str, group: str) -> np.ndarray:
    if attribute not in df.columns:
        raise ValueError(f"atribut '{attribute}' tidak ada di data sintetis (ada: jenis_kelamin, status_kepegawaian, agama, pendidikan)")
    in_opd = np.ones(len(df), bool) if opd in ("*", "PROVINSI") else (df["opd_kode"] == opd).to_numpy()
    return (in_opd & (df[attribute].astype(str) == group).to_numpy()).astype(float)


_MALE = ["Ahmad", "Budi", "Dedi", "Eko", "Fajar", "Hendra", "Iwan", "Joko", "Rudi", "Agus", "Asep", "Ujang", "Yusuf", "Rizki", "Dadang"]
_FEMALE = ["Siti", "Dewi", "Rina", "Sri", "Nur", "Lia", "Eka", "Yuni", "Ratna", "Neng", "Euis", "Fitri", "Ayu", "Wulan", "Intan"]
_LAST = ["Hidayat", "Saputra", "Rahmawati", "Kurniawan", "Susanti", "Pratama", "Maulana", "Setiawan", "Nurhayati",
         "Suryana", "Firmansyah", "Lestari", "Permana", "Hasanah", "Sulaeman"]


def _names(rng: np.random.Generator, gender: np.ndarray) -> np.ndarray:
    """Invented names (synthetic, no real person)."""
    first = np.where(gender == "L", rng.choice(_MALE, len(gender)), rng.choice(_FEMALE, len(gender)))
    return first.astype(object) + " " + rng.choice(_LAST, len(gender)).astype(object)


def _profiling(df: pd.DataFrame, comps: np.ndarray, ability: np.ndarray, kompetensi: np.ndarray,
               rng: np.random.Generator, history_start: pd.Timestamp, per: Period) -> pd.DataFrame:
    """One assessment per profiled person: 936 in 3,236 in the waves of `WAVE_DAY` (17–21 November 2025, or 40 days
    before the period when that is later than its end), the others spread from two years before the history's start to a
    month before the waves."""
    m = len(df)
    n_recent = min(m, int(round(m * 936 / 3236)))
    order = rng.permutation(m)
    recent = np.zeros(m, bool)
    recent[order[:n_recent]] = True
    wave = np.where(recent, rng.integers(1, 11, m), 0)
    first_wave = WAVE_DAY if WAVE_DAY <= per.end else per.start - pd.Timedelta(days=40)
    wave_day = first_wave + pd.to_timedelta((wave - 1) // 2, unit="D")
    earliest = history_start - pd.Timedelta(days=730)
    span = max((first_wave - pd.Timedelta(days=30) - earliest).days, 1)
    earlier = earliest + pd.to_timedelta(rng.integers(0, span, m), unit="D")
    out = pd.DataFrame({"nip": df["nip"].to_numpy(),
                        "tanggal_asesmen": np.where(recent, wave_day, earlier),
                        "gelombang": pd.array(np.where(recent, wave, 0), dtype="Int64")})
    out.loc[~recent, "gelombang"] = pd.NA
    for j, c in enumerate(C.COMPETENCIES):
        out[c] = comps[:, j]
    standard = np.where(df["jenis_jabatan"].isin(["Administrator", "JPT Pratama"]).to_numpy(), 4.0, 3.0)[:, None]
    out["jpm"] = np.round(100 * np.minimum(comps, standard).sum(axis=1) / (standard[:, 0] * 9), 1)
    out["kategori_jpm"] = pd.cut(out["jpm"], [-1, 78, 90, 101], right=False,
                                 labels=["Kurang Optimal", "Cukup Optimal", "Optimal"]).astype(str)
    out["skor_potensi"] = np.round(np.clip(50 + 8 * ability + 10 * (kompetensi - 3) + rng.normal(0, 5, m), 0, 100), 1)
    return out.sort_values("tanggal_asesmen", kind="stable").reset_index(drop=True)


def _events(df: pd.DataFrame, past: H.History, per: Period, rng: np.random.Generator
            ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every history event (pengangkatan and moves before the history, its promotions quarter by quarter, the eselon II
    rotations of the installation day, same-level rotations in the period) and the end-of-period state."""
    start, end = per.start, per.end
    ev = []
    ev.append(pd.DataFrame({"nip": df["nip"], "tanggal": df["tmt_cpns"], "jenis_mutasi": "pengangkatan",
                            "jabatan_baru": np.where(df["jenis_jabatan"] == "Fungsional", TITLES["Fungsional"], TITLES["Pelaksana"]),
                            "jenis_jabatan_baru": np.where(df["jenis_jabatan"] == "Fungsional", "Fungsional", "Pelaksana"),
                            "eselon_baru": None, "opd_kode_baru": df["opd_kode"], "eselon_lama": None, "opd_kode_lama": None}))
    # non-structural staff who moved since appointment: a same-level mutasi at tmt_jabatan
    moved = df[df["eselon"].isna() & (df["tmt_jabatan"] > df["tmt_cpns"])]
    ev.append(pd.DataFrame({"nip": moved["nip"], "tanggal": moved["tmt_jabatan"], "jenis_mutasi": "mutasi",
                            "jabatan_baru": moved["jenis_jabatan"].map(TITLES), "jenis_jabatan_baru": moved["jenis_jabatan"],
                            "eselon_baru": None, "opd_kode_baru": moved["opd_kode"], "eselon_lama": None,
                            "opd_kode_lama": moved["opd_kode"]}))
    structural = df["eselon"].notna()
    s = df[structural]
    ev.append(pd.DataFrame({"nip": s["nip"], "tanggal": s["tmt_jabatan"], "jenis_mutasi": "promosi",
                            "jabatan_baru": s["jenis_jabatan"].map(TITLES) + " " + s["opd_kode"],
                            "jenis_jabatan_baru": s["jenis_jabatan"], "eselon_baru": s["eselon"],
                            "opd_kode_baru": s["opd_kode"], "eselon_lama": None, "opd_kode_lama": s["opd_kode"]}))
    ev.append(past.events)
    end_state = past.end.copy()
    jpt_day = past.events.loc[past.events["jenis_jabatan_baru"] == "JPT Pratama", "tanggal"]
    install = jpt_day.max() if len(jpt_day) else start + pd.Timedelta(days=25)   # the latest eselon II installation
    # four heads rotate between OPDs on the installation day (10 eselon II installed in all)
    jpt = end_state.index[((df["jenis_jabatan"] == "JPT Pratama") & (end_state["jenis_jabatan"] == "JPT Pratama")).to_numpy()]
    rot = rng.choice(jpt, size=min(4, len(jpt)), replace=False) if len(jpt) >= 2 else []
    if len(rot) >= 2:
        new_opd = np.roll(df.loc[rot, "opd_kode"].to_numpy(), 1)
        new_nama = np.roll(df.loc[rot, "opd_nama"].to_numpy(), 1)
        new_esl = np.roll(df.loc[rot, "eselon"].to_numpy(), 1)
        ev.append(pd.DataFrame({"nip": df.loc[rot, "nip"], "tanggal": install, "jenis_mutasi": "rotasi",
                                "jabatan_baru": ["Kepala " + o for o in new_opd], "jenis_jabatan_baru": "JPT Pratama",
                                "eselon_baru": new_esl, "opd_kode_baru": new_opd,
                                "eselon_lama": df.loc[rot, "eselon"], "opd_kode_lama": df.loc[rot, "opd_kode"]}))
        end_state.loc[rot, "opd_kode"] = new_opd
        end_state.loc[rot, "opd_nama"] = new_nama
        end_state.loc[rot, "eselon"] = new_esl
        end_state.loc[rot, "tmt_jabatan"] = install
    # a few same-level rotations inside the OPD, in the period
    promoted = past.promoted[str(per)]
    days = (end - start).days
    others = end_state.index[(~promoted) & end_state["jenis_jabatan"].isin(["Pengawas", "Administrator"]).to_numpy()
                             & (end_state["tmt_jabatan"] < start).to_numpy()]
    few = min(len(others), int(0.02 * int(structural.sum())))   # as many as 2 % of the posts at the history's start
    r2 = rng.choice(others, size=few, replace=False) if len(others) else []
    if len(r2):
        rdate = start + pd.to_timedelta(rng.integers(26, max(days, 27), len(r2)), unit="D")
        ev.append(pd.DataFrame({"nip": end_state.loc[r2, "nip"], "tanggal": rdate, "jenis_mutasi": "rotasi",
                                "jabatan_baru": end_state.loc[r2, "jenis_jabatan"].map(TITLES) + " (rotasi)",
                                "jenis_jabatan_baru": end_state.loc[r2, "jenis_jabatan"],
                                "eselon_baru": end_state.loc[r2, "eselon"], "opd_kode_baru": end_state.loc[r2, "opd_kode"],
                                "eselon_lama": end_state.loc[r2, "eselon"], "opd_kode_lama": end_state.loc[r2, "opd_kode"]}))
        end_state.loc[r2, "tmt_jabatan"] = rdate.to_numpy()
    titles = end_state["jenis_jabatan"].map(TITLES) + np.where(end_state["eselon"].notna(), " " + end_state["opd_kode"], "")
    end_state["jabatan"] = end_state["jabatan"].where(end_state["jabatan"].notna(), titles) if "jabatan" in end_state \
        else titles
    cols = [c.name for c in C.PEGAWAI.columns]
    riwayat = pd.concat([e for e in ev if len(e)], ignore_index=True).sort_values(["tanggal", "nip"], kind="stable")
    return end_state[cols].reset_index(drop=True), riwayat.reset_index(drop=True)


# --------------------------------------------------------------------------- bad rows

_BAD_KINDS = ("nip_length", "nip_not_digits", "nip_birth_date", "nip_gender_digit", "nip_birth_mismatch",
              "nip_gender_mismatch", "duplicate_key", "enum", "range", "future_date", "orphan")


def _inject_bad_rows(tables: dict[str, pd.DataFrame], k: int, rng: np.random.Generator
                     ) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """Insert `k` bad rows at random places; returns the tables and (table, row, rule) of each."""
    tables = {n: t.copy() for n, t in tables.items()}
    peg = tables["pegawai"]
    inserts: dict[str, list[tuple[pd.Series, str]]] = {n: [] for n in tables}
    used = set(peg["nip"])
    for i in range(k):
        kind = _BAD_KINDS[i % len(_BAD_KINDS)]
        base = peg.iloc[int(rng.integers(len(peg)))].copy()
        fresh = base.copy()
        # a new, valid person to spoil (a different serial keeps the NIP unique)
        for serial in rng.permutation(np.arange(1, 1000)):
            cand = fresh["nip"][:15] + f"{serial:03d}"
            if cand not in used:
                fresh["nip"] = cand
                used.add(cand)
                break
        if kind == "nip_length":
            fresh["nip"] = fresh["nip"][:-2]
        elif kind == "nip_not_digits":
            fresh["nip"] = fresh["nip"][:10] + "AB" + fresh["nip"][12:]
        elif kind == "nip_birth_date":
            fresh["nip"] = fresh["nip"][:4] + "13" + fresh["nip"][6:]
        elif kind == "nip_gender_digit":
            fresh["nip"] = fresh["nip"][:14] + "3" + fresh["nip"][15:]
        elif kind == "nip_birth_mismatch":
            fresh["tanggal_lahir"] = fresh["tanggal_lahir"] + pd.Timedelta(days=3)
        elif kind == "nip_gender_mismatch":
            fresh["jenis_kelamin"] = "P" if fresh["jenis_kelamin"] == "L" else "L"
        elif kind == "duplicate_key":
            fresh = base.copy()
            fresh["nama"] = "Duplikat " + str(fresh["nama"])
        elif kind == "enum":
            fresh["pendidikan"] = "S4"
        if kind in ("range", "future_date"):
            prof = tables["profiling"]
            row = prof.iloc[int(rng.integers(len(prof)))].copy()
            if kind == "range":
                row["jpm"] = 150.0
            else:
                row["tanggal_asesmen"] = pd.Timestamp(2099, 1, 1)
            inserts["profiling"].append((row, kind))
        elif kind == "orphan":
            kin = tables["kinerja"]
            row = kin.iloc[int(rng.integers(len(kin)))].copy()
            row["nip"] = fresh["nip"]  # a valid NIP of nobody in pegawai
            inserts["kinerja"].append((row, kind))
        else:
            target = "pegawai"
            if kind == "duplicate_key":
                # the copy must come after its original so that "keep the first" rejects the copy
                inserts[target].append((fresh, kind + "@" + base["nip"]))
            else:
                inserts[target].append((fresh, kind))
    truth = []
    for name, rows in inserts.items():
        if not rows:
            continue
        t = tables[name].reset_index(drop=True)
        for row, kind in rows:
            lo = 0
            if kind.startswith("duplicate_key@"):
                lo = int(np.flatnonzero(t["nip"].to_numpy() == kind.split("@", 1)[1])[0]) + 1
                kind = "duplicate_key"
            pos = int(rng.integers(lo, len(t) + 1))
            t = pd.concat([t.iloc[:pos], row.to_frame().T, t.iloc[pos:]], ignore_index=True)
            truth.append((name, pos, kind, row["nip"]))
        t = t.astype({c: tables[name][c].dtype for c in tables[name].columns if c in t}, errors="ignore")
        tables[name] = t
        # recompute final positions of the inserted rows (later inserts shift earlier ones)
    out = []
    for name, _pos, kind, nip in truth:
        t = tables[name]
        hits = np.flatnonzero((t["nip"] == nip).to_numpy())
        if kind == "duplicate_key":
            hits = hits[1:]
        elif kind in ("range", "future_date"):
            col = "jpm" if kind == "range" else "tanggal_asesmen"
            bad = (t[col] > 100) if kind == "range" else (pd.to_datetime(t[col]) > pd.Timestamp(2098, 1, 1))
            hits = np.flatnonzero(((t["nip"] == nip) & bad).to_numpy())
        out.append((name, int(hits[0]) + 2, kind))
    return tables, pd.DataFrame(out, columns=["table", "row", "rule"]).drop_duplicates().reset_index(drop=True)


# --------------------------------------------------------------------------- writing

def write_tables(tables: dict[str, pd.DataFrame], out: Path | str, fmt: str = "csv") -> Path:
    """Write each table as `<table>.<fmt>` in `out` (CSV: ISO dates, comma separator, UTF-8)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for name, df in tables.items():
        if fmt == "parquet":
            df.to_parquet(out / f"{name}.parquet", index=False)
            continue
        flat = df.copy()
        for c in flat.columns:
            if pd.api.types.is_datetime64_any_dtype(flat[c]):
                flat[c] = flat[c].dt.strftime("%Y-%m-%d")
        if fmt == "xlsx":
            flat.to_excel(out / f"{name}.xlsx", index=False, sheet_name=name)
        elif fmt == "csv":
            flat.to_csv(out / f"{name}.csv", index=False)
        else:
            raise ValueError(f"format '{fmt}' tidak dikenal: csv, xlsx atau parquet")
    return out


def demo_path(n: int = 800, seed: int = 7, period: str = "2026Q1", **kwargs: object) -> Path:
    """A small synthetic extract in the temp folder (made once), for notebooks run without a data path.

    Written whole into a private folder and then renamed into place, so notebooks run side by side (parallel test
    workers) never read a half-written extract; another option than the defaults gets a folder of its own."""
    import shutil
    import tempfile

    extra = "".join(f"_{k}-{v}" for k, v in sorted(kwargs.items()))
    folder = Path(tempfile.gettempdir()) / f"merit_demo_{n}_{seed}_{period}{extra}"
    if not (folder / "riwayat_jabatan.csv").exists():
        part = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
        synthesize(n=n, seed=seed, period=period, **kwargs).write(part)  # type: ignore[arg-type]
        if folder.exists() and not (folder / "riwayat_jabatan.csv").exists():
            shutil.rmtree(folder, ignore_errors=True)       # a half-written folder an older version left behind
        try:
            part.rename(folder)             # atomic; if another process was first, its copy (the same data) stays
        except OSError:
            shutil.rmtree(part, ignore_errors=True)
    return folder
