"""Labels and messages in Bahasa Indonesia (default) and English."""

from __future__ import annotations

LANGS = ("id", "en")

#: validation rules → message template; `{column}` and `{value}` are filled in
RULES: dict[str, dict[str, str]] = {
    "nip_missing": {"id": "NIP kosong", "en": "NIP is empty"},
    "nip_length": {"id": "NIP harus 18 digit (ditemukan '{value}')", "en": "NIP must have 18 digits (found '{value}')"},
    "nip_not_digits": {"id": "NIP hanya boleh berisi angka", "en": "NIP must contain digits only"},
    "nip_birth_date": {"id": "8 digit pertama NIP bukan tanggal lahir yang mungkin",
                       "en": "the NIP's first 8 digits are not a possible birth date"},
    "nip_tmt": {"id": "TMT dalam NIP tidak mungkin (bulan/tahun tidak sah, di masa depan, atau sebelum usia 14)",
                "en": "the TMT inside the NIP is impossible (bad month/year, in the future, or before age 14)"},
    "nip_gender_digit": {"id": "digit jenis kelamin NIP (ke-15) harus 1 atau 2",
                         "en": "the NIP's gender digit (15th) must be 1 or 2"},
    "nip_serial": {"id": "nomor urut NIP harus 001–999", "en": "the NIP's serial must be 001–999"},
    "nip_birth_mismatch": {"id": "tanggal_lahir {value} tidak sama dengan tanggal lahir dalam NIP",
                           "en": "tanggal_lahir {value} disagrees with the birth date inside the NIP"},
    "nip_gender_mismatch": {"id": "jenis_kelamin '{value}' tidak sama dengan digit jenis kelamin NIP",
                            "en": "jenis_kelamin '{value}' disagrees with the NIP's gender digit"},
    "duplicate_key": {"id": "duplikat: {value}", "en": "duplicate: {value}"},
    "required": {"id": "kolom {column} wajib diisi", "en": "column {column} must not be empty"},
    "invalid_type": {"id": "nilai '{value}' pada {column} tidak dapat dibaca", "en": "value '{value}' in {column} cannot be read"},
    "enum": {"id": "nilai '{value}' pada {column} tidak termasuk daftar yang sah",
             "en": "value '{value}' in {column} is not one of the allowed values"},
    "range": {"id": "nilai {value} pada {column} di luar rentang yang sah", "en": "value {value} in {column} is out of range"},
    "golongan_status": {"id": "golongan '{value}' tidak sesuai status kepegawaian (PNS I/a–IV/e, PPPK I–XVII)",
                        "en": "golongan '{value}' does not fit the employment status (PNS I/a–IV/e, PPPK I–XVII)"},
    "eselon_required": {"id": "eselon wajib diisi untuk {value}", "en": "eselon is required for {value}"},
    "eselon_jenis": {"id": "eselon '{value}' tidak sesuai jenis jabatan", "en": "eselon '{value}' does not fit the position type"},
    "future_date": {"id": "tanggal {value} pada {column} ada di masa depan", "en": "date {value} in {column} is in the future"},
    "orphan": {"id": "NIP tidak ada di tabel pegawai", "en": "NIP is not in the pegawai table"},
    "parent_rejected": {"id": "baris pegawai untuk NIP ini ditolak", "en": "the pegawai row of this NIP was rejected"},
    "unbalanced_quote": {"id": "tanda kutip (\") yang dibuka di kolom {column} tidak ditutup; baris ini tidak dapat dibagi "
                                "menjadi sel dengan pasti, baris berikutnya tetap dibaca",
                         "en": "a quote (\") opened in column {column} is never closed; this row cannot be split into cells "
                               "reliably, the rows after it are still read"},
    "malformed_row": {"id": "baris ini berisi lebih banyak sel daripada header (sel tambahan: '{value}'); mungkin ada "
                             "pemisah (, atau ;) tanpa tanda kutip di dalam sel",
                      "en": "this row has more cells than the header (extra cell: '{value}'); perhaps a separator (, or ;) "
                            "inside a cell without quotes"},
    "nip_not_text": {"id": "NIP tersimpan sebagai angka ('{value}'), sehingga digit terakhirnya sudah hilang; format kolom NIP "
                            "sebagai Teks (Format Cells → Text) sebelum ekspor, atau ekspor ulang dari SIMPEG sebagai teks",
                     "en": "the NIP was stored as a number ('{value}'), so its last digits are lost; format the NIP column "
                           "as Text (Format Cells → Text) before exporting, or export it from SIMPEG again as text"},
    "date_invalid": {"id": "tanggal '{value}' pada {column} tidak sah (tidak ada di kalender, atau tahun di luar 1900–2100)",
                     "en": "date '{value}' in {column} is not valid (no such calendar day, or a year outside 1900–2100)"},
    "opd_kode_pattern": {"id": "kode OPD '{value}' pada {column} tidak sah: hanya huruf A–Z, angka, titik, garis bawah dan "
                                "tanda hubung, paling banyak 32 karakter, diawali huruf atau angka",
                         "en": "OPD code '{value}' in {column} is not valid: letters A–Z, digits, dot, underscore and hyphen "
                               "only, at most 32 characters, starting with a letter or a digit"},
}


