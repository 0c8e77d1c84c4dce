"""Declared roles: which columns of an analysis frame the models and the audit read.

The ASN extract is one mapping (`ASN`, the default); a flat promotion table is another, read from a
roles YAML file (see `merit_lib.data.flat`). Models and audit never hard-wire ASN column names.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Roles:
    """Column roles of an analysis frame."""

    outcome: str = "dipromosikan"
    competency: tuple[str, ...] = ("kompetensi",)
    kinerja: tuple[str, ...] = ("kinerja",)
    controls: tuple[str, ...] = ("golongan_ordinal", "masa_kerja", "pendidikan_s1", "level_awal")
    categorical: tuple[str, ...] = ("level_awal",)
    scope: str = "opd_kode"
    scope_label: str = "opd_nama"
    protected: tuple[str, ...] = ("jenis_kelamin", "kelompok_usia", "status_kepegawaian")
    reference: dict[str, str] = field(default_factory=dict)
    qualified: str | None = "talent_pool"        # the merit-qualified (equal opportunity)
    eligible: str | None = "memenuhi_syarat"     # every requirement met (an audit control)
    at_risk: str | None = "berisiko"             # who could be promoted in the period
    id: str | None = "nip"                       # the person (a person-quarter frame repeats it)
    period: str | None = "triwulan"              # the quarter of a person-quarter row (its baseline hazard)
    #: when each merit measure and control is measured against the start of the period: `before` (the ASN contract's
    #: predictors are all dated before the quarter's start) or `after` (taken in or after the period: refused, since it
    #: can be caused by the promotion); a column not named here is of unknown time (checked from the data, and said)
    measured: dict[str, str] = field(default_factory=dict)
    #: the declared reliability (0–1] of a merit measure (an assessment centre reports it): the audit then also gives
    #: the adjusted effect under that reliability (regression calibration)
    reliability: dict[str, float] = field(default_factory=dict)
    #: further measures of merit whose group gaps the audit shows beside those of `merit` (not in the model)
    gap_measures: tuple[str, ...] = ()

    @property
    def merit(self) -> tuple[str, ...]:
        """Competency and kinerja measures together."""
        return self.competency + self.kinerja

    def terms(self, columns: tuple[str, ...] | None = None) -> list[str]:
        """Formula terms (patsy) for these columns, categorical ones wrapped in C(); default merit + controls."""
        cols = columns if columns is not None else self.merit + self.controls
        return [f"C({c})" if c in self.categorical else c for c in cols]

    def with_(self, **changes: object) -> Roles:
        """A copy with some roles changed (e.g. other controls)."""
        return replace(self, **changes)  # type: ignore[arg-type]


#: when a measure may be taken: before the period's start (a predictor), or after it (caused by the outcome: refused)
BEFORE, AFTER = "before", "after"
TIMES = (BEFORE, AFTER)

#: the ASN extract; fixed reference groups, so a reference never flips between extracts; every predictor of a
#: person-quarter is dated before the quarter's start (merit_lib.analysis.features), JPM is shown beside the model's merit
ASN = Roles(reference={"jenis_kelamin": "L", "status_kepegawaian": "PNS"},
            measured={c: BEFORE for c in ("kompetensi", "kinerja", "golongan_ordinal", "masa_kerja", "pendidikan_s1",
                                          "level_awal")},
            gap_measures=("jpm",))
