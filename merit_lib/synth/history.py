"""The synthetic extract's past: promotions quarter by quarter over its history, in batches on pelantikan days.

Each quarter, everyone who can rise (a PNS below Administrator, at least `MIN_YEARS_IN_POST` in the post, and — in an OPD
that follows merit — assessed before the quarter starts) is promoted with the planted probability (`Hazard`): a level
intercept, the merit terms (the latest competency assessment and the mean SKP level of the two years before the
quarter), golongan, education and service, and the injected disparities. The intercept is calibrated so that the
quarter's expected promotions are `base_rate` of those who could rise at all (PNS below Administrator: the vacancies),
filled by those who can (at most `MAX_RATE` of them), in merit-following and merit-ignoring OPDs alike, so that the
number of promotions does not jump when many are assessed at once. Those promoted take the next level on one of the
quarter's pelantikan days (`pelantikan_days`); the quarter holding `installation_day` also fills eselon II posts from
Administrators on that day, as does the same quarter of each earlier year of the history (on its first pelantikan
day). ASSUMPTIONS of this generator, not facts about Banten (also in data/README.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from merit_lib.domain.period import Period

NEXT_LEVEL = {"Pelaksana": "Pengawas", "Fungsional": "Pengawas", "Pengawas": "Administrator",
              "Administrator": "JPT Pratama"}
TITLES = {"JPT Pratama": "Kepala", "Administrator": "Kepala Bidang", "Pengawas": "Kepala Seksi",
          "Pelaksana": "Pengadministrasi Umum", "Fungsional": "Ahli Pertama"}
#: each quarter's pelantikan, days after its first day (2026Q1: 26 January and 12 March)
PELANTIKAN_OFFSETS = (25, 70)
#: the highest quarterly promotion rate of those who can rise, however few they are
MAX_RATE = 0.12
#: nobody is promoted again within this many years of taking a post
MIN_YEARS_IN_POST = 1.0
#: eselon II posts filled by promotion on the installation day (the seed's 26 January 2026: 10 in all, 4 by rotation)
N_JPT_PROMOTIONS = 6
#: … and by promotion on the first pelantikan of the same quarter in each earlier year of the history
N_JPT_EARLIER = 3
#: level intercepts of the log-odds (JPT Pratama cannot rise in a province; Administrators rise only on the
#: installation day)
LEVEL_INTERCEPT = {"Pelaksana": 0.0, "Fungsional": -1.3, "Pengawas": 0.3, "Administrator": 0.0, "JPT Pratama": -np.inf}
#: control coefficients of the log-odds: per golongan step, S1 or higher, per 10 years of service beyond 15
CONTROLS = {"golongan": 0.05, "s1_plus": 0.25, "masa_kerja_10th": -0.1}


def pelantikan_days(quarter: Period) -> list[pd.Timestamp]:
    """The days a quarter's promotions take effect (`PELANTIKAN_OFFSETS` after its start)."""
    return [quarter.start + pd.Timedelta(days=d) for d in PELANTIKAN_OFFSETS]


@dataclass
class Hazard:
    """The planted promotion model: merit slopes (log-odds per competency level and per SKP level), the OPDs that follow
    merit (`merit_on`, per person), the injected log-odds (`shift`, per person: disparities) and the quarterly
    `base_rate`."""

    beta_kompetensi: float
    beta_kinerja: float
    merit_on: np.ndarray
    shift: np.ndarray
    base_rate: float
    blocked: np.ndarray                     # persons in an OPD or level that never promotes (`no_promotion`)
    #: injected log-odds of one quarter only (quarter → per person): one-off disparities
    shift_in: dict[str, np.ndarray] = field(default_factory=dict)