def rule_message(rule: str, lang: str = "id", **fields: object) -> str:
    """The message of a validation rule in the given language."""
    template = RULES.get(rule, {}).get(lang, rule)
    return template.format(**{k: ("" if v is None else v) for k, v in fields.items()})


LABELS: dict[str, dict[str, str]] = {
    "table": {"id": "tabel", "en": "table"},
    "rows_read": {"id": "baris dibaca", "en": "rows read"},
    "rows_rejected": {"id": "baris ditolak", "en": "rows rejected"},
    "rule": {"id": "aturan", "en": "rule"},
    "row": {"id": "baris", "en": "row"},
    "rows_accepted": {"id": "baris diterima", "en": "rows accepted"},
    "count": {"id": "jumlah", "en": "count"},
    "clean": {"id": "Semua baris lolos validasi.", "en": "Every row passed validation."},
    "first_problems": {"id": "Masalah pertama", "en": "First problems"},
    "written_to": {"id": "Laporan baris yang ditolak ditulis ke", "en": "Rejected rows written to"},
}


def label(key: str, lang: str = "id") -> str:
    """A short UI label in the given language."""
    return LABELS.get(key, {}).get(lang, key)


# --------------------------------------------------------------------------- output tables (DESIGN §6)

#: column headers of the output tables, as people read them (report pages and ringkasan.xlsx)
COLUMNS: dict[str, dict[str, str]] = {
    "opd_kode": {"id": "Kode OPD", "en": "OPD code"}, "opd_nama": {"id": "Nama OPD", "en": "OPD name"},
    "n_pegawai": {"id": "Jumlah pegawai", "en": "Staff"},
    "coverage_profiling": {"id": "Cakupan profiling", "en": "Profiling coverage"},
    "coverage_kinerja": {"id": "Cakupan SKP 2 tahun", "en": "SKP coverage, 2 years"},
    "n_promosi": {"id": "Jumlah promosi", "en": "Promotions"},
    "share_promosi_talent_pool": {"id": "Promosi dari talent pool", "en": "Promotions from the talent pool"},
    "share_promosi_eligible": {"id": "Promosi yang memenuhi syarat", "en": "Promotions meeting every requirement"},
    "n_bypassed": {"id": "Calon lebih siap yang terlewati", "en": "More ready candidates passed over"},
    "fairness_flags": {"id": "Temuan disparitas", "en": "Disparity findings"},
    "index": {"id": "Indeks (0–100)", "en": "Index (0–100)"}, "category": {"id": "Kategori", "en": "Category"},
    "scope": {"id": "Cakupan", "en": "Scope"}, "attribute": {"id": "Atribut", "en": "Attribute"},
    "group": {"id": "Kelompok", "en": "Group"}, "reference_group": {"id": "Kelompok pembanding", "en": "Reference group"},
    "n_group": {"id": "Jumlah kelompok", "en": "Group size"}, "n_reference": {"id": "Jumlah pembanding", "en": "Reference size"},
    "promoted_group": {"id": "Dipromosikan (kelompok)", "en": "Promoted (group)"},
    "promoted_reference": {"id": "Dipromosikan (pembanding)", "en": "Promoted (reference)"},
    "rate_group": {"id": "Tingkat promosi kelompok", "en": "Group promotion rate"},
    "rate_reference": {"id": "Tingkat promosi pembanding", "en": "Reference promotion rate"},
    "impact_ratio": {"id": "Rasio dampak", "en": "Impact ratio"}, "shortfall": {"id": "Kekurangan (orang)", "en": "Shortfall (persons)"},
    "p_value": {"id": "Nilai p", "en": "p value"}, "p_adjusted": {"id": "Nilai p (BH)", "en": "p value (BH)"},
    "adjusted_odds_ratio": {"id": "Odds ratio disesuaikan", "en": "Adjusted odds ratio"},
    "aor_ci_low": {"id": "OR batas bawah", "en": "OR lower bound"}, "aor_ci_high": {"id": "OR batas atas", "en": "OR upper bound"},
    "aor_p_adjusted": {"id": "Nilai p OR (BH)", "en": "OR p value (BH)"}, "flag": {"id": "Penanda", "en": "Flag"},
    "model": {"id": "Model", "en": "Model"}, "term": {"id": "Variabel", "en": "Term"},
    "odds_ratio": {"id": "Odds ratio", "en": "Odds ratio"}, "ci_low": {"id": "Batas bawah 95%", "en": "95% lower bound"},
    "ci_high": {"id": "Batas atas 95%", "en": "95% upper bound"}, "n": {"id": "n", "en": "n"}, "auc": {"id": "AUC", "en": "AUC"},
    "table": {"id": "Tabel", "en": "Table"}, "row": {"id": "Baris", "en": "Row"}, "column": {"id": "Kolom", "en": "Column"},
    "rule": {"id": "Aturan", "en": "Rule"}, "message": {"id": "Keterangan", "en": "Message"}, "value": {"id": "Nilai", "en": "Value"},
}


