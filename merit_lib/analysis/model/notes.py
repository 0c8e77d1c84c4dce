"""Messages for the reader of the readiness models: a `Note` is a key and its fields, rendered in Bahasa Indonesia or
English (this module's `_MESSAGES` first, then `text.MODEL_MESSAGES`)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from merit_lib.domain import text

_WORDS = {
    "title": {"id": "Model kesiapan promosi", "en": "Promotion readiness models"},
    "controls": {"id": "kontrol", "en": "controls"},
    "n": {"id": "n", "en": "n"},
    "events": {"id": "promosi", "en": "promoted"},
    "notes": {"id": "Catatan", "en": "Notes"},
    "none": {"id": "(tidak ada model yang diestimasi)", "en": "(no model estimated)"},
    "ci": {"id": "CI 95%", "en": "95% CI"},
}


#: messages of the local handling of sparse data (same shape as `text.MODEL_MESSAGES`, looked up first)
_MESSAGES: dict[str, dict[str, str]] = {
    "control_absent": {"id": "{column} tidak ada datanya → tidak dimasukkan sebagai kontrol (dengan kolom ini semua "
                             "pegawai akan keluar dari model). OR lainnya tidak disesuaikan untuk {column}.",
                       "en": "{column} has no data → not used as a control (with it, everyone would leave the model). "
                             "The other odds ratios are not adjusted for {column}."},
    "control_sparse": {"id": "{column} kosong untuk {n_missing} dari {n_at_risk} pegawai berisiko ({pct}, lebih dari batas "
                             "{max_pct}) → tidak dimasukkan sebagai kontrol, agar pegawai itu tetap masuk model. OR lainnya "
                             "tidak disesuaikan untuk {column}.",
                       "en": "{column} is empty for {n_missing} of {n_at_risk} persons at risk ({pct}, more than the limit "
                             "of {max_pct}) → not used as a control, so that these persons stay in the model. The other "
                             "odds ratios are not adjusted for {column}."},
    "level_predicted": {"id": "{column} = {level}: {k} dari {n} pegawai dipromosikan — peluang promosi kelompok ini tidak "
                              "dapat diestimasi (hasilnya diprediksi sempurna), sehingga {n} pegawai itu dan kategori ini "
                              "dikeluarkan dari model (seperti logit di Stata). Hasil model berlaku untuk {column} lainnya.",
                        "en": "{column} = {level}: {k} of {n} persons promoted — the promotion odds of this group cannot be "
                              "estimated (its outcome is perfectly predicted), so these {n} persons and this category are "
                              "left out of the model (as Stata's logit does). The results hold for the other {column} "
                              "values."},
    "reference_moved": {"id": "Acuan {column} berpindah dari {old} ke {new} karena {old} dikeluarkan dari model.",
                        "en": "The reference of {column} moves from {old} to {new} because {old} is left out of the model."},
    "few_clusters": {"id": "Hanya {g} kelompok {scope}: dengan sedikit klaster (atau klaster yang sangat tidak sama besar) SE "
                           "klaster cenderung terlalu kecil, jadi setiap SE tidak pernah di bawah SE berbasis model (CI dengan SE "
                           "klaster memakai distribusi t dengan {df} derajat bebas; dipilih lewat simulasi: cakupan 94–95% "
                           "dengan 5, 12 dan 42 OPD).",
                     "en": "Only {g} {scope} groups: with few (or very unequal) clusters, cluster SEs tend to be too small, so "
                           "no SE is ever below its model-based SE (CIs on a cluster SE use a t distribution with {df} degrees of "
                           "freedom; chosen by simulation: 94–95% coverage with 5, 12 and 42 OPDs)."},
    "cluster_floor": {"id": "{model}: {n} dari {k} SE klaster lebih kecil daripada SE berbasis model dan dinaikkan ke SE itu "
                            "(klaster terlalu sedikit atau tidak sama besar untuk dipercaya sendiri).",
                      "en": "{model}: {n} of {k} cluster SEs were smaller than the model-based SE and were raised to it "
                            "(too few or too unequal clusters to be trusted alone)."},
    "nothing_left": {"id": "Setelah kelompok yang hasilnya diprediksi sempurna dikeluarkan, tersisa {n} pegawai dengan "
                           "{n_events} promosi: tidak ada yang dapat diestimasi, model tidak diestimasi.",
                     "en": "Once the groups whose outcome is perfectly predicted are left out, {n} persons with {n_events} "
                           "promotions remain: nothing can be estimated, no model is estimated."},
}


# --------------------------------------------------------------------------- notes


@dataclass(frozen=True)
class Note:
    """A message for the reader: a key of `_MESSAGES` or `text.MODEL_MESSAGES` and its fields, in either language."""

    key: str
    fields: dict[str, object] = field(default_factory=dict)

    def render(self, lang: str = "id") -> str:
        """The message in `lang`, numbers formatted for it (this module's `_MESSAGES` first, then `text`)."""
        fields = {k: _fmt(k, v, lang) for k, v in self.fields.items()}
        if self.key in _MESSAGES:
            return _MESSAGES[self.key][lang].format(**fields)
        return text.model_message(self.key, lang, **fields)


def _fmt(key: str, value: object, lang: str) -> str:
    """One field of a note, formatted for the language (nested notes rendered, lists joined)."""
    if isinstance(value, Note):
        return value.render(lang)
    if isinstance(value, list):
        return "; ".join(_fmt(key, v, lang) for v in value)
    if isinstance(value, tuple):          # (name, number)
        return f"{value[0]} {_fmt(key, value[1], lang)}"
    if isinstance(value, bool | str):
        return str(value)
    if isinstance(value, int | np.integer):
        return text.number(float(value), lang, 0)
    if isinstance(value, float | np.floating):
        return _fmt_float(key, float(value), lang)
    return str(value)


def _fmt_float(key: str, v: float, lang: str) -> str:
    """A number by what it is: p-value, correlation (4 decimals), share as percent, AME in percentage points, or 2 decimals."""
    if key == "p":
        return text.p_value(v, lang)
    if key == "rho":
        return text.number(v, lang, 4)
    if key in ("pct", "max_pct"):
        return text.number(100 * v, lang, 0) + "%"
    if key == "ame":
        return ("+" if v >= 0 else "") + text.number(100 * v, lang, 1)
    return text.number(v, lang)