@dataclass
class Merit:
    """What the merit terms read: each person's competency (mean level), assessment day (NaT: never) and SKP level
    (0–2) per year."""

    kompetensi: np.ndarray
    assessed_on: pd.Series
    skp: dict[int, np.ndarray]

    def kinerja(self, start: pd.Timestamp) -> np.ndarray:
        """Mean SKP level of the two years before `start` (NaN where neither year is known)."""
        years = [self.skp.get(start.year - 2), self.skp.get(start.year - 1)]
        known = [y for y in years if y is not None]
        return np.mean(known, axis=0) if known else np.full(len(self.kompetensi), np.nan)


@dataclass
class History:
    """The simulated past: promotion events, who was promoted in each quarter, and the state at the start of the last
    quarter (for the period's other appointments)."""

    events: pd.DataFrame
    promoted: dict[str, np.ndarray] = field(default_factory=dict)
    last_start: pd.DataFrame | None = None
    end: pd.DataFrame | None = None

    def counts(self) -> dict[str, int]:
        return {q: int(m.sum()) for q, m in self.promoted.items()}


def calibrate(eta: np.ndarray, rate: float) -> float:
    """The intercept that makes the mean promotion probability equal `rate` (bisection)."""
    lo, hi = -20.0, 20.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if np.mean(1 / (1 + np.exp(-(eta + mid)))) < rate:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def _eta(state: pd.DataFrame, q: Period, hz: Hazard, merit: Merit, gol_rank: np.ndarray) -> np.ndarray:
    """Each person's log-odds of promotion in quarter `q`, before the calibrated intercept."""
    level = state["jenis_jabatan"].to_numpy()
    alpha = pd.Series(level).map(LEVEL_INTERCEPT).to_numpy(float)
    service = ((q.start - state["tmt_cpns"]).dt.days / 365.25).to_numpy()
    kin = np.nan_to_num(merit.kinerja(q.start), nan=1.0)
    s1 = state["pendidikan"].isin(["D4", "S1", "S2", "S3"]).to_numpy()
    return (alpha + hz.merit_on * (hz.beta_kompetensi * (merit.kompetensi - 3) + hz.beta_kinerja * (kin - 1))
            + CONTROLS["golongan"] * (gol_rank - 8) + CONTROLS["s1_plus"] * s1
            + CONTROLS["masa_kerja_10th"] * (service - 15) / 10 + hz.shift + hz.shift_in.get(str(q), 0.0))


def _promote(state: pd.DataFrame, chosen: np.ndarray, dates: pd.DatetimeIndex, heads: pd.Series,
             rng: np.random.Generator) -> pd.DataFrame:
    """The promotion events of `chosen` (row positions) on `dates`, and their new post written into `state`."""
    p = state.iloc[chosen]
    new_level = p["jenis_jabatan"].map(NEXT_LEVEL)
    new_eselon = np.select([new_level == "JPT Pratama", new_level == "Administrator", new_level == "Pengawas"],
                           [p["opd_kode"].map(heads).fillna("II.b").to_numpy(),
                            np.where(rng.random(len(p)) < 0.6, "III.b", "III.a"),
                            np.where(rng.random(len(p)) < 0.8, "IV.a", "IV.b")], default=None)
    title = (new_level.map(TITLES) + " " + p["opd_kode"]).to_numpy()
    events = pd.DataFrame({"nip": p["nip"].to_numpy(), "tanggal": dates, "jenis_mutasi": "promosi", "jabatan_baru": title,
                           "jenis_jabatan_baru": new_level.to_numpy(), "eselon_baru": new_eselon,
                           "opd_kode_baru": p["opd_kode"].to_numpy(), "eselon_lama": p["eselon"].to_numpy(),
                           "opd_kode_lama": p["opd_kode"].to_numpy()})
    idx = state.index[chosen]
    state.loc[idx, "jenis_jabatan"] = new_level.to_numpy()
    state.loc[idx, "eselon"] = new_eselon
    state.loc[idx, "jabatan"] = title
    state.loc[idx, "tmt_jabatan"] = dates
    return events