def column(key: str, lang: str = "id") -> str:
    """The readable header of an output-table column (unknown columns: underscores to spaces, capitalized)."""
    return COLUMNS.get(key, {}).get(lang) or key.replace("_", " ").capitalize()


# --------------------------------------------------------------------------- fairness audit (merit_lib.analysis.fairness)

LABELS.update({
    "flag": {"id": "tanda", "en": "flag"},
    "flag_name": {"id": "tanda", "en": "name"},
    "reference": {"id": "pembanding", "en": "reference"},
    "audit_title": {"id": "Audit keadilan promosi", "en": "Promotion fairness audit"},
    "fingerprint": {"id": "sidik jari data", "en": "data fingerprint"},
    "at_risk": {"id": "pegawai berisiko dipromosikan", "en": "persons at risk of promotion"},
    "promoted": {"id": "dipromosikan", "en": "promoted"},
    "in_model": {"id": "dalam model terkoreksi merit", "en": "in the merit-adjusted model"},
    "attributes": {"id": "atribut", "en": "attributes"},
    "scopes": {"id": "lingkup", "en": "scopes"},
    "tests": {"id": "uji", "en": "tests"},
    "scope": {"id": "lingkup", "en": "scope"},
    "attribute": {"id": "atribut", "en": "attribute"},
    "group": {"id": "kelompok", "en": "group"},
    "reference_group": {"id": "pembanding", "en": "reference"},
    "n_group": {"id": "n kelompok", "en": "n group"},
    "n_reference": {"id": "n pembanding", "en": "n reference"},
    "promoted_group": {"id": "promosi kelompok", "en": "promoted (group)"},
    "rate_group": {"id": "tingkat promosi kelompok (IK 95%)", "en": "group promotion rate (95% CI)"},
    "rate_reference": {"id": "tingkat promosi pembanding (IK 95%)", "en": "reference promotion rate (95% CI)"},
    "impact_ratio": {"id": "rasio dampak", "en": "impact ratio"},
    "shortfall": {"id": "selisih (orang)", "en": "shortfall (persons)"},
    "p_adjusted": {"id": "p Fisher (BH)", "en": "Fisher p (BH)"},
    "adjusted_odds_ratio": {"id": "rasio odds terkoreksi merit (IK 95%)", "en": "merit-adjusted odds ratio (95% CI)"},
    "aor_p_adjusted": {"id": "p terkoreksi merit (BH)", "en": "merit-adjusted p (BH)"},
    "eo_rate_group": {"id": "tingkat promosi di talent pool", "en": "promotion rate in the talent pool"},
    "lr_test": {"id": "uji rasio kemungkinan", "en": "likelihood-ratio test"},
})

