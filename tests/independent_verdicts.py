"""Flat promotion tables with known answers, simulated from the text of issue 21 — not from merit_lib.synth.

Each function draws one table as a new user would export it (an id, a sex column `m`/`f`, a department, merit columns,
a 0/1 outcome) with its roles file, for `merit audit --flat`. Merit is a latent per-person score; promotion follows a
known logit of it (and of a planted group effect where the case has one), calibrated to the promotion rates the issue
quotes. Nothing here imports the package under test.

| case | issue failure | what is planted |
|---|---|---|
| `explained_gap` | 1 | women's measured merit lower (11 % vs 19 % promoted), promotion on merit only |
| `small_gap` | 2 | women OR 0.8 at equal merit, 20,000 persons |
| `tiny` | 2 | 50 v 50 persons, no effect or a given OR |
| `unequal_missing` | 3 | competency missing for 70 % of women and 25 % of men, less often for the promoted; no penalty |
| `collider` | 4 | women OR 0.5 at equal merit; leadership training taken in the period, mostly by promoted men |
| `tenure` | 3 | women's tenure shorter, promotion on merit and tenure: a gap a control explains, not merit |
| `tainted_rating` | 5 | SKP rating marked down 0.6 SD for women at equal performance; promotion on the rating |
| `unreliable_test` | 5 | men's true competency higher; the test measures it with reliability 0.5; promotion on true competency |
| `one_opd_penalty` | 6 | women OR 0.15 in one department of 12, nothing elsewhere |
| `penalty` | 6 | women OR 0.7 everywhere (12 departments) |
| `many_opds` | 7 | 42 departments of very unequal size, a penalty in one, a favour in another |
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd


@dataclass
class Table:
    """A simulated flat table, its roles file and what was planted."""

    frame: pd.DataFrame
    roles: str
    truth: dict[str, object] = field(default_factory=dict)

    def write(self, folder: Path, name: str = "table") -> tuple[Path, Path]:
        """The CSV and roles YAML in `folder`."""
        folder.mkdir(parents=True, exist_ok=True)
        data, roles = folder / f"{name}.csv", folder / f"{name}_roles.yaml"
        self.frame.to_csv(data, index=False)
        roles.write_text(self.roles, encoding="utf-8")
        return data, roles


def _expit(x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-x))


def _intercept(eta: np.ndarray, rate: float) -> float:
    """The intercept that makes the mean promotion probability `rate` (bisection)."""
    lo, hi = -30.0, 30.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if _expit(eta + mid).mean() < rate else (lo, mid)
    return (lo + hi) / 2


def _people(n_women: int, n_men: int, depts: int, rng: np.random.Generator, sizes: np.ndarray | None = None
            ) -> pd.DataFrame:
    sex = np.array(["f"] * n_women + ["m"] * n_men)
    rng.shuffle(sex)
    p = None if sizes is None else sizes / sizes.sum()
    dept = rng.choice([f"D{i + 1:02d}" for i in range(depts)], size=len(sex), p=p)
    return pd.DataFrame({"employee": [f"E{i:06d}" for i in range(len(sex))], "sex": sex, "department": dept})


ROLES = """\
description: simulated from issue 21 ({case})
outcome: {{column: promoted, map: {{1: true, 0: false}}}}
competency: [{competency}]
kinerja: [{kinerja}]
{controls}scope: {{column: department, name: departemen}}
protected:
  - {{column: sex, name: jenis_kelamin, map: {{m: L, f: P}}, reference: L}}