def simulate(state: pd.DataFrame, quarters: tuple[Period, ...], hz: Hazard, merit: Merit, gol_rank: np.ndarray,
             heads: pd.Series, installation_day: pd.Timestamp, rng: np.random.Generator) -> History:
    """Promotions of every quarter of `quarters` (oldest first), applied to `state` (the state at the first quarter's
    start; changed in place to the state at the last quarter's end)."""
    events, out = [], History(pd.DataFrame())
    pns = (state["status_kepegawaian"] == "PNS").to_numpy()
    assessed_on = pd.to_datetime(merit.assessed_on).to_numpy()
    install_q = next((q for q in quarters if q.start <= installation_day <= q.end), quarters[-1])
    install = installation_day if install_q.start <= installation_day <= install_q.end else \
        install_q.start + pd.Timedelta(days=25)
    for q in quarters:
        if q == quarters[-1]:
            out.last_start = state.copy()
        level = state["jenis_jabatan"].to_numpy()
        eta = _eta(state, q, hz, merit, gol_rank)
        in_post = ((q.start - state["tmt_jabatan"]).dt.days / 365.25).to_numpy() >= MIN_YEARS_IN_POST
        assessed = ~pd.isna(assessed_on) & (assessed_on < q.start.to_datetime64())
        can_rise = (np.isfinite(eta) & ~np.isin(level, ["Administrator", "JPT Pratama"]) & (assessed | ~hz.merit_on)
                    & pns & in_post & ~hz.blocked)
        intercept = np.zeros(len(state))
        posts = pns & np.isin(level, ["Pelaksana", "Fungsional", "Pengawas"]) & ~hz.blocked   # who could rise at all
        for group in (hz.merit_on, ~hz.merit_on):
            if (can_rise & group).any():   # vacancies: base_rate of those who could rise at all, filled by those who can
                rate = min(hz.base_rate * (posts & group).sum() / (can_rise & group).sum(), MAX_RATE)
                intercept[group] = calibrate(eta[can_rise & group], rate)
        prob = np.where(can_rise, 1 / (1 + np.exp(-(eta + intercept))), 0.0)
        promoted = rng.random(len(state)) < prob
        days = pelantikan_days(q)
        if q == install_q:    # eselon III and IV are filled after the eselon II installation (the seed's order)
            days = [d for d in days if d > install] or [days[-1]]
        chosen = np.flatnonzero(promoted)
        when = pd.DatetimeIndex(np.asarray(days, dtype="datetime64[ns]")[rng.integers(0, len(days), len(chosen))])
        jpt = np.array([], int)
        yearly = q.quarter == install_q.quarter
        if yearly:    # eselon II posts filled from Administrators on the installation day, and a year before, …
            admins = np.flatnonzero((level == "Administrator") & (assessed | ~hz.merit_on) & ~hz.blocked & pns & in_post)
            k = min(N_JPT_PROMOTIONS if q == install_q else N_JPT_EARLIER, len(admins))
            if k:
                w = np.exp(eta[admins] - eta[admins].max())
                jpt = rng.choice(admins, size=k, replace=False, p=w / w.sum())
        promoted[jpt] = True
        order = np.concatenate([chosen, jpt])
        jpt_day = install if q == install_q else pelantikan_days(q)[0]
        dates = when.append(pd.DatetimeIndex([jpt_day] * len(jpt)))
        if len(order):
            events.append(_promote(state, order, dates, heads, rng))
        out.promoted[str(q)] = promoted
    out.events = pd.concat(events, ignore_index=True) if events else pd.DataFrame(
        columns=["nip", "tanggal", "jenis_mutasi", "jabatan_baru", "jenis_jabatan_baru", "eselon_baru", "opd_kode_baru",
                 "eselon_lama", "opd_kode_lama"])
    out.end = state
    return out


def yearly_rate(base_rate: float) -> float:
    """The share of those who can rise all year promoted within it, at a quarterly `base_rate`."""
    return 1 - math.pow(1 - base_rate, 4)