#: the four flags of the fairness audit
FLAG_LABELS: dict[str, dict[str, str]] = {
    "disparity": {"id": "disparitas", "en": "disparity"},
    "explained gap": {"id": "kesenjangan terjelaskan merit", "en": "explained gap"},
    "insufficient data": {"id": "data tidak cukup", "en": "insufficient data"},
    "no disparity": {"id": "tidak ada disparitas", "en": "no disparity"},
}

#: the rule of each flag; fields are filled from merit_lib.analysis.fairness.AuditParams.rule_fields()
FLAG_RULES: dict[str, dict[str, str]] = {
    "disparity": {
        "id": "Kesenjangan TIDAK dijelaskan oleh merit: pada kompetensi, kinerja, pemenuhan syarat dan variabel kontrol "
              "model yang sama, peluang promosi kelompok berbeda dari pembanding — IK {level}% rasio odds terkoreksi merit "
              "tidak memuat 1, p-nya setelah koreksi Benjamini–Hochberg < {alpha}, dan kesenjangannya berarti secara praktis "
              "(rasio dampak < {impact_low} atau > {impact_high}, atau selisih sedikitnya {min_shortfall:g} orang).",
        "en": "The gap is NOT explained by merit: at equal competency, kinerja, eligibility and model controls the group's "
              "odds of promotion differ from the reference's — the {level}% CI of the merit-adjusted odds ratio excludes 1, "
              "its Benjamini–Hochberg adjusted p < {alpha}, and the gap is practical (impact ratio < {impact_low} or "
              "> {impact_high}, or a shortfall of at least {min_shortfall:g} person(s)).",
    },
    "explained gap": {
        "id": "Kesenjangan mentah berarti secara praktis dan signifikan (uji eksak Fisher, p setelah koreksi "
              "Benjamini–Hochberg < {alpha}) tetapi hilang setelah merit dan variabel kontrol diperhitungkan (IK {level}% "
              "rasio odds terkoreksi merit memuat 1): bukan "
              "diskriminasi pada tahap promosi, namun layak ditelusuri ke hulu (siapa yang mendapat pengembangan, "
              "siapa yang diasesmen).",
        "en": "The raw gap is practical and significant (Fisher exact test, Benjamini–Hochberg adjusted p < {alpha}) but "
              "disappears once merit and the model controls are accounted for (the {level}% CI of the merit-adjusted odds "
              "ratio includes 1): not discrimination at the promotion step, "
              "yet worth a look upstream (who gets development, who gets assessed).",
    },
    "insufficient data": {
        "id": "Tidak diuji: kelompok atau pembandingnya kurang dari {min_group} orang, kelompok kurang dari "
              "{min_share_pct}% pegawai berisiko di lingkup itu, kurang dari {min_promotions} promosi pada kelompok dan "
              "pembanding bersama-sama, atau model terkoreksi merit tidak dapat diestimasi (tidak ada data merit).",
        "en": "Not tested: the group or its reference has fewer than {min_group} persons, the group is under "
              "{min_share_pct}% of the scope's persons at risk, group and reference together had fewer than "
              "{min_promotions} promotions, or the merit-adjusted model cannot be estimated (no merit data).",
    },
    "no disparity": {
        "id": "Tidak ada aturan di atas yang terpenuhi. Ini bukan bukti kesetaraan: bacalah lebar interval kepercayaannya.",
        "en": "None of the rules above applies. This is not proof of equality: read the width of the confidence intervals.",
    },
}