id: employee
"""


def roles(case: str, competency: str = "{column: competency, name: kompetensi, missing: keep}",
          kinerja: str = "{column: rating, name: kinerja, missing: keep}", controls: str = "") -> str:
    """The roles file of a case: competency and kinerja as merit, optional controls, the department as scope."""
    return ROLES.format(case=case, competency=competency, kinerja=kinerja,
                        controls=f"controls: [{controls}]\n" if controls else "")


def _table(d: pd.DataFrame, eta: np.ndarray, rate: float, rng: np.random.Generator) -> pd.DataFrame:
    p = _expit(eta + _intercept(eta, rate))
    return d.assign(promoted=(rng.random(len(d)) < p).astype(int))


def explained_gap(seed: int, n: int = 6000) -> Table:
    """Women promoted about 11 % against men's 19 % because their measured merit is lower (0.6 SD); promotion follows
    merit only. Right verdict: an explained gap, on the side of the raw gap (lower), explained by merit."""
    rng = np.random.default_rng(seed)
    d = _people(n // 2, n // 2, 12, rng)
    women = (d["sex"] == "f").to_numpy()
    merit = rng.normal(0, 1, n) - 0.6 * women
    rating = 0.6 * merit + rng.normal(0, 0.8, n)
    d = d.assign(competency=np.round(70 + 8 * merit, 1), rating=np.round(3 + rating, 2))
    return Table(_table(d, 1.0 * merit, 0.15, rng), roles("explained_gap"), {"direction": "lower"})


def small_gap(seed: int, n: int = 20_000) -> Table:
    """Women's odds of promotion 0.8 times men's at equal merit, on 20,000 persons (15 % promoted). Right verdict:
    never `no disparity` (a real gap below the four-fifths bound: a minor gap)."""
    rng = np.random.default_rng(seed)
    d = _people(n // 2, n // 2, 12, rng)
    women = (d["sex"] == "f").to_numpy()
    merit = rng.normal(0, 1, n)
    d = d.assign(competency=np.round(70 + 8 * merit, 1), rating=np.round(3 + 0.6 * merit + rng.normal(0, 0.8, n), 2))
    return Table(_table(d, 1.0 * merit + np.log(0.8) * women, 0.15, rng), roles("small_gap"), {"odds_ratio": 0.8})


def tiny(seed: int, odds_ratio: float = 1.0, n_each: int = 50) -> Table:
    """50 women and 50 men in one department, about 30 % promoted, women at the given odds ratio at equal merit. Right
    verdict: never `no disparity` — the data cannot show a gap is small."""
    rng = np.random.default_rng(seed)
    d = _people(n_each, n_each, 1, rng)
    women = (d["sex"] == "f").to_numpy()
    merit = rng.normal(0, 1, len(d))
    d = d.assign(competency=np.round(70 + 8 * merit, 1), rating=np.round(3 + 0.6 * merit + rng.normal(0, 0.8, len(d)), 2))
    return Table(_table(d, 0.8 * merit + np.log(odds_ratio) * women, 0.3, rng), roles("tiny"), {"odds_ratio": odds_ratio})


def unequal_missing(seed: int, policy: str = "keep", n: int = 6000) -> Table:
    """No penalty: promotion follows merit alone, merit alike in both sexes. The competency test (part of selection)
    is missing for about 70 % of women and 25 % of men, and far less often for those promoted. Right verdict: no false
    disparity; who has the measure, by group and outcome, is shown."""
    rng = np.random.default_rng(seed)
    d = _people(n // 2, n // 2, 12, rng)
    women = (d["sex"] == "f").to_numpy()
    merit = rng.normal(0, 1, n)
    d = d.assign(competency=np.round(70 + 8 * merit, 1), rating=np.round(3 + 0.6 * merit + rng.normal(0, 0.8, n), 2))
    d = _table(d, 1.0 * merit, 0.15, rng)
    promoted = d["promoted"].to_numpy() == 1
    missing = np.where(women, np.where(promoted, 0.30, 0.75), np.where(promoted, 0.08, 0.27))
    d.loc[rng.random(n) < missing, "competency"] = np.nan
    comp = f"{{column: competency, name: kompetensi, missing: {policy}}}"
    return Table(d, roles("unequal_missing", competency=comp), {"odds_ratio": 1.0})


def collider(seed: int, measured: str | None = None, n: int = 6000) -> Table:
    """Women's odds 0.5 times men's at equal merit. Leadership training taken in the period — after the promotion
    decision, mostly by promoted men — is declared as a control (`measured` as the roles say, or not at all). Right
    verdict: the penalty stays a disparity; the control is refused (measured after) or left out and named."""
    rng = np.random.default_rng(seed)
    d = _people(n // 2, n // 2, 12, rng)
    women = (d["sex"] == "f").to_numpy()
    merit = rng.normal(0, 1, n)
    d = d.assign(competency=np.round(70 + 8 * merit, 1), rating=np.round(3 + 0.6 * merit + rng.normal(0, 0.8, n), 2))
    d = _table(d, 1.0 * merit + np.log(0.5) * women, 0.15, rng)
    promoted = d["promoted"].to_numpy() == 1
    trained = rng.random(n) < np.where(promoted, np.where(women, 0.35, 0.75), 0.06)
    d = d.assign(leadership_training=trained.astype(int))
    when = f", measured: {measured}" if measured else ""
    return Table(d, roles("collider", controls=f"{{column: leadership_training, name: diklat{when}}}"), {"odds_ratio": 0.5})


def tenure(seed: int, n: int = 6000) -> Table:
    """Merit alike; women's tenure 4 years shorter on average, and promotion rises with tenure (a legitimate, declared
    control measured before the period). Right verdict: a gap explained by the tenure control, never "by merit"."""
    rng = np.random.default_rng(seed)
    d = _people(n // 2, n // 2, 12, rng)
    women = (d["sex"] == "f").to_numpy()
    merit = rng.normal(0, 1, n)
    years = np.clip(rng.normal(14, 5, n) - 4 * women, 1, None)
    d = d.assign(competency=np.round(70 + 8 * merit, 1), rating=np.round(3 + 0.6 * merit + rng.normal(0, 0.8, n), 2),
                 tenure_years=np.round(years, 1))
    d = _table(d, 0.5 * merit + 0.15 * years, 0.15, rng)
    return Table(d, roles("tenure", controls="{column: tenure_years, name: masa_kerja, measured: before}"), {})


def tainted_rating(seed: int, n: int = 6000) -> Table:
    """Equal true performance in both sexes; the SKP rating marks women down 0.6 SD; promotion follows the rating and
    competency. Right verdict: the gap is explained by merit — and the rating's group gap (about −0.6 SD) is shown."""
    rng = np.random.default_rng(seed)
    d = _people(n // 2, n // 2, 12, rng)
    women = (d["sex"] == "f").to_numpy()
    performance, competency = rng.normal(0, 1, n), rng.normal(0, 1, n)
    rating = performance - 0.6 * women
    d = d.assign(competency=np.round(70 + 8 * competency, 1), rating=np.round(3 + 0.8 * rating, 3))
    return Table(_table(d, 0.5 * competency + 1.2 * rating, 0.15, rng), roles("tainted_rating"), {"rating_gap_sd": -0.6})


def unreliable_test(seed: int, n: int = 12_000, reliability: float | None = None) -> Table:
    """Men's true competency 0.8 SD higher; promotion follows true competency alone; the test score measures it with
    reliability 0.5 (as much noise as signal), the rating is pure noise. Adjusting for the score leaves a residual "gap"
    at equal measured merit. With the reliability declared, the verdict must not be a disparity."""
    rng = np.random.default_rng(seed)
    d = _people(n // 2, n // 2, 12, rng)
    women = (d["sex"] == "f").to_numpy()
    true = rng.normal(0, 1, n) - 0.8 * women
    noise_sd = np.sqrt(true.var())               # reliability 0.5: error variance = true variance
    score = true + rng.normal(0, noise_sd, n)
    d = d.assign(competency=np.round(70 + 8 * score, 2), rating=np.round(3 + rng.normal(0, 0.8, n), 2))
    comp = "{column: competency, name: kompetensi, missing: keep" + (f", reliability: {reliability}" if reliability
                                                                    else "") + "}"
    return Table(_table(d, 1.2 * true, 0.15, rng), roles("unreliable_test", competency=comp), {"reliability": 0.5})


def penalty(seed: int, odds_ratio: float = 0.7, n: int = 6000) -> Table:
    """Women's odds `odds_ratio` times men's at equal merit in every one of 12 departments."""
    rng = np.random.default_rng(seed)
    d = _people(n // 2, n // 2, 12, rng)
    women = (d["sex"] == "f").to_numpy()
    merit = rng.normal(0, 1, n)
    d = d.assign(competency=np.round(70 + 8 * merit, 1), rating=np.round(3 + 0.6 * merit + rng.normal(0, 0.8, n), 2))
    return Table(_table(d, 1.0 * merit + np.log(odds_ratio) * women, 0.15, rng), roles("penalty"),
                 {"odds_ratio": odds_ratio})


def one_opd_penalty(seed: int, n: int = 6000, dept: str = "D07", odds_ratio: float = 0.15) -> Table:
    """Women's odds `odds_ratio` times men's at equal merit in one department of 12, none elsewhere. Right verdict: the
    province row is not `no disparity`, and it names the department."""
    rng = np.random.default_rng(seed)
    d = _people(n // 2, n // 2, 12, rng)
    women = (d["sex"] == "f").to_numpy()
    inside = (d["department"] == dept).to_numpy()
    merit = rng.normal(0, 1, n)
    d = d.assign(competency=np.round(70 + 8 * merit, 1), rating=np.round(3 + 0.6 * merit + rng.normal(0, 0.8, n), 2))
    return Table(_table(d, 1.0 * merit + np.log(odds_ratio) * (women & inside), 0.2, rng), roles("one_opd_penalty"),
                 {"department": dept})


def many_opds(seed: int, n: int = 9000) -> Table:
    """42 departments whose sizes run from about 30 to 1,500 persons (as unequal as a province's), merit alike, promotion
    on merit; women penalised (OR 0.3) in the largest department D01 and favoured (OR 3) in the second largest D02."""
    rng = np.random.default_rng(seed)
    sizes = np.geomspace(1500, 30, 42)
    d = _people(n // 2, n // 2, 42, rng, sizes)
    women = (d["sex"] == "f").to_numpy()
    merit = rng.normal(0, 1, n)
    d = d.assign(competency=np.round(70 + 8 * merit, 1), rating=np.round(3 + 0.6 * merit + rng.normal(0, 0.8, n), 2))
    dept = d["department"].to_numpy()
    eta = 1.0 * merit + np.log(0.3) * (women & (dept == "D01")) + np.log(3.0) * (women & (dept == "D02"))
    return Table(_table(d, eta, 0.15, rng), roles("many_opds"), {"against": "D01", "favour": "D02"})