#: data-quality caveats of an audit; fields are the counts of AuditResult.meta["counts"]
AUDIT_CAVEATS: dict[str, dict[str, str]] = {
    "rejected": {"id": "{n} baris data ditolak saat validasi ({detail}); baris itu tidak ikut diaudit "
                       "(rinciannya: merit validate).",
                 "en": "{n} data rows were rejected by validation ({detail}); they are not in the audit "
                       "(details: merit validate)."},
    "at_risk": {"id": "{n_at_risk} dari {n_rows} pegawai berisiko dipromosikan pada periode ini; {n_promoted} di antaranya "
                      "dipromosikan.",
                "en": "{n_at_risk} of {n_rows} persons were at risk of promotion in the period; {n_promoted} were promoted."},
    "no_merit": {"id": "{n_no_merit} pegawai berisiko ({pct}) tanpa data merit atau kontrol yang lengkap (belum diasesmen, "
                       "SKP kosong): mereka ikut dalam tingkat promosi mentah, tetapi tidak dalam model terkoreksi merit.",
                 "en": "{n_no_merit} persons at risk ({pct}) lack complete merit or control data (not assessed, SKP "
                       "missing): they count in the raw rates but not in the merit-adjusted model."},
    "missing_attribute": {"id": "{n} pegawai berisiko tanpa nilai {attribute}: tidak ikut dalam audit atribut itu.",
                          "en": "{n} persons at risk have no {attribute}: they are not in that attribute's audit."},
    "missing_scope": {"id": "{n} pegawai berisiko tanpa lingkup (OPD): hanya ikut di tingkat provinsi.",
                      "en": "{n} persons at risk have no scope (OPD): they count for the province only."},
    "no_promotion": {"id": "{n} dari {n_scopes} lingkup tidak mempromosikan siapa pun pada periode ini: tidak ada yang "
                           "dapat diuji di sana.",
                     "en": "{n} of {n_scopes} scopes promoted nobody in the period: nothing can be tested there."},
    "insufficient": {"id": "{n_insufficient} dari {n_findings} temuan tidak diuji (data tidak cukup); {n_suppressed} di "
                           "antaranya menyangkut kelompok < 5 orang dan angkanya disembunyikan.",
                     "en": "{n_insufficient} of {n_findings} findings were not tested (insufficient data); {n_suppressed} "
                           "of them concern groups under 5 persons and their figures are suppressed."},
    "lr": {"id": "{n_lr} temuan memakai uji rasio kemungkinan karena kelompok atau pembandingnya tanpa promosi sama sekali "
                 "(rasio odds 0 atau tak hingga).",
           "en": "{n_lr} findings use a likelihood-ratio test because the group or its reference had no promotion at all "
                 "(odds ratio 0 or infinite)."},
}


def flag_label(flag: str, lang: str = "id") -> str:
    """The name of an audit flag in the given language."""
    return FLAG_LABELS.get(flag, {}).get(lang, flag)


def flag_rule(flag: str, lang: str = "id", **fields: object) -> str:
    """The rule of an audit flag, thresholds filled in."""
    return FLAG_RULES[flag][lang].format(**fields)


# --------------------------------------------------------------------------- readiness models (merit_lib.analysis.model)

#: messages of the readiness models; fields arrive already formatted for the language (see merit_lib.analysis.model)
MODEL_MESSAGES: dict[str, dict[str, str]] = {
    "sample": {"id": "{n_model} dari {n_at_risk} pegawai berisiko (yang dapat dipromosikan pada periode ini) masuk model; "
                     "{n_events} di antaranya dipromosikan.",
               "en": "{n_model} of {n_at_risk} persons at risk (who could be promoted in the period) are modelled; "
                     "{n_events} of them were promoted."},
    "dropped": {"id": "{n_dropped} pegawai berisiko tidak masuk model karena datanya kurang ({detail}). Hasil model "
                      "berlaku untuk pegawai yang datanya lengkap.",
                "en": "{n_dropped} persons at risk are left out for missing data ({detail}). The results hold for those "
                      "with complete data."},
    "no_rows": {"id": "Tidak ada pegawai berisiko dengan data lengkap: model tidak dapat diestimasi.",
                "en": "No person at risk has complete data: no model can be estimated."},
    "no_events": {"id": "Tidak ada satu pun promosi di antara {n} pegawai yang dimodelkan: tidak ada yang dapat dijelaskan, "
                        "model tidak diestimasi.",
                  "en": "Nobody among the {n} modelled persons was promoted: there is nothing to explain, no model is "
                        "estimated."},
    "all_events": {"id": "Semua {n} pegawai yang dimodelkan dipromosikan: tidak ada pembanding, model tidak diestimasi.",
                   "en": "All {n} modelled persons were promoted: there is no comparison, no model is estimated."},
    "low_epv": {"id": "Model {model}: hanya {n_events} kejadian (promosi atau bukan-promosi, mana yang lebih jarang) untuk "
                      "{k} parameter, yaitu {epv} kejadian per variabel (di bawah {min_epv}). Estimasi biasa tidak stabil "
                      "pada data sekecil ini; dipakai regresi logistik berpenalti (ridge) yang menarik OR ke arah 1. "
                      "CI dan p tidak dihitung: penalti membuat CI biasa tidak sah.",
                "en": "Model {model}: only {n_events} events (promoted or not promoted, whichever is rarer) for {k} "
                      "parameters, i.e. {epv} events per variable (below {min_epv}). Ordinary estimates are unstable on "
                      "so little data; a penalized (ridge) logistic regression is used, which pulls odds ratios towards 1. "
                      "No CI or p: the penalty makes ordinary CIs invalid."},
    "separation": {"id": "Model {model}: pemisahan (separation) terdeteksi — {detail}. OR biasa akan tak hingga atau tidak "
                         "masuk akal; dipakai regresi logistik berpenalti (ridge). CI dan p tidak dihitung.",
                   "en": "Model {model}: separation detected — {detail}. Ordinary odds ratios would be infinite or absurd; "
                         "a penalized (ridge) logistic regression is used. No CI or p."},
    "sep_group": {"id": "{term}: {k} dari {n} orang dipromosikan", "en": "{term}: {k} of {n} persons promoted"},
    "sep_fit": {"id": "estimasi tidak konvergen atau koefisien tidak masuk akal ({terms})",
                "en": "the fit did not converge or gave absurd coefficients ({terms})"},
    "collinear": {"id": "Model {model}: kolom desain saling kolinear (satu kolom dapat ditulis dari kolom lain); dipakai "
                        "regresi logistik berpenalti (ridge). CI dan p tidak dihitung.",
                  "en": "Model {model}: the design columns are collinear (one is a combination of others); a penalized "
                        "(ridge) logistic regression is used. No CI or p."},
    "gee_skipped": {"id": "Model gee tidak diestimasi: {reason}.", "en": "Model gee is not estimated: {reason}."},
    "gee_penalized": {"id": "model logit memerlukan penalti (lihat di atas) dan statsmodels tidak menyediakan GEE berpenalti",
                      "en": "the logit model needed a penalty (see above) and statsmodels has no penalized GEE"},
    "gee_clusters": {"id": "hanya {g} kelompok {scope} (perlu paling sedikit {min})",
                     "en": "only {g} {scope} groups (at least {min} needed)"},
    "gee_failed": {"id": "estimasi tidak konvergen ({detail})", "en": "the fit did not converge ({detail})"},
    "one_cluster": {"id": "Hanya ada satu kelompok {scope}: SE klaster tidak mungkin, dipakai SE robust (HC1).",
                    "en": "There is only one {scope} group: cluster SEs are impossible, robust (HC1) SEs are used."},
    "few_clusters": {"id": "Hanya {g} kelompok {scope}: dengan kurang dari {min} klaster SE klaster cenderung terlalu kecil. "
                           "CI memakai distribusi t dengan {df} derajat bebas; tetap tafsirkan dengan hati-hati.",
                     "en": "Only {g} {scope} groups: with fewer than {min} clusters, cluster SEs tend to be too small. CIs "
                           "use a t distribution with {df} degrees of freedom; still read them with care."},
    "constant": {"id": "Kolom {columns} bernilai sama untuk semua yang dimodelkan, sehingga dikeluarkan dari model.",
                 "en": "Column(s) {columns} take one value for everyone modelled and are left out of the model."},
    "centered": {"id": "Ukuran kompetensi dan kinerja dipusatkan pada rata-ratanya ({means}). OR per satu satuan tidak "
                       "berubah; dalam model interaksi, OR utama kompetensi berlaku pada kinerja rata-rata (dan sebaliknya).",
                 "en": "Competency and kinerja measures are centred at their means ({means}). Odds ratios per unit do not "
                       "change; in the interaction model the main OR of competency applies at average kinerja (and vice "
                       "versa)."},
    "interaction": {"id": "Interaksi {term} (logika 9-box: apakah kompetensi lebih menentukan bila kinerja tinggi?): OR {or_} "
                          "(CI 95% {lo}–{hi}), p {p}. {verdict}",
                    "en": "Interaction {term} (the 9-box logic: does competency matter more when kinerja is high?): OR {or_} "
                          "(95% CI {lo}–{hi}), p {p}. {verdict}"},
    "interaction_up": {"id": "Pengaruh {comp} lebih kuat {where}.", "en": "{comp} matters more {where}."},
    "interaction_down": {"id": "Pengaruh {comp} lebih lemah {where}.", "en": "{comp} matters less {where}."},
    "where_higher": {"id": "pada {kin} yang lebih tinggi", "en": "at higher {kin}"},
    "where_level": {"id": "pada {kin} = {level} dibanding {reference}", "en": "at {kin} = {level} than at {reference}"},
    "interaction_none": {"id": "Tidak ada bukti bahwa pengaruh kompetensi bergantung pada kinerja (CI memuat 1).",
                         "en": "No evidence that the effect of competency depends on kinerja (the CI includes 1)."},
    "interaction_penalized": {"id": "Interaksi {term}: estimasi berpenalti OR {or_}, tanpa CI (lihat catatan ridge).",
                              "en": "Interaction {term}: penalized estimate OR {or_}, no CI (see the ridge note)."},
    "gee_rho": {"id": "Model gee: korelasi kerja antar-pegawai dalam {scope} yang sama (exchangeable) = {rho}{floored}; "
                      "SE {cov}. OR-nya bersifat rata-rata populasi.",
                "en": "Model gee: working correlation between persons of the same {scope} (exchangeable) = {rho}{floored}; "
                      "SEs {cov}. Its odds ratios are population-averaged."},
    "gee_bias_reduced": {"id": "sandwich dengan koreksi Mancl–DeRouen untuk jumlah kelompok yang terbatas",
                         "en": "sandwich with the Mancl–DeRouen correction for a limited number of groups"},
    "gee_robust": {"id": "sandwich tanpa koreksi Mancl–DeRouen (kelompok terbesar, {k} orang, terlalu besar untuk koreksi itu; "
                         "SE bisa sedikit terlalu kecil)",
                   "en": "sandwich without the Mancl–DeRouen correction (the largest group, {k} persons, is too large for "
                         "it; SEs may be slightly too small)"},
    "gee_floored": {"id": " (estimasi negatif dibatasi ke 0)", "en": " (a negative estimate is floored at 0)"},
    "ame_analytic": {"id": "Efek marginal rata-rata model {model} dihitung dari turunan probabilitas prediksi, tanpa CI "
                           "(get_margeff statsmodels tidak menangani suku interaksi atau estimasi berpenalti).",
                     "en": "Average marginal effects of model {model} are derivatives of the predicted probability, without "
                           "CI (statsmodels get_margeff handles neither interaction terms nor penalized fits)."},
    # the plain-language reading
    "unit_number": {"id": "setiap satu satuan lebih tinggi", "en": "each unit higher"},
    "unit_level": {"id": "nilai {level} dibanding acuan {reference}", "en": "level {level} against the reference {reference}"},
    "read_up": {"id": "{measure} — {unit}: odds promosi {or_} kali lipat (CI 95% {lo}–{hi}) di antara pegawai yang sama "
                      "dalam {controls}; rata-rata peluang promosi {ame} poin persentase.",
                "en": "{measure} — {unit}: {or_} times the odds of promotion (95% CI {lo}–{hi}) among persons alike in "
                      "{controls}; on average {ame} percentage points of promotion probability."},
    "read_down": {"id": "{measure} — {unit}: odds promosi LEBIH RENDAH, {or_} kali (CI 95% {lo}–{hi}), di antara pegawai "
                        "yang sama dalam {controls}; rata-rata peluang promosi {ame} poin persentase.",
                  "en": "{measure} — {unit}: LOWER odds of promotion, {or_} times (95% CI {lo}–{hi}), among persons alike "
                        "in {controls}; on average {ame} percentage points of promotion probability."},
    "read_null": {"id": "{measure} — {unit}: tidak dapat dibedakan dari tidak ada hubungan (OR {or_}, CI 95% {lo}–{hi} "
                        "memuat 1).",
                  "en": "{measure} — {unit}: cannot be told apart from no association (OR {or_}, the 95% CI {lo}–{hi} "
                        "includes 1)."},
    "read_penalized": {"id": "{measure} — {unit}: estimasi berpenalti OR {or_}, tanpa CI (data terlalu sedikit untuk "
                             "kepastian).",
                       "en": "{measure} — {unit}: penalized estimate OR {or_}, no CI (too little data for certainty)."},
    "not_estimable": {"id": "Model {model}: OR {terms} dikosongkan — variabel itu (hampir) sepenuhnya memisahkan yang "
                            "dipromosikan dari yang tidak, sehingga data ini hanya menunjukkan arah hubungannya ({direction}), "
                            "bukan besarnya.",
                      "en": "Model {model}: the OR of {terms} is left empty — it (almost) perfectly separates the promoted "
                            "from the others, so these data show only the direction of the association ({direction}), not "
                            "its size."},
    "dir_up": {"id": "{term} lebih tinggi, lebih sering dipromosikan", "en": "{term} higher, promoted more often"},
    "dir_down": {"id": "{term} lebih tinggi, lebih jarang dipromosikan", "en": "{term} higher, promoted less often"},
    "read_auc": {"id": "Daya pembeda (AUC) {auc}: pada {pct} pasangan acak (satu dipromosikan, satu tidak) model memberi "
                       "peluang lebih tinggi kepada yang dipromosikan (0,5 = menebak, 1 = sempurna).",
                 "en": "Discrimination (AUC) {auc}: in {pct} of random pairs (one promoted, one not) the model gives the "
                       "promoted person the higher probability (0.5 = guessing, 1 = perfect)."},
    "read_calibration": {"id": "Kalibrasi: pada {ok} dari {m} kelompok desil, proporsi yang benar-benar dipromosikan sesuai "
                               "dengan prediksi (CI Wilson 95% memuat nilai prediksi).",
                         "en": "Calibration: in {ok} of {m} decile groups the share actually promoted agrees with the "
                               "prediction (the 95% Wilson CI contains the predicted value)."},
    "read_not_cause": {"id": "Yang TIDAK dikatakan angka ini: ini hubungan dalam data (asosiasi), bukan sebab-akibat. Model "
                             "tidak membuktikan bahwa menaikkan kompetensi seseorang akan membuatnya dipromosikan, tidak "
                             "menilai apakah satu keputusan promosi tepat, dan hubungan dapat juga timbul dari hal yang tidak "
                             "diukur (formasi jabatan yang kosong, jejaring, penilaian yang dipengaruhi atasan).",
                       "en": "What these numbers do NOT say: this is an association in the data, not cause and effect. The "
                             "model does not show that raising someone's competency will get them promoted, does not judge "
                             "whether any one promotion was right, and the association may also come from things not "
                             "measured (vacant positions, networks, ratings swayed by superiors)."},
    "read_not_person": {"id": "Probabilitas per orang merangkum pola masa lalu; itu bukan skor kelayakan dan bukan dasar "
                              "keputusan atas seseorang.",
                        "en": "A person's probability summarises past patterns; it is not a merit score and not a basis for "
                              "a decision about that person."},
}

#: names of the model methods, as the coefficient table and the summary show them
MODEL_METHODS: dict[str, dict[str, str]] = {
    "logit_cluster": {"id": "regresi logistik, SE klaster per {scope}", "en": "logistic regression, SEs clustered by {scope}"},
    "logit_hc1": {"id": "regresi logistik, SE robust (HC1)", "en": "logistic regression, robust (HC1) SEs"},
    "gee_exchangeable": {"id": "GEE binomial, korelasi exchangeable dalam {scope}",
                         "en": "binomial GEE, exchangeable correlation within {scope}"},
    "ridge": {"id": "regresi logistik berpenalti (ridge), tanpa CI", "en": "penalized (ridge) logistic regression, no CI"},
}


def model_message(key: str, lang: str = "id", **fields: object) -> str:
    """A message of the readiness models in the given language, fields filled in."""
    return MODEL_MESSAGES[key][lang].format(**fields)


def number(x: float, lang: str = "id", digits: int = 2) -> str:
    """A number with a decimal comma (id) or point (en); '–' when missing."""
    if x is None or x != x:
        return "–"
    s = f"{x:,.{digits}f}"
    return s.replace(",", " ").replace(".", ",").replace(" ", ".") if lang == "id" else s


def p_value(p: float, lang: str = "id") -> str:
    """A p-value as '< 0,001' or '= 0,034' (decimal comma in id)."""
    if p is None or p != p:
        return "–"
    return "< " + number(0.001, lang, 3) if p < 0.001 else "= " + number(p, lang, 3)
