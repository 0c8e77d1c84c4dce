"""The catalogue: every reader-facing text in Bahasa Indonesia (default) and English.

Each entry is `{"id": …, "en": …}`, found by `t(key, lang, **fields)` (`section.key`, see SECTIONS) or by the few typed
helpers (rule_message, label, column, flag_label, category, term_label). Stable machine codes (verdicts, categories,
ledger reasons) live in `merit_lib.domain.codes`; the sections below map code → words. Numbers, percentages, dates
and periods are formatted by `merit_lib.domain.language` (Babel), never here.
"""

from __future__ import annotations

from merit_lib.domain import codes
from merit_lib.domain.language import language

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
    "bool_yes": {"id": "ya", "en": "yes"}, "bool_no": {"id": "tidak", "en": "no"},     # a yes/no cell in words
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
    "aor_p_adjusted": {"id": "Nilai p OR (BH)", "en": "OR p value (BH)"}, "flag": {"id": "Putusan", "en": "Verdict"},
    "model": {"id": "Model", "en": "Model"}, "term": {"id": "Variabel", "en": "Term"},
    "odds_ratio": {"id": "Odds ratio", "en": "Odds ratio"}, "ci_low": {"id": "Batas bawah 95%", "en": "95% lower bound"},
    "ci_high": {"id": "Batas atas 95%", "en": "95% upper bound"}, "n": {"id": "n", "en": "n"}, "auc": {"id": "AUC", "en": "AUC"},
    "table": {"id": "Tabel", "en": "Table"}, "row": {"id": "Baris", "en": "Row"}, "column": {"id": "Kolom", "en": "Column"},
    "rule": {"id": "Aturan", "en": "Rule"}, "message": {"id": "Keterangan", "en": "Message"}, "value": {"id": "Nilai", "en": "Value"},
}


def column(key: str, lang: str = "id") -> str:
    """The readable header of an output-table column (unknown columns: underscores to spaces, capitalized)."""
    return COLUMNS.get(key, {}).get(lang) or key.replace("_", " ").capitalize()


# --------------------------------------------------------------------------- output-table columns explained (ringkasan.xlsx)

#: readable headers of the output-table columns that COLUMNS above does not name; `<table>.<column>` where a column
#: means something else in one table (merit_lib.report.workbook looks that key up first)
COLUMNS.update({
    # compliance.csv
    "n_profiling": {"id": "Pegawai sudah mengikuti asesmen", "en": "Staff assessed"},
    "n_kinerja": {"id": "Pegawai dengan SKP 2 tahun", "en": "Staff with SKP for 2 years"},
    "n_promosi_talent_pool": {"id": "Promosi dari talent pool (orang)", "en": "Promotions from the talent pool (persons)"},
    "n_promosi_eligible": {"id": "Promosi yang memenuhi syarat (orang)", "en": "Promotions meeting every requirement (persons)"},
    "n_promosi_melangkahi": {"id": "Promosi yang melangkahi calon lebih siap", "en": "Promotions passing over a more ready candidate"},
    "n_kandidat": {"id": "Calon yang memenuhi syarat", "en": "Eligible candidates"},
    "n_kandidat_tidak_terlewati": {"id": "Calon yang tidak terlewati", "en": "Candidates not passed over"},
    "share_bypassed": {"id": "Bagian calon yang terlewati", "en": "Share of candidates passed over"},
    "share_tanpa_bypass": {"id": "Bagian calon yang tidak terlewati", "en": "Share of candidates not passed over"},
    "fairness_tested": {"id": "Temuan keadilan yang dapat diuji", "en": "Fairness findings that could be tested"},
    "skor_keadilan": {"id": "Skor keadilan", "en": "Fairness score"},
    "komponen_tidak_dinilai": {"id": "Indikator yang tidak dinilai", "en": "Indicators not assessed"},
    "suppressed_promosi": {"id": "Bagian promosi disembunyikan (1–4 promosi)", "en": "Promotion shares hidden (1–4 promotions)"},
    "coverage_profiling_ci_low": {"id": "Cakupan profiling, batas bawah 95%", "en": "Profiling coverage, 95% lower bound"},
    "coverage_profiling_ci_high": {"id": "Cakupan profiling, batas atas 95%", "en": "Profiling coverage, 95% upper bound"},
    "coverage_kinerja_ci_low": {"id": "Cakupan SKP, batas bawah 95%", "en": "SKP coverage, 95% lower bound"},
    "coverage_kinerja_ci_high": {"id": "Cakupan SKP, batas atas 95%", "en": "SKP coverage, 95% upper bound"},
    "share_promosi_talent_pool_ci_low": {"id": "Promosi dari talent pool, batas bawah 95%",
                                         "en": "Promotions from the talent pool, 95% lower bound"},
    "share_promosi_talent_pool_ci_high": {"id": "Promosi dari talent pool, batas atas 95%",
                                          "en": "Promotions from the talent pool, 95% upper bound"},
    "share_promosi_eligible_ci_low": {"id": "Promosi yang memenuhi syarat, batas bawah 95%",
                                      "en": "Promotions meeting every requirement, 95% lower bound"},
    "share_promosi_eligible_ci_high": {"id": "Promosi yang memenuhi syarat, batas atas 95%",
                                       "en": "Promotions meeting every requirement, 95% upper bound"},
    "index_ci_low": {"id": "Indeks, batas bawah 95%", "en": "Index, 95% lower bound"},
    "index_ci_high": {"id": "Indeks, batas atas 95%", "en": "Index, 95% upper bound"},
    "komponen_nilai_provinsi": {"id": "Indikator dengan nilai provinsi", "en": "Indicators at the province's value"},
    "n_rotasi": {"id": "Rotasi dan mutasi ke jabatan struktural", "en": "Rotations and mutations into structural posts"},
    "n_mutasi": {"id": "Mutasi antar-OPD", "en": "Moves between OPDs"},
    "n_rotasi_memenuhi_syarat": {"id": "Rotasi/mutasi yang memenuhi syarat jabatan",
                                 "en": "Rotations/mutations meeting the post's requirements"},
    "share_rotasi_memenuhi_syarat": {"id": "Bagian rotasi/mutasi yang memenuhi syarat",
                                     "en": "Share of rotations/mutations meeting the requirements"},
    "share_rotasi_memenuhi_syarat_ci_low": {"id": "Rotasi/mutasi memenuhi syarat, batas bawah 95%",
                                            "en": "Rotations/mutations meeting the requirements, 95% lower bound"},
    "share_rotasi_memenuhi_syarat_ci_high": {"id": "Rotasi/mutasi memenuhi syarat, batas atas 95%",
                                             "en": "Rotations/mutations meeting the requirements, 95% upper bound"},
    "n_perlu_alasan": {"id": "JPT dipindah < 2 tahun (perlu alasan)", "en": "JPT moved within 2 years (needs grounds)"},
    "n_melewati_5_tahun": {"id": "JPT > 5 tahun di satu jabatan", "en": "JPT over 5 years in one post"},
    # findings.csv
    "mh_odds_ratio": {"id": "Odds ratio dalam OPD (MH)", "en": "Odds ratio within OPDs (MH)"},
    "mh_ci_low": {"id": "OR dalam OPD, batas bawah 95%", "en": "OR within OPDs, 95% lower bound"},
    "mh_ci_high": {"id": "OR dalam OPD, batas atas 95%", "en": "OR within OPDs, 95% upper bound"},
    "mh_p_value": {"id": "Nilai p OR dalam OPD", "en": "p value, OR within OPDs"},
    "mh_p_adjusted": {"id": "Nilai p OR dalam OPD (BH)", "en": "p value, OR within OPDs (BH)"},
    "direction": {"id": "Arah", "en": "Direction"},
    "explained_by": {"id": "Dijelaskan oleh", "en": "Explained by"},
    "explained_share": {"id": "Bagian kesenjangan yang dijelaskan", "en": "Share of the gap explained"},
    "verdict_basis": {"id": "Dasar putusan", "en": "Basis of the verdict"},
    "moved_share": {"id": "Pergeseran oleh penyesuaian", "en": "Shift by the adjustment"},
    "adjusted_impact_ratio": {"id": "Rasio dampak disesuaikan", "en": "Adjusted impact ratio"},
    "simpson": {"id": "Paradoks Simpson", "en": "Simpson's paradox"},
    "bd_p_value": {"id": "Nilai p keseragaman antar-OPD (Breslow–Day)", "en": "p value, OPDs alike (Breslow–Day)"},
    "raw_odds_ratio": {"id": "Odds ratio mentah", "en": "Raw odds ratio"},
    "raw_or_ci_low": {"id": "OR mentah, batas bawah 95%", "en": "Raw OR, 95% lower bound"},
    "raw_or_ci_high": {"id": "OR mentah, batas atas 95%", "en": "Raw OR, 95% upper bound"},
    "detectable_odds_ratio": {"id": "OR terkecil yang dapat dideteksi", "en": "Smallest detectable OR"},
    "model_raw_odds_ratio": {"id": "OR mentah pada sampel model", "en": "Raw OR on the model sample"},
    "model_opd_odds_ratio": {"id": "OR setelah OPD saja", "en": "OR after OPD only"},
    "scope_label": {"id": "Nama lingkup", "en": "Scope name"},
    "n_scope": {"id": "Pegawai yang dapat dipromosikan di lingkup", "en": "Persons who could be promoted in the scope"},
    "rate_group_ci_low": {"id": "Tingkat promosi kelompok, batas bawah 95%", "en": "Group promotion rate, 95% lower bound"},
    "rate_group_ci_high": {"id": "Tingkat promosi kelompok, batas atas 95%", "en": "Group promotion rate, 95% upper bound"},
    "rate_reference_ci_low": {"id": "Tingkat promosi pembanding, batas bawah 95%",
                              "en": "Reference promotion rate, 95% lower bound"},
    "rate_reference_ci_high": {"id": "Tingkat promosi pembanding, batas atas 95%",
                               "en": "Reference promotion rate, 95% upper bound"},
    "impact_ratio_ci_low": {"id": "Rasio dampak, batas bawah 95%", "en": "Impact ratio, 95% lower bound"},
    "impact_ratio_ci_high": {"id": "Rasio dampak, batas atas 95%", "en": "Impact ratio, 95% upper bound"},
    "aor_p_value": {"id": "Nilai p OR disesuaikan", "en": "p value, adjusted OR"},
    "aor_method": {"id": "Uji OR disesuaikan", "en": "Test of the adjusted OR"},
    "n_model_group": {"id": "Kelompok dalam model (pegawai-triwulan)", "en": "Group in the model (person-quarters)"},
    "n_model_reference": {"id": "Pembanding dalam model (pegawai-triwulan)", "en": "Reference in the model (person-quarters)"},
    "controls_left_out": {"id": "Variabel kontrol yang dikeluarkan", "en": "Controls left out"},
    "n_qualified_group": {"id": "Kelompok di talent pool", "en": "Group in the talent pool"},
    "promoted_qualified_group": {"id": "Dipromosikan (kelompok, talent pool)", "en": "Promoted (group, talent pool)"},
    "eo_rate_group": {"id": "Tingkat promosi kelompok di talent pool", "en": "Group promotion rate in the talent pool"},
    "n_qualified_reference": {"id": "Pembanding di talent pool", "en": "Reference in the talent pool"},
    "promoted_qualified_reference": {"id": "Dipromosikan (pembanding, talent pool)",
                                     "en": "Promoted (reference, talent pool)"},
    "eo_rate_reference": {"id": "Tingkat promosi pembanding di talent pool",
                          "en": "Reference promotion rate in the talent pool"},
    "eo_ratio": {"id": "Rasio tingkat promosi di talent pool", "en": "Promotion rate ratio in the talent pool"},
    "flag_reason": {"id": "Alasan tidak diuji", "en": "Why not tested"},
    "decision_row": {"id": "Baris tabel keputusan", "en": "Decision table row"},
    # model_coefficients.csv
    "method": {"id": "Metode", "en": "Method"},
    "n_events": {"id": "Jumlah kejadian", "en": "Events"},
    "epv": {"id": "Kejadian per variabel", "en": "Events per variable"},
    "model_coefficients.n": {"id": "Pegawai-triwulan dalam model", "en": "Person-quarters in the model"},
    "model_coefficients.p_value": {"id": "Nilai p", "en": "p value"},
    # validation.csv
    "validation.n": {"id": "Baris ditolak", "en": "Rows rejected"},
    # promotions_ledger.csv
    "jenis": {"id": "Jenis", "en": "Kind"},
    "alasan": {"id": "Alasan", "en": "Reason"},
    "n_peristiwa": {"id": "Jumlah peristiwa promosi", "en": "Promotion events"},
    "n_orang": {"id": "Jumlah orang", "en": "Persons"},
})

#: what each output-table column means, in plain words (the "Keterangan" sheet of ringkasan.xlsx); `<table>.<column>`
#: where a column means something else in one table; `_ci_low` / `_ci_high` explain any other interval bound
COLUMN_HELP: dict[str, dict[str, str]] = {
    "_ci_low": {"id": "Batas bawah interval kepercayaan 95% dari kolom «{base}».",
                "en": "Lower bound of the 95% confidence interval of the column «{base}»."},
    "_ci_high": {"id": "Batas atas interval kepercayaan 95% dari kolom «{base}».",
                 "en": "Upper bound of the 95% confidence interval of the column «{base}»."},
    "suppressed": {"id": "Sel mana pada baris ini yang angkanya disembunyikan (namanya saja; kosong = tidak ada). Satu "
                         "tanda untuk setiap angka yang disembunyikan, apa pun sebabnya: sel 1–4 orang, sel lain yang "
                         "disembunyikan agar sel kecil tidak dapat dihitung kembali dari total, tabel lain atau laporan "
                         "triwulan lain, atau rincian yang seluruhnya 1–4 orang. Tanda itu tidak mengatakan yang mana.",
                   "en": "Which cells of this row are hidden (their names only; empty = none). One mark for every hidden "
                         "number, whatever hid it: a cell of 1–4 persons, another cell hidden so that a small cell cannot "
                         "be computed back from a total, another table or another quarter's report, or a breakdown of "
                         "1–4 persons in all. The mark does not say which."},
    # compliance.csv
    "opd_kode": {"id": "Kode singkat perangkat daerah (OPD).", "en": "Short code of the regional agency (OPD)."},
    "opd_nama": {"id": "Nama perangkat daerah.", "en": "Name of the regional agency."},
    "n_pegawai": {"id": "Jumlah pegawai OPD pada akhir periode (baris yang lolos validasi).",
                  "en": "Staff of the OPD at the end of the period (rows that passed validation)."},
    "coverage_profiling": {"id": "Bagian pegawai yang sudah mengikuti asesmen kompetensi (profiling) sebelum periode.",
                           "en": "Share of staff whose competencies were assessed (profiling) before the period."},
    "coverage_kinerja": {"id": "Bagian pegawai yang memiliki SKP untuk dua tahun terakhir.",
                         "en": "Share of staff with an SKP for both of the last two years."},
    "n_promosi": {"id": "Jumlah promosi periode ini yang dihitung (yang tidak dihitung: lembar promotions_ledger).",
                  "en": "Promotions of the period that are counted (those not counted: sheet promotions_ledger)."},
    "share_promosi_talent_pool": {"id": "Bagian promosi yang jatuh pada pegawai di talent pool (kotak 7, 8 atau 9 "
                                        "pada 9-kotak). Kosong bila OPD mempromosikan 1–4 orang.",
                                  "en": "Share of promotions that went to persons in the talent pool (boxes 7, 8 or 9 "
                                        "of the 9-box). Empty when the OPD promoted 1–4 persons."},
    "share_promosi_eligible": {"id": "Bagian promosi yang orangnya memenuhi semua syarat jabatan tujuan (status, "
                                     "pendidikan, lama jabatan, SKP, setiap kompetensi, golongan, usia). Kosong bila OPD "
                                     "mempromosikan 1–4 orang.",
                               "en": "Share of promotions whose person met every requirement of the new post (status, "
                                     "education, time in post, SKP, every competency, golongan, age). Empty when the OPD "
                                     "promoted 1–4 persons."},
    "n_bypassed": {"id": "Calon yang memenuhi syarat, tidak dipromosikan, dan lebih siap daripada seseorang yang "
                         "dipromosikan ke jenjang yang sama di OPD ini.",
                   "en": "Eligible candidates, not promoted, who were more ready than someone promoted to the same "
                         "level in this OPD."},
    "fairness_flags": {"id": "Jumlah temuan audit keadilan dengan putusan «disparitas» di OPD ini (lembar findings).",
                       "en": "Number of fairness-audit findings with the verdict «disparity» in this OPD (sheet "
                             "findings)."},
    "index": {"id": "Indeks kepatuhan meritokrasi 0–100: rata-rata berbobot enam indikator (cakupan profiling 10, "
                    "cakupan SKP 10, promosi dari talent pool 25, promosi yang memenuhi syarat 25, calon yang tidak "
                    "terlewati 15, keadilan 15). Kosong bila periode ini tanpa promosi.",
              "en": "Meritocracy compliance index 0–100: weighted mean of six indicators (profiling coverage 10, SKP "
                    "coverage 10, promotions from the talent pool 25, promotions meeting every requirement 25, candidates "
                    "not passed over 15, fairness 15). Empty when the period had no promotion."},
    "category": {"id": "Kategori indeks menurut tingkat Indeks Sistem Merit (dinilai BKN sejak UU 20/2023 membubarkan KASN): ≥ 75 Sangat Baik, 50 sampai < 75 "
                       "Baik, 25 sampai < 50 Kurang, < 25 Buruk; «tidak dapat dinilai» bila periode ini tanpa promosi, atau "
                       "bila tidak satu pun indikator promosinya berasal dari angka OPD sendiri (1–4 promosi atau angka "
                       "disembunyikan): indeksnya hanya keterangan dan tidak diperingkat.",
                 "en": "Index category after the levels of the Merit System Index (assessed by BKN since UU 20/2023 dissolved KASN): ≥ 75 very good, "
                       "50 to < 75 good, 25 to < 50 poor, < 25 bad; «cannot be judged» "
                       "when the period had no promotion, or when none of the promotion indicators "
                       "is the OPD's own (1–4 promotions or a hidden figure): its index is for information only and "
                       "not ranked."},
    "n_profiling": {"id": "Pegawai yang sudah mengikuti asesmen (pembilang cakupan profiling).",
                    "en": "Staff assessed (numerator of the profiling coverage)."},
    "n_kinerja": {"id": "Pegawai dengan SKP dua tahun terakhir (pembilang cakupan SKP).",
                  "en": "Staff with an SKP for the last two years (numerator of the SKP coverage)."},
    "n_promosi_talent_pool": {"id": "Promosi yang jatuh pada pegawai di talent pool.",
                              "en": "Promotions that went to persons in the talent pool."},
    "n_promosi_eligible": {"id": "Promosi yang orangnya memenuhi semua syarat.",
                           "en": "Promotions whose person met every requirement."},
    "n_promosi_melangkahi": {"id": "Promosi yang melewati calon lain yang lebih siap.",
                             "en": "Promotions that passed over a more ready candidate."},
    "n_kandidat": {"id": "Calon yang memenuhi syarat untuk jenjang tujuan promosi di OPD ini (pembagi bagian calon "
                         "yang terlewati).",
                   "en": "Eligible candidates for the levels promoted to in this OPD (denominator of the share passed "
                         "over)."},
    "n_kandidat_tidak_terlewati": {"id": "Calon yang memenuhi syarat dan tidak dilewati oleh promosi orang yang kurang "
                                         "siap.",
                                   "en": "Eligible candidates not passed over by the promotion of someone less ready."},
    "share_bypassed": {"id": "Calon yang terlewati dibagi jumlah calon.",
                       "en": "Candidates passed over divided by the candidates."},
    "share_tanpa_bypass": {"id": "Bagian calon yang tidak terlewati (100% dikurangi bagian yang terlewati); indikator "
                                 "indeks berbobot 15.",
                           "en": "Share of candidates not passed over (100% minus the share passed over); an index "
                                 "indicator of weight 15."},
    "fairness_tested": {"id": "Jumlah temuan audit keadilan di OPD ini yang dapat diuji (setiap putusan selain «data "
                              "tidak cukup»; lembar findings). 0 = tidak ada yang dapat diuji: skor keadilan kosong.",
                        "en": "Number of fairness-audit findings in this OPD that could be tested (any verdict but "
                              "«insufficient data»; sheet findings). 0 = nothing could be tested: no fairness score."},
    "skor_keadilan": {"id": "Indikator keadilan dalam indeks: untuk setiap kelompok, rasio odds OPD ditarik ke arah angka "
                            "provinsi (empirical Bayes; OPD kecil mendapat angka provinsi); 100% bila rasio dampaknya 0,8 "
                            "atau lebih, turun sampai 0% pada 0,5; kelompok terburuk yang dihitung. Kesenjangan yang "
                            "menguntungkan kelompok tidak mengurangi poin. Kosong bila OPD tidak punya pegawai yang diaudit.",
                      "en": "Fairness indicator of the index: for each group, the OPD's odds ratio pulled toward the "
                            "province's (empirical Bayes; a small OPD gets the province's); 100% at an impact ratio of "
                            "0.8 or above, down to 0% at 0.5; the worst group counts. A gap in a group's favour costs "
                            "nothing. Empty when the OPD has nobody audited."},
    "fairness_against": {"id": "Jumlah temuan «disparitas» di OPD ini yang merugikan kelompok (estimasi dasar lebih "
                               "rendah).",
                         "en": "Number of «disparity» findings in this OPD against the group (basis estimate lower)."},
    "fairness_in_favour": {"id": "Jumlah temuan «disparitas» di OPD ini yang menguntungkan kelompok (estimasi dasar lebih "
                                 "tinggi): dilaporkan, tidak mengurangi poin.",
                           "en": "Number of «disparity» findings in this OPD in the group's favour (basis estimate "
                                 "higher): reported, costs no points."},
    "komponen_tidak_dinilai": {"id": "Indikator yang tidak dapat diukur di OPD ini: bobotnya dibagi ke indikator lain dan "
                                     "rentang indeks diperlebar.",
                               "en": "Indicators that cannot be measured in this OPD: their weight goes to the others "
                                     "and the index range is widened."},
    "suppressed_promosi": {"id": "TRUE bila OPD mempromosikan 1–4 orang: bagian-bagian promosinya tidak ditampilkan "
                                 "(terlalu sedikit) dan indeks memakai nilai provinsi untuk indikator itu.",
                           "en": "TRUE when the OPD promoted 1–4 persons: its promotion shares are not shown (too few) "
                                 "and the index uses the province's value for those indicators."},
    "komponen_nilai_provinsi": {"id": "Indikator promosi yang memakai nilai provinsi karena angka OPD ini disembunyikan "
                                      "(1–4 orang); indeks tidak pernah bertumpu pada angka yang disembunyikan.",
                                "en": "Promotion indicators that take the province's value because this OPD's number is "
                                      "hidden (1–4 persons); the index never rests on a hidden number."},
    "n_rotasi": {"id": "Rotasi dan mutasi periode ini ke jabatan struktural (Pengawas, Administrator, JPT Pratama) di "
                       "OPD ini.",
                 "en": "Rotations and mutations of the period into structural posts (Pengawas, Administrator, JPT "
                       "Pratama) in this OPD."},
    "n_mutasi": {"id": "Di antara rotasi dan mutasi itu, perpindahan dari OPD lain.",
                 "en": "Of those rotations and mutations, moves from another OPD."},
    "n_rotasi_memenuhi_syarat": {"id": "Rotasi/mutasi yang orangnya memenuhi syarat jabatan yang dituju (kompetensi, "
                                       "SKP ≥ Baik dua tahun terakhir, dan syarat promosi lain kecuali lama jabatan).",
                                 "en": "Rotations/mutations whose person meets the new post's requirements (competency, "
                                       "SKP rated good or better for the last two years, and the other promotion requirements except "
                                       "time in post)."},
    "share_rotasi_memenuhi_syarat": {"id": "Rotasi/mutasi yang memenuhi syarat dibagi jumlah rotasi/mutasi.",
                                     "en": "Rotations/mutations meeting the requirements divided by all of them."},
    "n_perlu_alasan": {"id": "Pejabat JPT Pratama yang dipindah kurang dari 2 tahun setelah dilantik: boleh dengan alasan "
                             "tertulis (UU 5/2014 Pasal 116; SE MenPANRB 19/2023), bukan pelanggaran.",
                       "en": "JPT Pratama officials moved within 2 years of appointment: allowed with written grounds "
                             "(UU 5/2014 art. 116; SE MenPANRB 19/2023), not a violation."},
    "n_melewati_5_tahun": {"id": "Pejabat JPT Pratama lebih dari 5 tahun di satu jabatan pada akhir periode (UU 5/2014 "
                                 "Pasal 117): pertanyaan apakah ada perpanjangan, bukan putusan.",
                           "en": "JPT Pratama officials more than 5 years in one post at the end of the period (UU 5/2014 "
                                 "art. 117): a question whether it was extended, not a verdict."},
    # findings.csv
    "scope": {"id": "Lingkup temuan: PROVINSI (semua pegawai, dibandingkan di dalam OPD) atau kode OPD.",
              "en": "Scope of the finding: PROVINSI (everyone, compared within OPDs) or an OPD code."},
    "attribute": {"id": "Atribut pribadi yang diaudit (mis. jenis kelamin, kelompok usia, status kepegawaian).",
                  "en": "Personal attribute audited (e.g. sex, age group, employment status)."},
    "group": {"id": "Kelompok yang dibandingkan (mis. P = perempuan).", "en": "Group compared (e.g. P = women)."},
    "reference_group": {"id": "Kelompok pembanding (mis. L = laki-laki).", "en": "Reference group (e.g. L = men)."},
    "n_group": {"id": "Pegawai kelompok yang dapat dipromosikan pada periode ini.",
                "en": "Persons of the group who could be promoted in the period."},
    "n_reference": {"id": "Pegawai pembanding yang dapat dipromosikan pada periode ini.",
                    "en": "Persons of the reference who could be promoted in the period."},
    "promoted_group": {"id": "Yang dipromosikan di antara kelompok.", "en": "Promoted among the group."},
    "promoted_reference": {"id": "Yang dipromosikan di antara pembanding.", "en": "Promoted among the reference."},
    "rate_group": {"id": "Tingkat promosi kelompok: yang dipromosikan dibagi jumlah kelompok.",
                   "en": "Promotion rate of the group: promoted divided by the group's size."},
    "rate_reference": {"id": "Tingkat promosi pembanding.", "en": "Promotion rate of the reference."},
    "impact_ratio": {"id": "Tingkat promosi kelompok dibagi tingkat pembanding (mentah). 1 = sama; di bawah 0,8 atau di "
                           "atas 1,25 dianggap berarti secara praktis (aturan empat-perlima).",
                     "en": "Group promotion rate divided by the reference's (raw). 1 = equal; below 0.8 or above 1.25 "
                           "counts as practical (the four-fifths rule)."},
    "shortfall": {"id": "Berapa orang kelompok lagi yang akan dipromosikan bila tingkatnya sama dengan pembanding "
                        "(negatif = kelompok dipromosikan lebih banyak).",
                  "en": "How many more persons of the group would have been promoted at the reference's rate (negative "
                        "= the group was promoted more)."},
    "p_value": {"id": "Nilai p uji eksak Fisher untuk perbedaan mentah (kecil = perbedaan sulit dijelaskan oleh "
                      "kebetulan).",
                "en": "p value of Fisher's exact test of the raw difference (small = hard to put down to chance)."},
    "p_adjusted": {"id": "Nilai p Fisher setelah koreksi Benjamini–Hochberg untuk banyak uji (per atribut).",
                   "en": "Fisher p value after the Benjamini–Hochberg correction for many tests (per attribute)."},
    "adjusted_odds_ratio": {"id": "Odds ratio promosi kelompok terhadap pembanding setelah disesuaikan dengan merit "
                                  "(kompetensi, kinerja, pemenuhan syarat) dan variabel kontrol; untuk PROVINSI juga di "
                                  "dalam OPD. 1 = sama; di bawah 1 = peluang kelompok lebih kecil.",
                            "en": "Odds ratio of promotion, group against reference, after adjusting for merit "
                                  "(competency, performance, eligibility) and the controls; for PROVINSI also within OPDs. 1 = "
                                  "equal; below 1 = the group's chances are lower."},
    "aor_ci_low": {"id": "Batas bawah interval kepercayaan 95% odds ratio yang disesuaikan.",
                   "en": "Lower bound of the 95% confidence interval of the adjusted odds ratio."},
    "aor_ci_high": {"id": "Batas atas interval kepercayaan 95% odds ratio yang disesuaikan.",
                    "en": "Upper bound of the 95% confidence interval of the adjusted odds ratio."},
    "aor_p_value": {"id": "Nilai p odds ratio yang disesuaikan, sebelum koreksi untuk banyak uji.",
                    "en": "p value of the adjusted odds ratio, before the correction for many tests."},
    "aor_p_adjusted": {"id": "Nilai p odds ratio yang disesuaikan, setelah koreksi Benjamini–Hochberg.",
                       "en": "p value of the adjusted odds ratio, after the Benjamini–Hochberg correction."},
    "mh_odds_ratio": {"id": "Odds ratio Mantel–Haenszel: kelompok dan pembanding dibandingkan di dalam setiap OPD, lalu "
                            "digabung (hanya baris provinsi).",
                      "en": "Mantel–Haenszel odds ratio: group and reference compared within each OPD, then pooled "
                            "(province rows only)."},
    "mh_ci_low": {"id": "Batas bawah interval kepercayaan 95% odds ratio dalam OPD.",
                  "en": "Lower bound of the 95% confidence interval of the odds ratio within OPDs."},
    "mh_ci_high": {"id": "Batas atas interval kepercayaan 95% odds ratio dalam OPD.",
                   "en": "Upper bound of the 95% confidence interval of the odds ratio within OPDs."},
    "mh_p_value": {"id": "Nilai p odds ratio dalam OPD.", "en": "p value of the odds ratio within OPDs."},
    "mh_p_adjusted": {"id": "Nilai p odds ratio dalam OPD setelah koreksi Benjamini–Hochberg.",
                      "en": "p value of the odds ratio within OPDs after the Benjamini–Hochberg correction."},
    "flag": {"id": "Putusan. disparitas: kesenjangan berarti yang TIDAK dijelaskan oleh merit; kesenjangan kecil: "
                   "kesenjangan nyata pada merit yang sama, tetapi di bawah batas yang berarti; kesenjangan yang "
                   "dijelaskan: kesenjangan mentah yang dijelaskan oleh merit, komposisi OPD atau variabel kontrol "
                   "(disebut); belum dapat disimpulkan: ada atau tidaknya kesenjangan berarti belum dapat ditunjukkan "
                   "(alasannya disebut); tidak ada disparitas: kesenjangan terbukti tidak berarti (uji kesetaraan); data "
                   "tidak cukup: terlalu sedikit data untuk diuji.",
             "en": "Verdict. disparity: a material gap NOT explained by merit; minor gap: a real gap at equal merit, but "
                   "below the bound of a material one; explained gap: a raw gap that merit, the OPD composition or a "
                   "control (named) explains; inconclusive: whether there is a material gap cannot be shown yet (the "
                   "reason is given); no disparity: the gap is shown to be immaterial (an equivalence test); "
                   "insufficient data: too little data to test."},
    "direction": {"id": "lebih rendah = peluang kelompok lebih kecil daripada pembanding; lebih tinggi = lebih besar "
                        "(pada «disparitas», pembandinglah yang tertinggal).",
                  "en": "lower = the group's chances are lower than the reference's; higher = higher (for a "
                        "«disparity», the reference is the one held back)."},
    "explained_by": {"id": "Untuk «kesenjangan yang dijelaskan», yang menjelaskan kesenjangan: merit, komposisi OPD "
                           "(kelompok bekerja di OPD yang lebih jarang mempromosikan), atau komposisi OPD dan merit.",
                     "en": "For an «explained gap», what explains it: merit, OPD composition (the group works in OPDs "
                           "that promote less), or OPD composition and merit."},
    "explained_share": {"id": "Bagian kesenjangan mentah yang dijelaskan oleh perbedaan merit (dekomposisi Fairlie).",
                        "en": "Share of the raw gap explained by differences in merit (Fairlie decomposition)."},
    "verdict_basis": {"id": "Perkiraan yang menjadi dasar putusan: disesuaikan dengan merit (odds ratio setelah "
                            "disesuaikan dengan merit), distratifikasi OPD (di dalam OPD, Mantel–Haenszel, tanpa merit) "
                            "atau mentah (perbandingan mentah, tanpa merit).",
                      "en": "The estimate the verdict rests on: adjusted for merit (merit-adjusted odds ratio), "
                            "OPD-stratified (within OPDs, Mantel–Haenszel, no merit) or raw (raw comparison, no merit)."},
    "moved_share": {"id": "Seberapa jauh penyesuaian menggeser odds ratio ke arah 1 (pada skala log): 100% = "
                          "seluruhnya, lebih dari 100% = melewati 1.",
                    "en": "How far the adjustment moved the odds ratio towards 1 (on the log scale): 100% = all the "
                          "way, above 100% = past 1."},
    "adjusted_impact_ratio": {"id": "Rasio dampak yang setara dengan odds ratio dasar putusan, pada tingkat promosi "
                                    "pembanding.",
                              "en": "The impact ratio equivalent to the verdict's odds ratio, at the reference's "
                                    "promotion rate."},
    "simpson": {"id": "TRUE bila kesenjangan mentah PROVINSI berbalik arah di dalam OPD (paradoks Simpson).",
                "en": "TRUE when a PROVINSI raw gap reverses direction within OPDs (Simpson's paradox)."},
    "bd_p_value": {"id": "Nilai p uji Breslow–Day: di bawah 0,05 berarti perbandingan ini tidak seragam antar-OPD.",
                   "en": "p value of the Breslow–Day test: below 0.05 means the comparison differs between OPDs."},
    "raw_odds_ratio": {"id": "Odds ratio mentah, tanpa penyesuaian.", "en": "Raw odds ratio, without adjustment."},
    "raw_or_ci_low": {"id": "Batas bawah interval kepercayaan 95% odds ratio mentah.",
                      "en": "Lower bound of the 95% confidence interval of the raw odds ratio."},
    "raw_or_ci_high": {"id": "Batas atas interval kepercayaan 95% odds ratio mentah.",
                       "en": "Upper bound of the 95% confidence interval of the raw odds ratio."},
    "detectable_odds_ratio": {"id": "Odds ratio terkecil yang dapat dideteksi uji ini (daya 80%) dengan jumlah orang "
                                    "ini; di atas 4 berarti data tidak cukup. Kosong dengan «tidak terbatas» di kolom "
                                    "alasan bila tidak ada odds ratio yang dapat dideteksi.",
                              "en": "Smallest odds ratio this test could detect (80% power) with these numbers; above "
                                    "4 means insufficient data. Empty, with «unbounded» in the reason column, when no "
                                    "odds ratio could be detected."},
    "model_raw_odds_ratio": {"id": "Odds ratio mentah pada orang-orang yang masuk model (titik awal penyesuaian).",
                             "en": "Raw odds ratio among the persons in the model (where the adjustment starts)."},
    "model_opd_odds_ratio": {"id": "Odds ratio pada orang yang sama setelah hanya OPD yang diperhitungkan (tanpa merit).",
                             "en": "Odds ratio among the same persons with only the OPD accounted for (no merit)."},
    "scope_label": {"id": "Nama lingkup (nama OPD).", "en": "Name of the scope (OPD name)."},
    "n_scope": {"id": "Pegawai yang dapat dipromosikan di lingkup ini.",
                "en": "Persons who could be promoted in this scope."},
    "aor_method": {"id": "Uji odds ratio yang disesuaikan: uji Wald, atau uji rasio kemungkinan (bila satu pihak sama "
                         "sekali tanpa promosi).",
                   "en": "Test of the adjusted odds ratio: Wald test, or likelihood-ratio test (when one side had no "
                         "promotion at all)."},
    "n_model_group": {"id": "Pegawai kelompok yang masuk model (data merit lengkap).",
                      "en": "Persons of the group in the model (complete merit data)."},
    "n_model_reference": {"id": "Pegawai pembanding yang masuk model (data merit lengkap).",
                          "en": "Persons of the reference in the model (complete merit data)."},
    "controls_left_out": {"id": "Variabel kontrol yang dikeluarkan dari model atribut ini (terlalu banyak yang kosong, "
                                "atau terlalu mirip dengan atributnya).",
                          "en": "Controls left out of this attribute's model (too often missing, or too close to the "
                                "attribute)."},
    "n_qualified_group": {"id": "Pegawai kelompok di talent pool (kesempatan setara: dibandingkan hanya di antara yang "
                                "sama-sama di talent pool).",
                          "en": "Persons of the group in the talent pool (equal opportunity: compared only among those "
                                "in the talent pool)."},
    "promoted_qualified_group": {"id": "Yang dipromosikan di antara kelompok di talent pool.",
                                 "en": "Promoted among the group in the talent pool."},
    "eo_rate_group": {"id": "Tingkat promosi kelompok di talent pool.", "en": "Promotion rate of the group in the talent pool."},
    "n_qualified_reference": {"id": "Pegawai pembanding di talent pool.", "en": "Persons of the reference in the talent pool."},
    "promoted_qualified_reference": {"id": "Yang dipromosikan di antara pembanding di talent pool.",
                                     "en": "Promoted among the reference in the talent pool."},
    "eo_rate_reference": {"id": "Tingkat promosi pembanding di talent pool.",
                          "en": "Promotion rate of the reference in the talent pool."},
    "eo_ratio": {"id": "Tingkat promosi di talent pool, kelompok dibagi pembanding (1 = sama).",
                 "en": "Promotion rate in the talent pool, group divided by reference (1 = equal)."},
    "flag_reason": {"id": "Mengapa temuan tidak diuji: tidak ada anggota kelompok atau pembanding, tidak ada promosi, "
                          "semua dipromosikan, data terlalu sedikit (uji tidak akan dapat mendeteksi perbedaan), atau "
                          "odds ratio setelah disesuaikan dengan merit tidak dapat dihitung. Kosong = diuji.",
                    "en": "Why the finding is not tested: nobody in the group or the reference, no promotion, everyone "
                          "promoted, too little data (the test could not detect a difference), or the odds ratio "
                          "adjusted for merit cannot be computed. Empty = tested."},
    "decision_row": {"id": "Baris tabel keputusan (docs/verdicts.md) yang memberi putusan ini.",
                     "en": "Row of the decision table (docs/verdicts.md) that gave this verdict."},
    # model_coefficients.csv
    "model": {"id": "Model kesiapan promosi: regresi logistik, regresi logistik dengan interaksi (kompetensi × "
                    "kinerja) atau GEE.",
              "en": "Readiness model: logistic regression, logistic regression with interaction (competency × "
                    "performance) or GEE."},
    "term": {"id": "Variabel model. «jenjang awal: X» = jenjang awal X dibanding jenjang acuan; konstanta = odds "
                   "promosi pada nilai acuan semua variabel; a × b = interaksi a dan b.",
             "en": "Model term. «starting level: X» = starting level X against the reference level; intercept = the "
                   "odds of promotion at every term's reference value; a × b = interaction of a and b."},
    "odds_ratio": {"id": "Odds promosi per satu satuan lebih tinggi (atau dibanding acuan): di atas 1 = lebih sering "
                         "dipromosikan, di bawah 1 = lebih jarang.",
                   "en": "Odds of promotion per unit higher (or against the reference): above 1 = promoted more often, "
                         "below 1 = less often."},
    "ci_low": {"id": "Batas bawah interval kepercayaan 95% odds ratio (kosong pada model berpenalti).",
               "en": "Lower bound of the 95% confidence interval of the odds ratio (empty for a penalized model)."},
    "ci_high": {"id": "Batas atas interval kepercayaan 95% odds ratio (kosong pada model berpenalti).",
                "en": "Upper bound of the 95% confidence interval of the odds ratio (empty for a penalized model)."},
    "model_coefficients.p_value": {"id": "Nilai p variabel ini (kosong pada model berpenalti).",
                                   "en": "p value of this term (empty for a penalized model)."},
    "model_coefficients.n": {"id": "Pegawai yang masuk model.", "en": "Persons in the model."},
    "auc": {"id": "Daya pembeda model: 0,5 = menebak, 1 = sempurna.", "en": "Discrimination of the model: 0.5 = guessing, "
                                                                            "1 = perfect."},
    "method": {"id": "Cara estimasi: regresi logistik dengan SE klaster per OPD, dengan SE robust (HC1), GEE binomial, "
                     "atau regresi logistik berpenalti (ridge, tanpa interval kepercayaan).",
               "en": "Estimation: logistic regression with SEs clustered by OPD, with robust (HC1) SEs, binomial GEE, "
                     "or penalized (ridge) logistic regression (no confidence interval)."},
    "n_events": {"id": "Kejadian yang lebih jarang (promosi atau bukan-promosi) dalam model.",
                 "en": "The rarer outcome (promoted or not promoted) in the model."},
    "epv": {"id": "Kejadian per variabel model; di bawah 10 estimasi biasa tidak stabil dan dipakai model berpenalti.",
            "en": "Events per model variable; below 10 ordinary estimates are unstable and a penalized model is used."},
    # validation.csv
    "table": {"id": "Tabel masukan (pegawai, profiling, kinerja, riwayat_jabatan).",
              "en": "Input table (pegawai.csv, profiling.csv, kinerja.csv, riwayat_jabatan.csv)."},
    "rule": {"id": "Aturan validasi yang dilanggar (kodenya; rinciannya: merit validate).",
             "en": "Validation rule broken (its code; details: merit validate)."},
    "validation.n": {"id": "Baris masukan yang ditolak karena aturan ini (tidak ikut dianalisis).",
                     "en": "Input rows rejected for this rule (left out of the analysis)."},
    # promotions_ledger.csv
    "jenis": {"id": "pegawai = jumlah orang; promosi, rotasi, mutasi = jumlah peristiwa.",
              "en": "persons = a count of people; promotions, rotations, mutations = a count of events."},
    "alasan": {"id": "Mengapa dihitung atau tidak. Peristiwa: dihitung, baris ganda, promosi kedua orang yang sama, "
                     "pegawainya tidak ada di data pegawai, baru diangkat dalam periode, jenjang sebelum promosi tidak "
                     "diketahui, jenjang tujuan di luar cakupan, OPD tidak diketahui, ke jabatan non-struktural, "
                     "jabatan tujuan tidak diketahui. Orang: dapat dipromosikan, tidak ada jenjang berikutnya, ditolak "
                     "saat validasi.",
               "en": "Why counted or not. Events: counted, duplicate rows, second promotion of the same person, person "
                     "not in the staff table, appointed during the period, level before promotion unknown, target level "
                     "not covered, OPD unknown, into a non-structural post, post moved into unknown. Persons: could be "
                     "promoted, no higher level covered, rejected by validation."},
    "n_peristiwa": {"id": "Jumlah peristiwa promosi dengan jenis, OPD dan alasan ini.",
                    "en": "Promotion events of this kind, OPD and reason."},
    "n_orang": {"id": "Jumlah orang dengan jenis, OPD dan alasan ini.", "en": "Persons of this kind, OPD and reason."},
}

#: compliance.csv, per index component (analysis.compliance.VALUE_COLUMNS, POINT_COLUMNS): the value that entered the
#: index (`nilai_<component>`) and the points it adds (`poin_<component>`)
_INDEX_COMPONENTS: dict[str, dict[str, str]] = {
    "coverage_profiling": {"id": "cakupan profiling", "en": "profiling coverage"},
    "coverage_kinerja": {"id": "cakupan SKP", "en": "SKP coverage"},
    "share_promosi_talent_pool": {"id": "promosi dari talent pool", "en": "promotions from the talent pool"},
    "share_promosi_eligible": {"id": "promosi yang memenuhi syarat", "en": "promotions meeting every requirement"},
    "share_tanpa_bypass": {"id": "calon yang tidak terlewati", "en": "candidates not passed over"},
    "skor_keadilan": {"id": "keadilan", "en": "fairness"},
}
for _key, _name in _INDEX_COMPONENTS.items():
    COLUMNS[f"nilai_{_key}"] = {"id": f"Nilai dalam indeks: {_name['id']}", "en": f"Value in the index: {_name['en']}"}
    COLUMNS[f"poin_{_key}"] = {"id": f"Poin indeks: {_name['id']}", "en": f"Index points: {_name['en']}"}
    COLUMN_HELP[f"nilai_{_key}"] = {
        "id": f"Nilai indikator «{_name['id']}» yang masuk ke indeks (0–1): angka OPD yang disesuaikan (cakupan dengan "
              "koreksi kecil untuk data sedikit; indikator promosi ditarik ke angka provinsi seolah ada 5 promosi "
              "tambahan), nilai provinsi bila angka OPD disembunyikan (lihat «Indikator dengan nilai provinsi»), atau "
              "skor keadilan. Kosong bila tidak dapat diukur atau OPD tidak berindeks.",
        "en": f"Value of the indicator «{_name['en']}» as it entered the index (0–1): the OPD's figure adjusted "
              "(coverage with a small correction for thin data; promotion indicators pulled toward the province as if "
              "by 5 more promotions), the province's value where the OPD's figure is hidden (see «Indicators at the "
              "province's value»), or the fairness score. Empty when it cannot be measured or the OPD has no index."}
    COLUMN_HELP[f"poin_{_key}"] = {
        "id": f"Poin yang disumbangkan indikator «{_name['id']}» ke indeks: 100 × bobot × nilai dalam indeks, bobot "
              "dibagi ulang atas indikator yang dapat diukur; jumlah poin keenam indikator sama dengan indeks. Kosong "
              "bila tidak dapat diukur atau OPD tidak berindeks.",
        "en": f"Points the indicator «{_name['en']}» adds to the index: 100 × weight × value in the index, the weights "
              "rescaled over the indicators that could be measured; the six indicators' points add up to the index. "
              "Empty when it cannot be measured or the OPD has no index."}

#: the sheet of ringkasan.xlsx that holds each published table, per language (at most 31 characters: Excel's limit);
#: a table not listed keeps its CSV name
SHEET_NAMES: dict[str, dict[str, str]] = {
    "compliance": {"id": "kepatuhan", "en": "compliance"},
    "findings": {"id": "temuan_keadilan", "en": "fairness_findings"},
    "bypassed_by_level": {"id": "terlewati_per_jenjang", "en": "passed_over_by_level"},
    "model_coefficients": {"id": "koefisien_model", "en": "model_coefficients"},
    "validation": {"id": "validasi", "en": "validation"},
    "promotions_ledger": {"id": "catatan_promosi", "en": "promotions_ledger"},
    "trend": {"id": "tren", "en": "trend"},
    "siasn_mapping": {"id": "pemetaan_siasn", "en": "siasn_mapping"},
    "merit_gaps": {"id": "selisih_merit", "en": "merit_gaps"},
    "tier_sensitivity": {"id": "kepekaan_posisi", "en": "tier_sensitivity"},
    "register": {"id": "register_temuan", "en": "findings_register"},
}
#: the printed sheet's footer (Excel codes: &A the sheet, &P the page, &N the pages)
SHEET_FOOTER: dict[str, str] = {"id": "hal. &P dari &N", "en": "page &P of &N"}

#: what each sheet of ringkasan.xlsx holds (its "Keterangan" sheet), and that sheet's own words
SHEET_HELP: dict[str, dict[str, str]] = {
    "bypassed_by_level": {"id": "Calon yang terlewati menurut jenjang tujuan: satu baris per lingkup (provinsi atau OPD) dan "
                                "jenjang; promosi, promosi yang melangkahi calon yang lebih siap, dan jumlah calon itu.",
                          "en": "Candidates passed over by target level: one row per scope (province or OPD) and level; "
                                "promotions, promotions that passed over a readier candidate, and how many such candidates."},
    "compliance": {"id": "Satu baris per OPD: cakupan data, promosi dan apakah mengikuti merit, calon yang terlewati, "
                         "temuan keadilan, indeks kepatuhan meritokrasi 0–100 dan kategorinya.",
                   "en": "One row per OPD: data coverage, promotions and whether they followed merit, candidates passed "
                         "over, fairness findings, the 0–100 meritocracy compliance index and its category."},
    "findings": {"id": "Audit keadilan: satu baris per lingkup (PROVINSI atau OPD), atribut dan kelompok, dengan tingkat "
                       "promosi, uji, odds ratio yang disesuaikan dengan merit dan putusannya.",
                 "en": "Fairness audit: one row per scope (PROVINSI or an OPD), attribute and group, with promotion rates, "
                       "tests, the merit-adjusted odds ratio and the verdict."},
    "model_coefficients": {"id": "Model kesiapan promosi tingkat provinsi: satu baris per model dan variabel.",
                           "en": "Province-wide readiness models: one row per model and term."},
    "validation": {"id": "Baris masukan yang ditolak saat validasi, dihitung per tabel dan aturan (tanpa rincian per "
                         "orang). Kosong = semua baris lolos.",
                   "en": "Input rows rejected at validation, counted per table and rule (no person-level detail). Empty = "
                         "every row passed."},
    "promotions_ledger": {"id": "Ke mana setiap promosi dan setiap pegawai pergi: dihitung dalam analisis, atau tidak "
                                "dengan alasannya; per jenis, OPD dan alasan.",
                          "en": "Where every promotion and every person went: counted in the analysis, or left out with "
                                "its reason; per kind, OPD and reason."},
    "_about": {"id": "Lembar ini: apa isi setiap lembar dan arti setiap kolomnya.",
               "en": "This sheet: what each sheet holds and what each of its columns means."},
    "_sheet": {"id": "Keterangan", "en": "About"},
    "_col_sheet": {"id": "Lembar", "en": "Sheet"},
    "_col_column": {"id": "Kolom", "en": "Column"},
    "_col_csv": {"id": "Nama kolom di CSV", "en": "Column name in the CSV"},
    "_col_help": {"id": "Penjelasan", "en": "Explanation"},
    "_whole_sheet": {"id": "(seluruh lembar)", "en": "(whole sheet)"},
    "_hidden": {"id": "Sel angka yang kosong = tidak ada nilainya, atau disembunyikan untuk melindungi kelompok kecil "
                      "(kurang dari 5 orang); kolom «{reason}» menyebut alasannya. Persentase tersimpan sebagai pecahan "
                      "(0,25 = 25%), sehingga dapat dijumlah dan diurutkan.",
                "en": "An empty number cell = no value, or hidden to protect a small group (fewer than 5 persons); the "
                      "column «{reason}» says why. Percentages are stored as fractions (0.25 = 25%), so they can be "
                      "summed and sorted."},
}


# --------------------------------------------------------------------------- fairness audit (merit_lib.analysis.fairness)

LABELS.update({
    "flag": {"id": "putusan", "en": "verdict"},
    "flag_name": {"id": "putusan", "en": "verdict"},
    "reference": {"id": "pembanding", "en": "reference"},
    "audit_title": {"id": "Audit keadilan promosi", "en": "Promotion fairness audit"},
    "fingerprint": {"id": "sidik jari data", "en": "data fingerprint"},
    "at_risk": {"id": "pegawai yang dapat dipromosikan", "en": "persons who could be promoted"},
    "promoted": {"id": "dipromosikan", "en": "promoted"},
    "in_model": {"id": "dalam model yang disesuaikan dengan merit", "en": "in the merit-adjusted model"},
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
    "rate_group": {"id": "tingkat promosi kelompok (rentang 95%)", "en": "group promotion rate (95% range)"},
    "rate_reference": {"id": "tingkat promosi pembanding (rentang 95%)", "en": "reference promotion rate (95% range)"},
    "impact_ratio": {"id": "rasio dampak", "en": "impact ratio"},
    "shortfall": {"id": "kekurangan (orang; positif = kelompok kurang dipromosikan)",
                  "en": "shortfall (persons; positive = the group promoted less)"},
    "p_adjusted": {"id": "p Fisher (BH)", "en": "Fisher p (BH)"},
    "adjusted_odds_ratio": {"id": "rasio odds setelah disesuaikan dengan merit (rentang 95%)",
                            "en": "odds ratio adjusted for merit (95% range)"},
    "aor_p_adjusted": {"id": "p setelah disesuaikan dengan merit (BH)", "en": "p adjusted for merit (BH)"},
    "eo_rate_group": {"id": "tingkat promosi di talent pool", "en": "promotion rate in the talent pool"},
    "lr_test": {"id": "uji rasio kemungkinan", "en": "likelihood-ratio test"},
    # the audit's presentation (merit_lib.analysis.fairness.result)
    "audited": {"id": "diaudit", "en": "audited"},
    "bh": {"id": "Benjamini–Hochberg per atribut", "en": "Benjamini–Hochberg per attribute"},
    "raw": {"id": "mentah", "en": "raw"},
    "within_opd": {"id": "dalam OPD (MH)", "en": "within OPD (MH)"},
    "adjusted": {"id": "setelah disesuaikan dengan merit", "en": "adjusted for merit"},
    "explained_share": {"id": "bagian yang dijelaskan", "en": "explained share"},
    "simpson": {"id": "paradoks Simpson: arahnya berbalik di dalam OPD",
                "en": "Simpson's paradox: the direction reverses within OPDs"},
    "heterogeneous": {"id": "OPD tidak seragam (Breslow–Day p {p})", "en": "OPDs differ (Breslow–Day p {p})"},
    "mh_odds_ratio": {"id": "rasio odds dalam OPD (MH, rentang 95%)", "en": "odds ratio within OPD (MH, 95% range)"},
    "direction": {"id": "arah", "en": "direction"},
    "n_model_group": {"id": "n kelompok dalam model (pegawai-triwulan)", "en": "n group in model (person-quarters)"},
    "explained_by": {"id": "dijelaskan oleh", "en": "explained by"},
    "basis": {"id": "dasar", "en": "basis"},
    "versus": {"id": "vs", "en": "vs"},
    "mechanical": {"id": "turunan langsung", "en": "mechanical"},
    # issue 21: what a finding's line says beside its verdict
    "raw_side": {"id": "arah mentah {raw}, setelah disesuaikan {adjusted}",
                 "en": "raw direction {raw}, adjusted {adjusted}"},
    "gap_size": {"id": "besarnya: rasio dampak setelah disesuaikan {air}", "en": "size: adjusted impact ratio {air}"},
    "equivalent": {"id": "setara di dalam batas {low}–{high} (uji dua sisi satu arah p {p})",
                   "en": "equivalent within {low}–{high} (two one-sided tests p {p})"},
    "detectable": {"id": "hanya dapat mendeteksi rasio odds di bawah {low} atau di atas {high}",
                   "en": "could only detect an odds ratio below {low} or above {high}"},
    "ipw": {"id": "dibobot kembali ke semua orang (IPW) {value}", "en": "weighted back to everyone (IPW) {value}"},
    "model_shift": {"id": "OR mentah orang dalam model {value}× OR mentah semua orang",
                    "en": "raw OR of those in the model {value}× everyone's"},
    "reliability_or": {"id": "pada keandalan yang dinyatakan {value}", "en": "at the declared reliability {value}"},
    "opds_differ": {"id": "OPD yang berbeda: {opds}", "en": "OPDs that differ: {opds}"},
    "opds_differ_more": {"id": "dan {n} OPD kecil lain", "en": "and {n} smaller OPDs"},
    "opds_differ_unnamed": {"id": "{n} OPD kecil berbeda (tidak disebut: sel < 5)",
                            "en": "{n} small OPDs differ (not named: cells under 5)"},
    "merit_coverage": {"id": "bernilai merit: kelompok {g_yes} dari yang dipromosikan, {g_no} dari yang lain; pembanding "
                             "{r_yes}, {r_no}",
                       "en": "with merit scores: group {g_yes} of the promoted, {g_no} of the others; reference "
                             "{r_yes}, {r_no}"},
    "explained_parts": {"id": "dijelaskan per blok", "en": "explained by block"},
    "merit_gaps_title": {"id": "Kesenjangan dalam ukuran merit itu sendiri", "en": "Gaps in the merit measures themselves"},
    "caveats_title": {"id": "Catatan", "en": "Notes"},
})

#: the five verdicts of the fairness audit (codes: merit_lib.domain.codes)
FLAG_LABELS: dict[str, dict[str, str]] = {
    codes.DISPARITY: {"id": "disparitas", "en": "disparity"},
    codes.MINOR: {"id": "kesenjangan kecil", "en": "minor gap"},
    codes.EXPLAINED: {"id": "kesenjangan yang dijelaskan", "en": "explained gap"},
    codes.INCONCLUSIVE: {"id": "belum dapat disimpulkan", "en": "inconclusive"},
    codes.NO_DISPARITY: {"id": "tidak ada disparitas", "en": "no disparity"},
    codes.INSUFFICIENT: {"id": "data tidak cukup", "en": "insufficient data"},
}

#: what each verdict means for a reader, in one sentence (the rules themselves: VERDICT_RULES, docs/verdicts.md)
FLAG_MEANINGS: dict[str, dict[str, str]] = {
    codes.DISPARITY: {
        "id": "Pada merit yang sama, peluang promosi kelompok ini berbeda dari pembanding secara signifikan dan berarti.",
        "en": "At equal merit, this group's odds of promotion differ from the reference's, significantly and materially."},
    codes.MINOR: {
        "id": "Pada merit yang sama, peluang promosi kelompok ini berbeda secara signifikan, tetapi kurang dari batas "
              "yang berarti secara praktis: kesenjangan yang nyata namun kecil; besarnya disebutkan.",
        "en": "At equal merit, this group's odds of promotion differ significantly, but by less than the bound of a "
              "material gap: a real but small gap; its size is stated."},
    codes.EXPLAINED: {
        "id": "Ada kesenjangan mentah, tetapi kesenjangan itu dijelaskan oleh merit atau oleh komposisi OPD: bukan "
              "diskriminasi pada tahap promosi, namun layak ditelusuri ke hulu (siapa yang mendapat pengembangan, siapa "
              "yang mengikuti asesmen).",
        "en": "There is a raw gap, but merit or the OPD composition explains it: not discrimination at the promotion step, "
              "yet worth a look upstream (who gets development, who gets assessed)."},
    codes.INCONCLUSIVE: {
        "id": "Data belum dapat menunjukkan ada atau tidaknya kesenjangan yang berarti: estimasinya terlalu tidak pasti, "
              "orang yang mempunyai nilai merit tidak mewakili semua orang, OPD-nya tidak seragam, atau putusannya "
              "bergantung pada keandalan ukuran merit; alasannya dan kesenjangan terkecil yang dapat dideteksi disebutkan.",
        "en": "The data cannot yet show whether there is a material gap or not: the estimate is too imprecise, those with "
              "merit scores do not stand for everyone, the OPDs differ, or the verdict depends on how reliable the merit "
              "measures are; the reason and the smallest gap that could have been detected are stated."},
    codes.NO_DISPARITY: {
        "id": "Pada merit yang sama, kesenjangannya terbukti berada di dalam batas yang tidak berarti (dua uji satu arah "
              "pada batas itu): bukan bukti bahwa tidak ada perbedaan sama sekali, melainkan bahwa tidak ada perbedaan "
              "yang berarti.",
        "en": "At equal merit, the gap is shown to lie within the bounds of an immaterial one (two one-sided tests at "
              "those bounds): not proof of no difference at all, but of no material difference."},
    codes.INSUFFICIENT: {
        "id": "Tidak diuji: pada jumlah orang dan promosinya, uji ini tidak dapat menemukan kesenjangan yang besar sekalipun.",
        "en": "Not tested: at its numbers of persons and promotions the test could not find even a large gap."},
}

#: the rows of the decision table (merit_lib.analysis.fairness.verdicts.DECISION_TABLE); fields from AuditParams
VERDICT_RULES: dict[int, dict[str, str]] = {
    1: {"id": "Tidak ada yang dipromosikan (atau semua), tidak ada pembanding, atau uji ini bahkan tidak dapat menemukan rasio "
              "odds {max_detectable_or} (atau 1/{max_detectable_or}) dengan kuasa {power_pct}% pada jumlah orang dan "
              "tingkat promosinya.",
        "en": "Nobody (or everybody) promoted, no reference, or the test could not detect even an odds ratio of "
              "{max_detectable_or} (or 1/{max_detectable_or}) with {power_pct}% power at its numbers of persons and "
              "promotions."},
    2: {"id": "Rasio odds yang disesuaikan tidak dapat dihitung (tidak ada yang bernilai merit di sel itu) dan tidak ada "
              "kesenjangan mentah.",
        "en": "The adjusted odds ratio cannot be computed (nobody in the cell has merit scores) and there is no raw gap."},
    3: {"id": "Pemeriksaan yang diminta data memberi putusan lain daripada model: orang-orang dalam model (yang mempunyai "
              "nilai merit) menunjukkan rasio odds mentah yang berbeda secara berarti (di luar {impact_low}–{impact_high}) "
              "dari semua orang, dan model yang dibobot kembali ke semua orang (bobot kebalikan peluang memiliki nilai "
              "merit, menurut kelompok dan hasil) memberi putusan lain; atau, bila keandalan suatu ukuran merit "
              "dinyatakan, model pada keandalan itu memberi putusan lain.",
        "en": "A check the data call for gives another verdict than the model: the persons in the model (those with merit "
              "scores) show a raw odds ratio materially different (outside {impact_low}–{impact_high}) from everyone's, "
              "and the model weighted back to everyone (inverse probability of having merit scores, by group and outcome) "
              "gives another verdict; or, where a merit measure's reliability is declared, the model at that reliability "
              "gives another verdict."},
    4: {"id": "Pada merit yang sama (untuk provinsi: di dalam OPD yang sama) peluang promosi kelompok berbeda dari pembanding: "
              "p estimasi dasar setelah Benjamini–Hochberg < {alpha}, rentang {level}%-nya tidak memuat 1, dan perbedaannya "
              "berarti secara praktis — rasio dampak setelah disesuaikan (pada tingkat promosi pembanding) < {impact_low} "
              "atau > {impact_high}.",
        "en": "At equal merit (for the province: within the same OPD) the group's odds of promotion differ from the reference's: "
              "the basis estimate's Benjamini–Hochberg p < {alpha}, its {level}% range excludes 1, and the difference is "
              "material — the adjusted impact ratio (at the reference's promotion rate) < {impact_low} or > {impact_high}."},
    5: {"id": "Signifikan seperti pada baris disparitas, tetapi rasio dampak setelah disesuaikan berada di antara {impact_low} "
              "dan {impact_high}: kesenjangan yang nyata namun kecil; besarnya disebutkan dengan rentangnya.",
        "en": "Significant as in the disparity row, but the adjusted impact ratio lies between {impact_low} and "
              "{impact_high}: a real but small gap; its size is stated with its range."},
    6: {"id": "Kesenjangan mentah signifikan (Fisher, BH p < {alpha}) dan berarti (rasio dampak < {impact_low} atau "
              "> {impact_high}) yang dihapus oleh penyesuaian: pada orang-orang yang sama dalam model (yang memperlihatkan "
              "sedikitnya {reproduced_pct}% kesenjangan mentah) estimasinya bergeser sedikitnya {moved_pct}% ke arah 1 "
              "(atau melewatinya) pada skala log, dan rentang yang disesuaikan memuat 1 atau sisanya tidak berarti. Berkurangnya "
              "presisi saja tidak pernah dihitung sebagai penjelasan. Kolom «dijelaskan oleh» menyebut blok yang "
              "menjelaskannya, yang terbesar lebih dulu: merit, komposisi OPD (paradoks Simpson), pemenuhan syarat, atau "
              "setiap variabel kontrol dengan namanya; kesenjangan yang terutama digeser oleh kontrol tidak pernah disebut "
              "«dijelaskan oleh merit».",
        "en": "A significant (Fisher, BH p < {alpha}) and material (impact ratio < {impact_low} or > {impact_high}) raw gap "
              "that the adjustment takes away: on the same persons in the model (who show at least {reproduced_pct}% of the "
              "raw gap) the estimate moved at least {moved_pct}% of the way to 1 (or past it) on the log scale, and the "
              "adjusted range covers 1 or what is left is not material. Lost precision alone never counts as explanation. "
              "The column «explained by» names the blocks that explain it, the largest first: merit, OPD composition "
              "(Simpson's paradox), eligibility, or each control by its name; a gap moved mostly by controls is never "
              "«explained by merit»."},
    7: {"id": "Ada kesenjangan mentah, tetapi estimasi yang disesuaikan terlalu tidak pasti untuk mengatakan apakah kesenjangan "
              "itu tetap: rentangnya memuat 1 padahal estimasinya tidak bergeser, atau rentangnya tidak memuat 1 tetapi tidak "
              "bertahan setelah Benjamini–Hochberg, atau estimasi yang disesuaikan tidak dapat dihitung.",
        "en": "There is a raw gap, but the adjusted estimate is too imprecise to say whether it stays: its range covers 1 although "
              "the estimate did not move, or it excludes 1 without surviving Benjamini–Hochberg, or it cannot be computed."},
    8: {"id": "Baris provinsi yang OPD-nya tidak seragam (uji Breslow–Day, BH p < {alpha}) atau yang salah satu baris "
              "OPD-nya untuk kelompok yang sama adalah disparitas: angka gabungan «tidak ada kesenjangan» akan "
              "menyembunyikan OPD yang berbeda; OPD itu disebutkan namanya.",
        "en": "A province row whose OPDs differ (Breslow–Day test, BH p < {alpha}), or one of whose OPD rows for the same "
              "group is a disparity: a pooled «no gap» would hide the OPDs that differ; they are named."},
    9: {"id": "Klaim kesetaraan: dua uji satu arah pada batas yang berarti — rentang {tost_level}% estimasi dasar seluruhnya di "
              "dalam rasio dampak {impact_low}–{impact_high} (pada tingkat promosi pembanding), p kedua uji < {alpha}. "
              "Kesenjangan yang mungkin tersisa terbukti kecil.",
        "en": "An equivalence claim: two one-sided tests at the materiality bounds — the basis estimate's {tost_level}% range "
              "lies wholly inside the impact ratios {impact_low}–{impact_high} (at the reference's promotion rate), both "
              "tests' p < {alpha}. Whatever gap remains is shown to be small."},
    10: {"id": "Bukan kesenjangan dan bukan kesetaraan: rentangnya masih memuat kesenjangan yang berarti. Disebutkan rasio odds "
               "terkecil (atau kebalikannya) yang dapat dideteksi estimasi dasar dengan kuasa {power_pct}%.",
         "en": "Neither a gap nor equivalence: its range still holds material gaps. The smallest odds ratio (or its inverse) "
               "the basis estimate could have detected with {power_pct}% power is stated."},
}

#: the side of 1 of a finding's estimate, what explained a gap, and the estimate a verdict rests on
DIRECTION_LABELS: dict[str, dict[str, str]] = {codes.LOWER: {"id": "lebih rendah", "en": "lower"},
                                               codes.HIGHER: {"id": "lebih tinggi", "en": "higher"}}
EXPLAINED_BY_LABELS: dict[str, dict[str, str]] = {
    codes.BY_MERIT: {"id": "merit", "en": "merit"}, codes.BY_OPD: {"id": "komposisi OPD", "en": "OPD composition"},
    codes.BY_BOTH: {"id": "komposisi OPD dan merit", "en": "OPD composition and merit"},
    codes.BY_ELIGIBILITY: {"id": "pemenuhan syarat", "en": "eligibility"},
    codes.BY_QUARTER: {"id": "triwulan", "en": "quarter"}}


def explained_by_label(code: object, lang: str = "id") -> str:
    """What explained a gap, in words: each block of `explained_by` (`opd+masa_kerja`) by its name, a declared control
    by its term's words ("komposisi OPD dan masa kerja (tahun)"); '' for none."""
    if code is None or (isinstance(code, float) and code != code) or str(code) in ("", "<NA>"):
        return ""
    lang = language(lang)
    if str(code) in EXPLAINED_BY_LABELS:
        return EXPLAINED_BY_LABELS[str(code)][lang]
    words = [EXPLAINED_BY_LABELS[p][lang] if p in EXPLAINED_BY_LABELS else term_label(p, lang)
             for p in str(code).split("+") if p]
    joiner = {"id": " dan ", "en": " and "}[lang]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + joiner + words[-1]
BASIS_LABELS: dict[str, dict[str, str]] = {
    codes.BASIS_MERIT: {"id": "disesuaikan dengan merit", "en": "adjusted for merit"},
    codes.BASIS_OPD: {"id": "distratifikasi OPD (tanpa merit)", "en": "OPD-stratified (no merit)"},
    codes.BASIS_RAW: {"id": "mentah (tanpa merit)", "en": "raw (no merit)"}}
#: why a finding was not tested (`flag_reason` of findings.csv; `detectable_or>4` carries its limit)
FLAG_REASONS: dict[str, dict[str, str]] = {
    "no_group": {"id": "tidak ada anggota kelompok", "en": "nobody in the group"},
    "no_reference": {"id": "tidak ada anggota pembanding", "en": "nobody in the reference group"},
    "no_promotion": {"id": "tidak ada promosi", "en": "no promotion"},
    "all_promoted": {"id": "semua dipromosikan", "en": "everyone promoted"},
    "detectable_or": {"id": "data terlalu sedikit: uji hanya dapat mendeteksi odds ratio di atas {limit}",
                      "en": "too little data: the test could only detect an odds ratio above {limit}"},
    "small_cell": {"id": "tidak diuji: sebagian angkanya disembunyikan (sel kecil), jadi alasannya pun tidak disebut",
                   "en": "not tested: some of its numbers are hidden (a small cell), so the reason is not told either"},
    "aor_not_estimable": {"id": "odds ratio setelah disesuaikan dengan merit tidak dapat dihitung",
                          "en": "the odds ratio adjusted for merit cannot be computed"},
    "model_sample_differs": {"id": "orang yang mempunyai nilai merit tidak mewakili semua orang, dan koreksinya memberi "
                                   "putusan lain",
                             "en": "those with merit scores do not stand for everyone, and the correction gives another "
                                   "verdict"},
    "measurement_error": {"id": "pada keandalan ukuran merit yang dinyatakan, putusannya lain",
                          "en": "at the declared reliability of the merit measures the verdict differs"},
    "heterogeneous": {"id": "OPD-OPD tidak seragam", "en": "the OPDs differ"},
    "not_equivalent": {"id": "rentangnya masih memuat kesenjangan yang berarti", "en": "the range still holds material gaps"},
}
#: the test of an adjusted odds ratio (`aor_method` of findings.csv)
AOR_METHODS: dict[str, dict[str, str]] = {
    "wald": {"id": "uji Wald", "en": "Wald test"},
    "lr": {"id": "uji rasio kemungkinan", "en": "likelihood-ratio test"},
}
#: a number no finite value bounds (an odds ratio no test of this size could detect), in a reason column
UNBOUNDED: dict[str, str] = {"id": "tidak terbatas", "en": "unbounded"}


def flag_reason_label(code: str, lang: str = "id") -> str:
    """Why a finding was not tested, in words (`detectable_or>4` → "… di atas 4"); anything else as it is."""
    import re

    m = re.fullmatch(r"detectable_or>(.+)", code)
    if m:
        from merit_lib.domain.language import number

        limit = float(m.group(1))
        return t("flag_reasons.detectable_or", lang, limit=number(limit, lang, 0 if limit.is_integer() else 1))
    return FLAG_REASONS.get(code, {}).get(language(lang), code)


def component_label(key: str, lang: str = "id") -> str:
    """An index component of compliance.csv (`share_tanpa_bypass`) by its name ("calon yang tidak terlewati")."""
    return _INDEX_COMPONENTS.get(key, {}).get(language(lang), key.replace("_", " "))


#: the kind of a row of promotions_ledger.csv (`jenis`)
LEDGER_KINDS: dict[str, dict[str, str]] = {
    "pegawai": {"id": "pegawai", "en": "persons"}, "promosi": {"id": "promosi", "en": "promotions"},
    "rotasi": {"id": "rotasi", "en": "rotations"}, "mutasi": {"id": "mutasi", "en": "mutations"},
    "kenaikan_jenjang": {"id": "kenaikan jenjang JF", "en": "JF jenjang rises"},
}

#: data-quality caveats of an audit; fields are the counts of AuditResult.meta["counts"]
AUDIT_CAVEATS: dict[str, dict[str, str]] = {
    "rejected": {"id": "{n} baris data ditolak saat validasi ({detail}); baris itu tidak ikut diaudit "
                       "(rinciannya: merit validate).",
                 "en": "{n} data rows were rejected by validation ({detail}); they are not in the audit "
                       "(details: merit validate)."},
    "at_risk": {"id": "{n_at_risk} dari {n_rows} pegawai dapat dipromosikan pada periode ini; {n_promoted} di antaranya "
                      "dipromosikan.",
                "en": "{n_at_risk} of {n_rows} persons could be promoted in the period; {n_promoted} were promoted."},
    "no_merit": {"id": "{n_no_merit} pegawai yang dapat dipromosikan ({pct}) tanpa nilai merit lengkap (kompetensi atau "
                       "kinerja: belum mengikuti asesmen, SKP kosong): mereka ikut dalam tingkat promosi mentah dan "
                       "perbandingan dalam OPD, tetapi tidak dalam model yang disesuaikan dengan merit; 'dijelaskan' hanya "
                       "dinilai pada orang-orang yang sama dalam model.",
                 "en": "{n_no_merit} persons who could be promoted ({pct}) lack complete merit scores (competency or "
                       "performance: not assessed, SKP missing): they count in the raw rates and the within-OPD comparison but "
                       "not in the merit-adjusted model; 'explained' is judged on the same persons in the model only."},
    "no_merit_declared": {"id": "Peran data tidak menyatakan ukuran merit: audit ini membandingkan tingkat promosi mentah "
                                "dan, untuk provinsi, di dalam OPD (Mantel–Haenszel). Tidak ada yang disesuaikan dengan "
                                "merit; temuan OPD bertumpu pada perbandingan mentah.",
                          "en": "The roles declare no merit measure: this audit compares raw promotion rates and, for "
                                "the province, within OPDs (Mantel–Haenszel). Nothing is adjusted for merit; the OPD verdicts "
                                "rest on the raw comparison."},
    "missing_control": {"id": "{n_missing_control} pegawai yang dapat dipromosikan ({pct}) mempunyai nilai merit tetapi "
                              "tanpa variabel kontrol {controls}: mereka ikut dalam tingkat promosi mentah, tetapi tidak "
                              "dalam model yang disesuaikan dengan merit.",
                        "en": "{n_missing_control} persons who could be promoted ({pct}) have merit scores but no value of "
                              "the control {controls}: they count in the raw rates but not in the merit-adjusted model."},
    "control_dropped": {"id": "Variabel kontrol {control} kosong untuk {pct} pegawai yang dapat dipromosikan (lebih dari "
                              "{limit}): variabel itu tidak dipakai dalam model yang disesuaikan dengan merit, jadi rasio "
                              "odds tidak disesuaikan menurut {control}.",
                        "en": "The control {control} is missing for {pct} of the persons who could be promoted (more than "
                              "{limit}): it is left out of the merit-adjusted model, so the odds ratios are not adjusted "
                              "for it."},
    "proxy": {"id": "{attribute}: kontrol {controls} hampir sama dengan atribut itu sendiri dan tidak dipakai dalam model "
                    "atribut ini (menyesuaikannya akan menghapus efek yang diaudit).",
              "en": "{attribute}: the control(s) {controls} stand in for the attribute itself and are left out of its "
                    "adjusted model (adjusting for them would adjust the audited effect away)."},
    "outside_rule": {"id": "{n} pegawai berada di luar kelompok yang dapat dipromosikan menurut aturan «{label}» "
                           "({source}): mereka tidak dibandingkan. {n_promoted} di antaranya tetap dipromosikan — itu "
                           "urusan kepatuhan, bukan temuan keadilan.",
                     "en": "{n} persons are outside those who could be promoted by the rule «{label}» ({source}): "
                           "they are not compared. {n_promoted} of them were promoted nonetheless — a compliance matter, "
                           "not a fairness verdict."},
    "not_compared": {"id": "{attribute}: kurang dari dua kelompok di antara pegawai yang dapat dipromosikan ({values}); "
                           "tidak ada yang dapat dibandingkan, tidak ada temuan.",
                     "en": "{attribute}: fewer than two groups among the persons who could be promoted ({values}); "
                           "nothing to compare, no verdicts."},
    "no_promotion_at_all": {"id": "Tidak seorang pun pegawai yang dapat dipromosikan benar-benar dipromosikan pada periode "
                                  "ini: tidak ada yang dapat diuji, semua temuan berstatus data tidak cukup.",
                            "en": "Nobody who could be promoted was promoted in the period: nothing can be tested, every "
                                  "verdict is insufficient data."},
    "missing_attribute": {"id": "{n} pegawai yang dapat dipromosikan tanpa nilai {attribute}: tidak ikut dalam audit "
                                "atribut itu.",
                          "en": "{n} persons who could be promoted have no value of {attribute}: they are not in that attribute's "
                                "audit."},
    "missing_scope": {"id": "{n} pegawai yang dapat dipromosikan tanpa lingkup (OPD): hanya ikut di tingkat provinsi.",
                      "en": "{n} persons who could be promoted have no scope (OPD): they count for the province only."},
    "no_promotion": {"id": "{n} dari {n_scopes} lingkup tidak mempromosikan siapa pun pada periode ini: tidak ada yang "
                           "dapat diuji di sana.",
                     "en": "{n} of {n_scopes} scopes promoted nobody in the period: nothing can be tested there."},
    "insufficient": {"id": "{n_insufficient} dari {n_findings} temuan tidak dapat diuji (data tidak cukup: pada jumlah "
                           "orang dan promosinya, uji itu tidak dapat menemukan rasio odds {max_detectable_or:g} dengan "
                           "kuasa {power_pct}%); {n_suppressed} temuan menyangkut kelompok < 5 orang.",
                     "en": "{n_insufficient} of {n_findings} verdicts could not be tested (insufficient data: at their "
                           "numbers of persons and promotions the test could not detect an odds ratio of "
                           "{max_detectable_or:g} with {power_pct}% power); {n_suppressed} concern groups under 5 persons."},
    "bh": {"id": "Koreksi Benjamini–Hochberg dilakukan per atribut, baris provinsi terpisah dari baris OPD (uji Fisher, "
                 "uji yang disesuaikan dengan merit dan Mantel–Haenszel masing-masing satu keluarga): menambah atribut "
                 "atau OPD lain tidak pernah melemahkan uji provinsi.",
           "en": "Benjamini–Hochberg is applied per attribute, the province's rows apart from the OPDs' (Fisher, "
                 "merit-adjusted and Mantel–Haenszel tests each a family of their own): auditing another attribute or "
                 "more OPDs never weakens the province test."},
    "simpson": {"id": "{n_simpson} temuan tingkat provinsi menunjukkan paradoks Simpson: kesenjangan mentahnya berbalik arah di "
                      "dalam OPD.",
                "en": "{n_simpson} province-level verdicts show Simpson's paradox: their raw gap reverses direction within "
                      "OPDs."},
    "heterogeneous": {"id": "{n_heterogeneous} temuan tingkat provinsi dengan OPD yang tidak seragam (uji Breslow–Day p < 0,05): "
                            "angka gabungan menyembunyikan OPD yang berbeda; bacalah baris OPD-nya.",
                      "en": "{n_heterogeneous} province-level verdicts whose OPDs differ (Breslow–Day p < 0.05): the pooled "
                            "estimate hides OPDs that differ; read their OPD rows."},
    "merit_gap": {"id": "Kesenjangan yang dijelaskan oleh merit hanya seadil ukuran meritnya. Ukuran merit berbeda menurut "
                        "kelompok: {gaps}. Bila ukuran itu sendiri tidak adil (misalnya penilaian SKP yang lebih rendah "
                        "untuk pekerjaan yang sama), «dijelaskan oleh merit» menyembunyikan ketidakadilan itu.",
                  "en": "A gap explained by merit is only as fair as the merit measures. The merit measures differ by "
                        "group: {gaps}. Where a measure itself is unfair (an SKP rating marked down for the same work, "
                        "say), «explained by merit» hides that unfairness."},
    "outcome_control": {"id": "Variabel kontrol {controls} hampir menentukan promosi (sebarannya di antara yang dipromosikan "
                              "sangat berbeda): kemungkinan besar akibat promosi itu sendiri, jadi tidak dipakai dalam "
                              "model yang disesuaikan dengan merit. Nyatakan sebagai ukuran merit bila memang merit.",
                        "en": "The control(s) {controls} nearly determine promotion (their distribution among the promoted "
                              "differs sharply): most likely caused by the promotion itself, so they are left out of the "
                              "merit-adjusted model. Declare one as a merit measure if it is merit."},
    "unknown_time": {"id": "Waktu pengukuran {columns} tidak dinyatakan di peran data (measured: before): kontrol yang "
                           "diukur setelah awal periode dapat disebabkan oleh promosi dan menjelaskan kesenjangan secara "
                           "keliru; hanya kontrol yang hampir menentukan promosi yang dikenali dari datanya.",
                     "en": "When {columns} were measured is not declared in the roles (measured: before): a control "
                           "measured after the period's start can be caused by the promotion and explain a gap away "
                           "wrongly; only one that nearly determines promotion is recognised from the data."},
    "reliability": {"id": "Keandalan ukuran merit yang dinyatakan: {measures}. Ukuran yang kurang andal menyesuaikan terlalu "
                          "sedikit: setiap temuan juga diestimasi pada keandalan itu (kalibrasi regresi), dan putusan yang "
                          "berubah karenanya menjadi «belum dapat disimpulkan».",
                    "en": "Declared reliability of the merit measures: {measures}. A less reliable measure adjusts too "
                          "little: every finding is also estimated at that reliability (regression calibration), and a "
                          "verdict that changes with it becomes «inconclusive»."},
    "model_sample": {"id": "{n} temuan: orang yang mempunyai nilai merit menunjukkan kesenjangan mentah yang berbeda secara "
                           "berarti dari semua orang (siapa yang mengikuti asesmen bergantung pada kelompok atau hasil); estimasi "
                           "yang dibobot kembali ke semua orang ditampilkan di sampingnya, dan {n_changed} di antaranya "
                           "menjadi «belum dapat disimpulkan» karena keduanya tidak sepakat.",
                     "en": "{n} verdicts: those with merit scores show a raw gap materially different from everyone's "
                           "(who is assessed depends on the group or the outcome); the estimate weighted back to everyone "
                           "is shown beside it, and {n_changed} of them became «inconclusive» because the two disagree."},
    "equivalence": {"id": "«Tidak ada disparitas» adalah klaim kesetaraan: rentang estimasinya seluruhnya di dalam batas yang tidak "
                          "berarti. Temuan yang belum mencapai itu «belum dapat disimpulkan» ({n_not_equivalent}), dengan "
                          "kesenjangan terkecil yang dapat dideteksinya.",
                    "en": "«No disparity» is an equivalence claim: the estimate's range lies wholly within the bounds of an "
                          "immaterial gap. Findings that fall short of it are «inconclusive» ({n_not_equivalent}), with the "
                          "smallest gap they could have detected."},
    "lr": {"id": "{n_lr} temuan memakai uji rasio kemungkinan karena kelompok atau pembandingnya tanpa promosi sama sekali "
                 "(rasio odds 0 atau tak hingga).",
           "en": "{n_lr} verdicts use a likelihood-ratio test because the group or its reference had no promotion at all "
                 "(odds ratio 0 or infinite)."},
}


def flag_label(flag: str, lang: str = "id") -> str:
    """The name of an audit verdict (a code of `codes.FLAGS`) in the given language."""
    return FLAG_LABELS.get(flag, {}).get(lang, flag)


# --------------------------------------------------------------------------- readiness models (merit_lib.analysis.model)

#: messages of the readiness models; fields arrive already formatted for the language (see merit_lib.analysis.model)
MODEL_MESSAGES: dict[str, dict[str, str]] = {
    "sample": {"id": "{n_model} dari {n_at_risk} pegawai-triwulan yang dapat dipromosikan (setiap pegawai dihitung sekali "
                     "untuk setiap triwulan jendela ia dapat dipromosikan) masuk model; {n_events} di antaranya "
                     "dipromosikan.",
               "en": "{n_model} of {n_at_risk} person-quarters that could be promoted (each person counted once for each "
                     "quarter of the window they could be promoted in) are modelled; {n_events} of them were promoted."},
    "dropped": {"id": "{n_dropped} pegawai-triwulan yang dapat dipromosikan tidak masuk model karena datanya kurang "
                      "({detail}). Hasil model berlaku untuk pegawai yang datanya lengkap.",
                "en": "{n_dropped} person-quarters that could be promoted are left out for missing data ({detail}). The "
                      "results hold for those with complete data."},
    "no_rows": {"id": "Tidak ada pegawai yang dapat dipromosikan dengan data lengkap: model tidak dapat diestimasi.",
                "en": "Nobody who could be promoted has complete data: no model can be estimated."},
    "no_events": {"id": "Tidak ada satu pun promosi di antara {n} pegawai yang dimodelkan: tidak ada yang dapat dijelaskan, "
                        "model tidak diestimasi.",
                  "en": "Nobody among the {n} modelled persons was promoted: there is nothing to explain, no model is "
                        "estimated."},
    "all_events": {"id": "Semua {n} pegawai yang dimodelkan dipromosikan: tidak ada pembanding, model tidak diestimasi.",
                   "en": "All {n} modelled persons were promoted: there is no comparison, no model is estimated."},
    "low_epv": {"id": "Model {model}: hanya {n_events} kejadian (promosi atau bukan-promosi, mana yang lebih jarang) untuk "
                      "{k} parameter, yaitu {epv} kejadian per variabel (di bawah {min_epv}). Estimasi biasa tidak stabil "
                      "pada data sekecil ini; dipakai regresi logistik berpenalti (ridge) yang menarik OR ke arah 1. "
                      "Rentang dan p tidak dihitung: penalti membuat rentang biasa tidak sah.",
                "en": "Model {model}: only {n_events} events (promoted or not promoted, whichever is rarer) for {k} "
                      "parameters, i.e. {epv} events per variable (below {min_epv}). Ordinary estimates are unstable on "
                      "so little data; a penalized (ridge) logistic regression is used, which pulls odds ratios towards 1. "
                      "No range or p: the penalty makes ordinary ranges invalid."},
    "separation": {"id": "Model {model}: pemisahan (separation) terdeteksi — {detail}. OR biasa akan tak hingga atau tidak "
                         "masuk akal; dipakai regresi logistik berpenalti (ridge). Rentang dan p tidak dihitung.",
                   "en": "Model {model}: separation detected — {detail}. Ordinary odds ratios would be infinite or absurd; "
                         "a penalized (ridge) logistic regression is used. No range or p."},
    "sep_group": {"id": "{term}: {k} dari {n} orang dipromosikan", "en": "{term}: {k} of {n} persons promoted"},
    "sep_fit": {"id": "estimasi tidak konvergen atau koefisien tidak masuk akal ({terms})",
                "en": "the fit did not converge or gave absurd coefficients ({terms})"},
    "collinear": {"id": "Model {model}: kolom desain saling kolinear (satu kolom dapat ditulis dari kolom lain); dipakai "
                        "regresi logistik berpenalti (ridge). Rentang dan p tidak dihitung.",
                  "en": "Model {model}: the design columns are collinear (one is a combination of others); a penalized "
                        "(ridge) logistic regression is used. No range or p."},
    "gee_skipped": {"id": "Model gee tidak diestimasi: {reason}.", "en": "Model gee is not estimated: {reason}."},
    "gee_penalized": {"id": "model logit memerlukan penalti (lihat di atas) dan statsmodels tidak menyediakan GEE berpenalti",
                      "en": "the logit model needed a penalty (see above) and statsmodels has no penalized GEE"},
    "gee_clusters": {"id": "hanya {g} kelompok {scope} (perlu paling sedikit {min})",
                     "en": "only {g} {scope} groups (at least {min} needed)"},
    "gee_failed": {"id": "estimasi tidak konvergen ({detail})", "en": "the fit did not converge ({detail})"},
    "one_cluster": {"id": "Hanya ada satu kelompok {scope}: SE klaster tidak mungkin, dipakai SE robust (HC1).",
                    "en": "There is only one {scope} group: cluster SEs are impossible, robust (HC1) SEs are used."},
    "few_clusters": {"id": "Hanya {g} kelompok {scope}: dengan kurang dari {min} klaster SE klaster cenderung terlalu kecil. "
                           "Rentang memakai distribusi t dengan {df} derajat bebas; tetap tafsirkan dengan hati-hati.",
                     "en": "Only {g} {scope} groups: with fewer than {min} clusters, cluster SEs tend to be too small. Ranges "
                           "use a t distribution with {df} degrees of freedom; still read them with care."},
    "constant": {"id": "Kolom {columns} bernilai sama untuk semua yang dimodelkan, sehingga dikeluarkan dari model.",
                 "en": "Column(s) {columns} take one value for everyone modelled and are left out of the model."},
    "centered": {"id": "Ukuran kompetensi dan kinerja dipusatkan pada rata-ratanya ({means}). OR per satu satuan tidak "
                       "berubah; dalam model interaksi, OR utama kompetensi berlaku pada kinerja rata-rata (dan sebaliknya).",
                 "en": "Competency and performance measures are centred at their means ({means}). Odds ratios per unit do not "
                       "change; in the interaction model the main OR of competency applies at average kinerja (and vice "
                       "versa)."},
    "interaction": {"id": "Interaksi {term} (logika 9-kotak: apakah kompetensi lebih menentukan bila kinerja tinggi?): OR {or_} "
                          "(rentang 95% {lo}–{hi}), p {p}. {verdict}",
                    "en": "Interaction {term} (the 9-box logic: does competency matter more when performance is high?): OR {or_} "
                          "(95% range {lo}–{hi}), p {p}. {verdict}"},
    "interaction_up": {"id": "Pengaruh {comp} lebih kuat {where}.", "en": "{comp} matters more {where}."},
    "interaction_down": {"id": "Pengaruh {comp} lebih lemah {where}.", "en": "{comp} matters less {where}."},
    "where_higher": {"id": "pada {kin} yang lebih tinggi", "en": "at higher {kin}"},
    "where_level": {"id": "pada {kin} = {level} dibanding {reference}", "en": "at {kin} = {level} than at {reference}"},
    "interaction_none": {"id": "Tidak ada bukti bahwa pengaruh kompetensi bergantung pada kinerja (rentangnya memuat 1).",
                         "en": "No evidence that the effect of competency depends on performance (the range includes 1)."},
    "interaction_penalized": {"id": "Interaksi {term}: estimasi berpenalti OR {or_}, tanpa rentang (lihat catatan ridge).",
                              "en": "Interaction {term}: penalized estimate OR {or_}, no range (see the ridge note)."},
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
    "ame_analytic": {"id": "Efek marginal rata-rata model {model} dihitung dari turunan probabilitas prediksi, tanpa rentang "
                           "(fungsi get_margeff di statsmodels tidak menangani suku interaksi atau estimasi berpenalti).",
                     "en": "Average marginal effects of model {model} are derivatives of the predicted probability, without "
                           "a range (statsmodels get_margeff handles neither interaction terms nor penalized fits)."},
    # the plain-language reading
    "unit_number": {"id": "setiap satu satuan lebih tinggi", "en": "each unit higher"},
    "unit_level": {"id": "nilai {level} dibanding acuan {reference}", "en": "level {level} against the reference {reference}"},
    "read_up": {"id": "{measure} — {unit}: odds promosi {or_} kali lipat (rentang 95% {lo}–{hi}) di antara pegawai yang sama "
                      "dalam {controls}; rata-rata peluang promosi {ame} poin persentase.",
                "en": "{measure} — {unit}: {or_} times the odds of promotion (95% range {lo}–{hi}) among persons alike in "
                      "{controls}; on average {ame} percentage points of promotion probability."},
    "read_down": {"id": "{measure} — {unit}: odds promosi LEBIH RENDAH, {or_} kali (rentang 95% {lo}–{hi}), di antara pegawai "
                        "yang sama dalam {controls}; rata-rata peluang promosi {ame} poin persentase.",
                  "en": "{measure} — {unit}: LOWER odds of promotion, {or_} times (95% range {lo}–{hi}), among persons alike "
                        "in {controls}; on average {ame} percentage points of promotion probability."},
    "read_null": {"id": "{measure} — {unit}: tidak dapat dibedakan dari tidak ada hubungan (OR {or_}, rentang 95% {lo}–{hi} "
                        "memuat 1).",
                  "en": "{measure} — {unit}: cannot be told apart from no association (OR {or_}, the 95% range {lo}–{hi} "
                        "includes 1)."},
    "read_penalized": {"id": "{measure} — {unit}: estimasi berpenalti OR {or_}, tanpa rentang (data terlalu sedikit untuk "
                             "kepastian).",
                       "en": "{measure} — {unit}: penalized estimate OR {or_}, no range (too little data for certainty)."},
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
                               "dengan prediksi (rentang Wilson 95% memuat nilai prediksi).",
                         "en": "Calibration: in {ok} of {m} decile groups the share actually promoted agrees with the "
                               "prediction (the 95% Wilson range contains the predicted value)."},
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
    "ridge": {"id": "regresi logistik berpenalti (ridge), tanpa rentang", "en": "penalized (ridge) logistic regression, no range"},
}


#: words of the readiness models' summary (merit_lib.analysis.model)
MODEL_WORDS: dict[str, dict[str, str]] = {
    "title": {"id": "Model kesiapan promosi", "en": "Promotion readiness models"},
    "controls": {"id": "kontrol", "en": "controls"},
    "n": {"id": "n", "en": "n"},
    "events": {"id": "promosi", "en": "promoted"},
    "notes": {"id": "Catatan", "en": "Notes"},
    "none": {"id": "(tidak ada model yang diestimasi)", "en": "(no model estimated)"},
    "ci": {"id": "Rentang 95%", "en": "95% range"},
}

#: messages of the models' handling of sparse data (merit_lib.analysis.model.notes)
MODEL_MESSAGES.update({
    "control_absent": {"id": "{column} tidak ada datanya → tidak dimasukkan sebagai kontrol (dengan kolom ini semua "
                             "pegawai akan keluar dari model). OR lainnya tidak disesuaikan untuk {column}.",
                       "en": "{column} has no data → not used as a control (with it, everyone would leave the model). "
                             "The other odds ratios are not adjusted for {column}."},
    "control_sparse": {"id": "{column} kosong untuk {n_missing} dari {n_at_risk} pegawai yang dapat dipromosikan ({pct}, "
                             "lebih dari batas {max_pct}) → tidak dimasukkan sebagai kontrol, agar pegawai itu tetap masuk "
                             "model. OR lainnya tidak disesuaikan untuk {column}.",
                       "en": "{column} is empty for {n_missing} of {n_at_risk} persons who could be promoted ({pct}, more "
                             "than the limit of {max_pct}) → not used as a control, so that these persons stay in the "
                             "model. The other odds ratios are not adjusted for {column}."},
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
                           "klaster cenderung terlalu kecil, jadi setiap SE tidak pernah di bawah SE berbasis model (rentang dengan SE "
                           "klaster memakai distribusi t dengan {df} derajat bebas; dipilih lewat simulasi: cakupan 94–95% "
                           "dengan 5, 12 dan 42 OPD).",
                     "en": "Only {g} {scope} groups: with few (or very unequal) clusters, cluster SEs tend to be too small, so "
                           "no SE is ever below its model-based SE (ranges on a cluster SE use a t distribution with {df} degrees of "
                           "freedom; chosen by simulation: 94–95% coverage with 5, 12 and 42 OPDs)."},
    "cluster_floor": {"id": "{model}: {n} dari {k} SE klaster lebih kecil daripada SE berbasis model dan dinaikkan ke SE itu "
                            "(klaster terlalu sedikit atau tidak sama besar untuk dipercaya sendiri).",
                      "en": "{model}: {n} of {k} cluster SEs were smaller than the model-based SE and were raised to it "
                            "(too few or too unequal clusters to be trusted alone)."},
    "nothing_left": {"id": "Setelah kelompok yang hasilnya diprediksi sempurna dikeluarkan, tersisa {n} pegawai dengan "
                           "{n_events} promosi: tidak ada yang dapat diestimasi, model tidak diestimasi.",
                     "en": "Once the groups whose outcome is perfectly predicted are left out, {n} persons with {n_events} "
                           "promotions remain: nothing can be estimated, no model is estimated."},
})

#: readable names of model terms and analysis columns (`term_label`); an unknown one reads with spaces for underscores
TERMS: dict[str, dict[str, str]] = {
    "kompetensi": {"id": "kompetensi", "en": "competency"},
    "kinerja": {"id": "kinerja", "en": "performance (SKP)"},
    "golongan_ordinal": {"id": "golongan", "en": "grade (golongan)"},
    "masa_kerja": {"id": "masa kerja (tahun)", "en": "years of service"},
    "pendidikan_s1": {"id": "pendidikan S1 atau lebih", "en": "bachelor's degree or higher"},
    "Intercept": {"id": "konstanta", "en": "intercept"},
    "level_awal": {"id": "jenjang awal", "en": "starting level"},
    "memenuhi_syarat": {"id": "memenuhi semua syarat", "en": "meets every requirement"},
    "jenis_kelamin": {"id": "jenis kelamin", "en": "sex"},
    "kelompok_usia": {"id": "kelompok usia", "en": "age group"},
    "status_kepegawaian": {"id": "status kepegawaian", "en": "employment status"},
    "talent_pool": {"id": "talent pool", "en": "talent pool"},
    "jpm": {"id": "JPM", "en": "JPM"},
    "logit": {"id": "regresi logistik", "en": "logistic regression"},
    "logit_interaksi": {"id": "regresi logistik dengan interaksi", "en": "logistic regression with interaction"},
    "gee": {"id": "GEE", "en": "GEE"},
    "interaction": {"id": "{a} × {b}", "en": "{a} × {b}"},
    "versus": {"id": "{level} (dibanding {reference})", "en": "{level} (against {reference})"},
    "level_of": {"id": "{column}: {level}", "en": "{column}: {level}"},
}


def term_label(term: str, lang: str = "id", reference: str | None = None) -> str:
    """A model term or column for a reader: `C(level_awal)[T.Fungsional]` → "Fungsional (dibanding Pelaksana)" given the
    reference level (else "jenjang awal: Fungsional"), `masa_kerja` → "masa kerja (tahun)", `a:b` → "a × b"."""
    import re

    if ":" in term:
        a, b = term.split(":", 1)
        return t("terms.interaction", lang, a=term_label(a, lang), b=term_label(b, lang))
    m = re.fullmatch(r"C\((.+?)\)\[T\.(.*)\]", term)
    if m:
        col, level = m.group(1), _level(m.group(2), lang)
        if reference:
            return t("terms.versus", lang, level=level, reference=_level(reference, lang))
        return t("terms.level_of", lang, column=term_label(col, lang), level=level)
    if term in TERMS:
        return t("terms." + term, lang)
    return term.replace("_", " ")


def _level(level: str, lang: str) -> str:
    """A level of a categorical term for a reader: a quarter (`2025Q3`) in words (Triwulan III 2025), else as it is."""
    import re

    from merit_lib.domain.language import period_label

    return period_label(level, lang) if re.fullmatch(r"\d{4}Q[1-4]", str(level)) else level


def attribute_label(attribute: str, lang: str = "id") -> str:
    """A protected attribute as readers name it (`jenis_kelamin` → Jenis kelamin; unknown: spaces, capitalized)."""
    key = f"attr_{attribute}"
    out = t(key, lang)
    return str(attribute).replace("_", " ").capitalize() if out == key else out


def group_label(attribute: str, group: object, lang: str = "id") -> str:
    """A group of an attribute as readers name it (`P` → Perempuan; an unknown group as it is)."""
    key = f"grp_{attribute}_{group}"
    out = t(key, lang)
    return str(group) if out == key else out


# --------------------------------------------------------------------------- figures (merit_lib.report.figures, page_figures)

FIGURES: dict[str, dict[str, str]] = {
    "coverage": {"id": "Cakupan profiling dan SKP per OPD", "en": "Profiling and SKP coverage per OPD"},
    "share": {"id": "proporsi pegawai (rentang 95%)", "en": "share of staff (95% range)"},
    "profiling": {"id": "profiling", "en": "profiling"},
    "kinerja": {"id": "SKP 2 tahun", "en": "SKP, 2 years"},
    "rejected": {"id": "Baris ditolak menurut aturan", "en": "Rejected rows by rule"},
    "rows": {"id": "jumlah baris", "en": "rows"},
    "no_findings": {"id": "tidak ada temuan yang dapat ditampilkan", "en": "no findings to show"},
    "no_data": {"id": "tidak ada data yang dapat ditampilkan", "en": "no data to show"},
    "forest": {"id": "{group} dibanding {reference}", "en": "{group} against {reference}"},
    "forest_title": {"id": "Rasio odds promosi pada merit yang sama — {attribute}",
                     "en": "Odds ratio of promotion at equal merit — {attribute}"},
    "aor": {"id": "rasio odds setelah disesuaikan dengan merit (rentang 95%, skala log)",
            "en": "odds ratio adjusted for merit (95% range, log scale)"},
    "left_out": {"id": "Tidak ditampilkan: {small} baris yang angkanya disembunyikan (sel < 5 orang atau pelengkapnya), "
                       "{untested} tidak diuji (data tidak cukup), {infinite} dengan rasio odds 0 atau ∞ (lihat tabel). "
                       "Rentang dipotong pada {lo}–{hi}.",
                 "en": "Left out: {small} rows with hidden figures (a cell under 5 persons or its complement), "
                       "{untested} not tested (insufficient data), {infinite} with an odds ratio of 0 or ∞ (see the "
                       "table). Ranges clipped at {lo}–{hi}."},
    "rates_title": {"id": "Tingkat promosi per kelompok — {scope}", "en": "Promotion rate by group — {scope}"},
    "rate": {"id": "tingkat promosi (rentang 95% Wilson)", "en": "promotion rate (95% Wilson range)"},
    "all_at_risk": {"id": "semua pegawai yang dapat dipromosikan", "en": "everyone who could be promoted"},
    "qualified": {"id": "hanya talent pool (kesempatan setara)", "en": "talent pool only (equal opportunity)"},
    "ref_suffix": {"id": " (pembanding)", "en": " (reference)"},
    "nine_box_title": {"id": "Peta talenta 9-kotak: jumlah pegawai per kotak", "en": "9-box talent map: persons per box"},
    "potential": {"id": "potensial", "en": "potential"},
    "performance": {"id": "kinerja", "en": "performance"},
    "box": {"id": "kotak", "en": "box"},
    "rendah": {"id": "rendah", "en": "low"}, "menengah": {"id": "menengah", "en": "medium"},
    "tinggi": {"id": "tinggi", "en": "high"},
    "di bawah ekspektasi": {"id": "di bawah ekspektasi", "en": "below expectations"},
    "sesuai ekspektasi": {"id": "sesuai ekspektasi", "en": "meets expectations"},
    "di atas ekspektasi": {"id": "di atas ekspektasi", "en": "above expectations"},
    "perf_above": {"id": "di atas", "en": "above"}, "perf_meets": {"id": "sesuai", "en": "meets"},
    "perf_below": {"id": "di bawah", "en": "below"},
    "pool_note": {"id": "garis tebal = talent pool (kotak 7, 8, 9); '< 5' = angka disembunyikan (kotak kosong, 1–4 "
                        "orang, atau disembunyikan agar sel kecil tidak dapat dihitung kembali)",
                  "en": "bold border = talent pool (boxes 7, 8, 9); '< 5' = number hidden (an empty box, 1–4 persons, or "
                        "hidden so that a small cell cannot be computed back)"},
    "curve_title": {"id": "Peluang promosi menurut {competency}, per tingkat {kinerja} (model {model})",
                    "en": "Probability of promotion by {competency}, per level of {kinerja} (model {model})"},
    "probability": {"id": "peluang promosi (rata-rata prediksi)", "en": "probability of promotion (average prediction)"},
    "curve_note": {"id": "Setiap garis: semua pegawai yang dimodelkan diberi nilai {competency} dan {kinerja} yang sama, "
                         "variabel lain tetap; asosiasi, bukan sebab-akibat.",
                   "en": "Each line: every modelled person given the same {competency} and {kinerja}, other variables as "
                         "they are; association, not cause."},
    "or_title": {"id": "Rasio odds promosi (rentang 95%)", "en": "Odds ratios of promotion (95% range)"},
    "or_axis": {"id": "rasio odds (skala log; 1 = tidak ada hubungan)", "en": "odds ratio (log scale; 1 = no association)"},
    "ridge_note": {"id": "titik kosong = estimasi berpenalti (ridge), tanpa rentang",
                   "en": "hollow point = penalized (ridge) estimate, no range"},
    "ridge_suffix": {"id": " (ridge)", "en": " (ridge)"},
    "cal_title": {"id": "Kalibrasi model {model}: prediksi dibanding kenyataan per desil",
                  "en": "Calibration of model {model}: predicted against observed by decile"},
    "predicted": {"id": "peluang prediksi (rata-rata desil)", "en": "predicted probability (decile mean)"},
    "observed": {"id": "proporsi dipromosikan (rentang 95% Wilson)", "en": "share promoted (95% Wilson range)"},
    "perfect": {"id": "kalibrasi sempurna", "en": "perfect calibration"},
    "index": {"id": "Indeks kepatuhan meritokrasi (0–100, rentang 95%)",
              "en": "Meritocracy compliance index (0–100, 95% range)"},
    "trend": {"id": "Indeks per triwulan, masing-masing pada jendelanya sendiri",
              "en": "Index per quarter, each on its own window"},
    "average": {"id": "rata-rata provinsi", "en": "province average"},
    "funnel_n_staff": {"id": "jumlah pegawai (skala log)", "en": "staff (log scale)"},
    "funnel_n_promotions": {"id": "jumlah promosi dalam jendela (skala log)", "en": "promotions in the window (log scale)"},
    "funnel_n_candidates": {"id": "jumlah calon yang memenuhi syarat (skala log)",
                            "en": "eligible candidates (log scale)"},
    "funnel_note": {"id": "Garis tengah = provinsi; putus-putus = batas 95%; titik-titik = batas 99,8%; belah ketupat merah "
                          "= OPD di luar batas 99,8%.",
                    "en": "Middle line = the province; dashed = 95% limits; dotted = 99.8% limits; red diamonds = OPDs "
                          "beyond the 99.8% limits."},
}


# --------------------------------------------------------------------------- pages around the notebooks (report.html)

#: texts of index.html and of every page's frame (keys as `html._TXT` had them)
SITE: dict[str, dict[str, str]] = {
    "period": {"id": "Periode", "en": "Period"},
    "fingerprint": {"id": "Sidik jari data", "en": "Data fingerprint"},
    "generated": {"id": "Dibuat", "en": "Generated"},
    "index": {"id": "Beranda", "en": "Home"},
    "province": {"id": "Provinsi", "en": "Province"},
    "audit": {"id": "Audit keadilan", "en": "Fairness audit"},
    "footer": {"id": "Merit workbook · angka agregat; sel < 5 orang disembunyikan; tanpa nama dan NIP. "
                     "Jejak audit: manifest.json dan notebooks/.",
               "en": "Merit workbook · aggregate figures; cells < 5 persons suppressed; no names or NIPs. "
                     "Audit trail: manifest.json and notebooks/."},
    "title": {"id": "Laporan Kepatuhan Meritokrasi ASN Provinsi Banten", "en": "ASN Meritocracy Compliance Report, Banten Province"},
    "page_province": {"id": "Ringkasan Provinsi", "en": "Province summary"},
    "page_audit": {"id": "Audit Keadilan Promosi", "en": "Fairness audit of promotions"},
    "page_opd": {"id": "Laporan {opd}", "en": "OPD report: {opd}"},
    # print (issue 23 item 2): the running footer of every printed page, and what stands for a wide table in print
    "page_of": {"id": "hal. {page} dari {pages}", "en": "page {page} of {pages}"},
    "print_omitted": {"id": "Tabel teknis ini tidak dicetak karena terlalu lebar; isinya lengkap di ringkasan.xlsx dan "
                            "tables/ pada folder laporan.",
                      "en": "This technical table is not printed because it is too wide; it is complete in ringkasan.xlsx "
                            "and tables/ in the report folder."},
    "opd_list": {"id": "Laporan per OPD", "en": "Reports per OPD"},
    "failed": {"id": "Gagal dibuat", "en": "Failed"},
    "headline": {"id": "Angka utama", "en": "Headline figures"},
    "n_pegawai": {"id": "pegawai dianalisis", "en": "staff analysed"},
    "n_promosi": {"id": "promosi dalam periode", "en": "promotions in the period"},
    "flags": {"id": "temuan disparitas", "en": "disparity verdicts"},
    "opd": {"id": "OPD", "en": "OPD"},
    "code": {"id": "Kode", "en": "Code"},
    "index_col": {"id": "Indeks", "en": "Index"},
    "category": {"id": "Kategori", "en": "Category"},
    "ci": {"id": "Rentang 95%", "en": "95% range"},
    "tables": {"id": "Tabel", "en": "Tables"},
    "status": {"id": "status", "en": "status"},
}


def section(name: str, lang: str = "id") -> dict[str, str]:
    """Every text of one section of the catalogue (e.g. `site`) in the given language, as a dict for a template."""
    return {k: v.get(lang) or v["id"] for k, v in SECTIONS[name].items()}


# --------------------------------------------------------------------------- codes → words (merit_lib.domain.codes)

#: the outcome ledger's reasons (analysis.ledger)
LEDGER: dict[str, dict[str, str]] = {
    codes.JENJANG_RISE: {"id": "kenaikan jenjang jabatan fungsional: bukan promosi, bukan rotasi",
                         "en": "functional (JF) jenjang rise: neither a promotion nor a rotation"},
    codes.COUNTED: {"id": "dihitung", "en": "counted"},
    codes.DUPLICATE: {"id": "baris ganda", "en": "duplicate rows"},
    codes.SECOND: {"id": "promosi kedua orang yang sama", "en": "second promotion of the same person"},
    codes.NOT_IN_FRAME: {"id": "pegawainya tidak ada di data pegawai", "en": "person not in the staff table"},
    codes.APPOINTED: {"id": "baru diangkat dalam periode", "en": "appointed during the period"},
    codes.LEVEL_UNKNOWN: {"id": "jenjang sebelum promosi tidak diketahui", "en": "level before promotion unknown"},
    codes.NOT_COVERED: {"id": "jenjang tujuan di luar cakupan (di atas JPT Pratama)",
                        "en": "target level not covered (above JPT Pratama)"},
    codes.OPD_UNKNOWN: {"id": "OPD tidak diketahui", "en": "OPD unknown"},
    codes.NOT_STRUCTURAL: {"id": "ke jabatan non-struktural", "en": "into a non-structural post"},
    codes.TARGET_UNKNOWN: {"id": "jabatan tujuan tidak diketahui", "en": "post moved into unknown"},
    codes.AT_RISK: {"id": "dapat dipromosikan", "en": "could be promoted"},
    codes.NO_HIGHER: {"id": "tidak ada jenjang berikutnya", "en": "no higher level covered"},
    codes.NOT_ACTIVE: {"id": "tidak aktif menurut kedudukan hukum (CLTN, tugas belajar, MPP, pensiun, …)",
                       "en": "not active by kedudukan hukum (CLTN, study leave, pre-retirement, retired, …)"},
    codes.RECENTLY_PROMOTED: {"id": "baru dipromosikan (kurang dari setahun di jenjang ini)",
                              "en": "recently promoted (less than a year at this level)"},
    codes.REJECTED: {"id": "ditolak saat validasi", "en": "rejected by validation"},
    "none": {"id": "Tidak ada peristiwa promosi pada periode ini.", "en": "No promotion event in this period."},
    "head": {"id": "Peristiwa promosi dalam data: {total}; dihitung dalam analisis: {counted}",
             "en": "Promotion events in the data: {total}; counted in the analysis: {counted}"},
    "all": {"id": " (semuanya).", "en": " (all)."},
    "not_counted": {"id": "; tidak dihitung: {why}.", "en": "; not counted: {why}."},
}

#: the categories of the compliance index (analysis.compliance)
CATEGORIES: dict[str, dict[str, str]] = {
    codes.VERY_GOOD: {"id": "Sangat Baik", "en": "Very good"}, codes.GOOD: {"id": "Baik", "en": "Good"},
    codes.POOR: {"id": "Kurang", "en": "Poor"}, codes.BAD: {"id": "Buruk", "en": "Bad"},
    codes.NOT_JUDGED: {"id": "tidak dapat dinilai", "en": "cannot be judged"},
}


#: the names of hidden cells (privacy's labels, in a table's `suppressed` column) and of why, in each language
HIDDEN_CELLS: dict[str, dict[str, str]] = {
    "kelompok": {"id": "kelompok", "en": "group"}, "pembanding": {"id": "pembanding", "en": "reference"},
    "talent pool kelompok": {"id": "talent pool kelompok", "en": "group's talent pool"},
    "talent pool pembanding": {"id": "talent pool pembanding", "en": "reference's talent pool"},
    "bernilai merit kelompok": {"id": "bernilai merit kelompok", "en": "group with merit scores"},
    "bernilai merit pembanding": {"id": "bernilai merit pembanding", "en": "reference with merit scores"},
    "talent pool": {"id": "talent pool", "en": "talent pool"},
    "memenuhi syarat": {"id": "memenuhi syarat", "en": "meeting every requirement"},
    "melangkahi": {"id": "melangkahi", "en": "passing someone over"}, "calon": {"id": "calon", "en": "candidates"},
    "terlewati": {"id": "terlewati", "en": "passed over"}, "promosi": {"id": "promosi", "en": "promotions"},
    "rotasi memenuhi syarat": {"id": "rotasi memenuhi syarat", "en": "rotations meeting the requirements"},
    "sel < 5": {"id": "sel < 5", "en": "cell < 5"}, "komplementer": {"id": "komplementer", "en": "complement"},
    "total < 5": {"id": "total < 5", "en": "total < 5"}, "kosong": {"id": "kosong", "en": "empty"},
}


def hidden_cells(value: str, lang: str = "id") -> str:
    """A `suppressed` cell ("talent pool: sel < 5; terlewati: komplementer") in the given language, part by part."""
    def one(word: str) -> str:
        return HIDDEN_CELLS.get(word.strip(), {}).get(lang, word.strip())
    return "; ".join(": ".join(one(w) for w in part.split(":")) for part in str(value).split(";") if part.strip())


def category(code: str, lang: str = "id") -> str:
    """A compliance category (a code of `codes.CATEGORIES`) in the given language; anything else as it is."""
    return CATEGORIES.get(code, {}).get(lang, code)


#: the legal source of a named check, as a reader of either language cites it (the Indonesian text is rules.SOURCES')
CHECK_SOURCES: dict[str, dict[str, str]] = {
    "cek_status": {"id": "UU 5/2014 Pasal 94 jo. PP 49/2018 Pasal 4–5 (PPPK mengisi JF dan JPT tertentu, bukan jabatan "
                         "administrasi); UU 20/2023 belum mengubahnya dalam peraturan pelaksana",
                   "en": "UU 5/2014 Article 94 jo. PP 49/2018 Articles 4–5 (PPPK staff fill functional and certain JPT "
                         "posts, not administrative ones); UU 20/2023 has not changed this in implementing regulations yet"},
}


# --------------------------------------------------------------------------- disclosure control (report.privacy)

PRIVACY: dict[str, dict[str, str]] = {
    "reason_header": {"id": "Disembunyikan", "en": "Hidden"},
    "note": {"id": '"{shown}" = angka disembunyikan. Tanda yang sama untuk setiap angka yang disembunyikan: sel 1–4 orang, '
                   "sel lain yang disembunyikan agar sel kecil tidak dapat dihitung kembali (dari total, tabel lain, atau "
                   "laporan triwulan lain), dan di peta 9-kotak juga kotak kosong; tanda itu tidak mengatakan yang mana.",
             "en": '"{shown}" = number hidden. The same mark for every hidden number: a cell of 1–4 persons, another '
                   "cell hidden so that a small cell cannot be computed back (from a total, another table or another "
                   "quarter's report), and in the 9-box also an empty box; the mark does not say which."},
    "beside_inconsistent": {"id": "Laporan periode di sebelahnya ({folders}) tidak cocok dengan ekstrak ini (data "
                                  "berubah?): rencana pengungkapan hanya memakai periode ini.",
                            "en": "The period folders beside this one ({folders}) do not agree with this extract (changed "
                                  "data?): the disclosure plan used this period alone."},
    "beside_pinned": {"id": "Laporan periode di sebelahnya sudah membuka sel kecil {cell} tanpa periode ini; terbitkan "
                            "ulang laporan itu dengan versi ini.",
                      "en": "The period folders beside this one already give the small cell {cell} back without this "
                            "period; republish them with this version."},
}


# --------------------------------------------------------------------------- external validation (analysis.external)

EXTERNAL: dict[str, dict[str, str]] = {
    "competency": {"id": "kompetensi", "en": "competency"},
    "kinerja": {"id": "kinerja", "en": "performance"},
    "or": {"id": "OR {ci} (rentang 95%)", "en": "OR {ci} (95% range)"},
    "level": {"id": "{role} — {measure} = {level} dibanding {reference}: {or_}",
              "en": "{role} — {measure} = {level} against {reference}: {or_}"},
    "unit": {"id": "{role} — {measure} per satu satuan: {or_}", "en": "{role} — {measure} per unit: {or_}"},
    "per_sd": {"id": "; per simpangan baku ({sd}): OR {ci}", "en": "; per standard deviation ({sd}): OR {ci}"},
    "raw": {"id": "promosi {rates} (rasio dampak {ratio}; {more} orang dibanding tingkat acuan)",
            "en": "promoted {rates} (impact ratio {ratio}; {more} persons against the reference rate)"},
    "same": {"id": "tidak berbeda nyata", "en": "its odds do not differ clearly"},
    "higher": {"id": "peluangnya lebih besar", "en": "its odds are higher"},
    "lower": {"id": "peluangnya lebih kecil", "en": "its odds are lower"},
    "adjusted": {"id": "pada merit yang sama {word}: {aor}", "en": "at equal merit {word}: {aor}"},
    "versus": {"id": "{attribute} {group} dibanding {reference}", "en": "{attribute} {group} against {reference}"},
    codes.DISPARITY: {"id": "kesenjangan TETAP ADA setelah merit disamakan", "en": "the gap REMAINS at equal merit"},
    codes.EXPLAINED: {"id": "kesenjangan mentah nyata, tetapi dijelaskan oleh merit atau komposisi OPD",
                      "en": "a real raw gap that merit or the OPD composition explains"},
    codes.INCONCLUSIVE: {"id": "ada kesenjangan mentah, tetapi belum dapat disimpulkan apakah tetap ada pada merit yang sama",
                         "en": "a raw gap, but whether it remains at equal merit cannot be told yet"},
    codes.NO_DISPARITY: {"id": "tidak ada kesenjangan yang bermakna", "en": "no meaningful gap"},
    codes.INSUFFICIENT: {"id": "data tidak cukup untuk diuji", "en": "too little data to test"},
}


# --------------------------------------------------------------------------- notebook narrative (merit_lib/notebooks)

#: the narrative of the notebooks, one entry per text cell (`nb.<notebook>_<part>`), markdown with `{field}`s only where
#: a cell fills them; a notebook shows it with `views.markdown_html(text.t("nb.…", lang))` (or IPython's Markdown)
NOTEBOOKS: dict[str, dict[str, str]] = {
    "audit_intro": {
        "id": """Laporan ini menjawab pertanyaan seorang auditor (Inspektorat, penilai sistem merit BKN): **pada kompetensi dan kinerja
yang sama, dan di OPD yang sama, apakah suatu kelompok — perempuan atau laki-laki, kelompok usia, atau atribut lain yang
dilindungi — dipromosikan lebih jarang (atau lebih sering) daripada pembandingnya? Dan bila ada kesenjangan mentah, apa
yang menjelaskannya?** Pertanyaan itu diajukan untuk provinsi secara keseluruhan dan untuk setiap perangkat daerah (OPD).

Semua angka dan setiap putusan dihitung oleh paket analisis merit; laporan ini hanya menampilkannya. Tabel keputusan
yang memberi putusan ada di bagian 1. Parameter, versi paket dan sidik jari data ada di bagian terakhir sehingga setiap
angka dapat ditelusuri kembali ke data dan kodenya.""",
        "en": """This report answers an auditor's question (Inspectorate, BKN's merit-system assessors): **at equal competency and performance,
and within the same OPD, is a group — women or men, an age group, or another protected attribute — promoted less often
(or more often) than its reference group? And where there is a raw gap, what explains it?** The question is asked for
the province as a whole and for every regional agency (OPD).

Every number and every verdict is computed by the merit analysis package; this report only shows them. The decision
table that gives the verdicts is in section 1. The parameters, the package version and the data fingerprint are in the
last section, so that every number can be traced back to its data and its code."""},
    "audit_method": {
        "id": """## 1. Cara kerja audit, dengan kata-kata sederhana

1. **Siapa yang dihitung.** Pegawai yang *dapat dipromosikan* pada periode ini: yang jabatannya masih mempunyai
   jenjang di atasnya. Yang menurut aturan tidak dapat menduduki jabatan tujuan berada **di luar** himpunan ini dengan
   nama aturannya — misalnya PPPK, yang tidak dapat menduduki jabatan Pengawas atau Administrator (aturan status
   kepegawaian); mereka dihitung di catatan, bukan dibandingkan.
2. **Tiga perbandingan berdampingan.** Untuk setiap kelompok dan pembandingnya:
   - **mentah**, pada semua pegawai yang dapat dipromosikan: tingkat promosi (rentang 95% Wilson), **rasio dampak** (aturan
     empat-perlima: di bawah 0,8 atau di atas 1,25 berarti secara praktis), rasio odds, dan **uji eksak Fisher**;
   - **di dalam OPD** (hanya baris provinsi): rasio odds **Mantel–Haenszel** yang membandingkan kelompok di dalam setiap
     OPD, dan uji **Breslow–Day** apakah OPD-OPD itu seragam. Bila kesenjangan mentah berbalik arah di dalam OPD, itu
     **paradoks Simpson** dan ringkasan menyebutnya;
   - **setelah disesuaikan dengan merit**, pada pegawai yang mempunyai nilai merit: regresi logistik di dalam OPD pada
     kompetensi, kinerja (SKP), pemenuhan syarat dan variabel kontrol yang sama. Kontrol yang hampir sama dengan atribut
     yang diaudit (misalnya masa kerja untuk kelompok usia) tidak dipakai untuk atribut itu, dengan catatan.
3. **"Dijelaskan" harus terbukti.** Kesenjangan baru disebut *kesenjangan yang dijelaskan* bila penyesuaian benar-benar
   **menggeser** estimasinya — dibandingkan pada orang-orang yang sama dalam model — sedikitnya setengah jalan ke 1. Rentang
   yang melebar karena banyak orang tanpa nilai merit bukan penjelasan. Kolom *dijelaskan oleh* menyebut blok yang
   menjelaskannya, yang terbesar lebih dulu — merit, komposisi OPD, pemenuhan syarat, atau setiap variabel kontrol
   dengan namanya; *bagian yang dijelaskan* (dekomposisi Fairlie, per blok) menyebut seberapa besar. Kesenjangan yang
   terutama digeser oleh variabel kontrol tidak pernah disebut "dijelaskan oleh merit".
4. **"Tidak ada disparitas" adalah klaim kesetaraan.** Putusan itu hanya diberikan bila rentang 90% estimasinya seluruhnya
   berada di dalam batas yang tidak berarti (rasio dampak 0,8–1,25; dua uji satu arah). Kesenjangan yang signifikan
   tetapi di dalam batas itu adalah *kesenjangan kecil*, dengan besarnya. Selebihnya *belum dapat disimpulkan*, dengan
   kesenjangan terkecil yang dapat dideteksi data.
5. **Siapa yang ada dalam model.** Untuk setiap temuan ditampilkan bagian kelompok dan pembanding — yang dipromosikan
   dan yang tidak — yang mempunyai nilai merit. Bila orang dalam model menunjukkan kesenjangan mentah yang jauh berbeda
   dari semua orang, model dihitung ulang dengan bobot ke semua orang; bila keduanya tidak sepakat, putusannya *belum
   dapat disimpulkan*. Variabel kontrol yang diukur setelah awal periode ditolak; yang hampir menentukan promosi tidak
   dipakai, dengan catatan.
6. **Uji yang bermakna.** Temuan hanya diuji bila ujinya dapat menemukan sesuatu: bila, pada jumlah orang dan
   promosinya, rasio odds 4 (atau 1/4) pun tidak dapat ditemukan dengan kuasa 80%, putusannya *data tidak cukup*.
   Kelompok kecil tetap terlihat oleh uji eksak: 0 dari 70 promosi melawan 10% adalah temuan.
7. **Banyak uji sekaligus.** Nilai p dikoreksi dengan metode **Benjamini–Hochberg** per atribut, baris provinsi terpisah
   dari baris OPD (satu keluarga untuk uji Fisher, satu untuk uji setelah disesuaikan dengan merit, satu untuk
   Mantel–Haenszel dan Breslow–Day): mengaudit atribut lain tidak pernah mengubah putusan atribut ini, dan menambah OPD
   tidak pernah melemahkan uji provinsi. Bila OPD-OPD tidak seragam (Breslow–Day), baris provinsi menyebut OPD yang
   berbeda dan tidak pernah berbunyi "tidak ada disparitas".
8. **Arah selalu disebut, dari kesenjangan mentah.** *Lebih rendah*: tingkat promosi kelompok lebih kecil daripada
   pembanding; *lebih tinggi*: lebih besar — disparitas *lebih tinggi* berarti pembandinglah yang tertinggal. Bila
   estimasi setelah disesuaikan menunjuk ke arah lain, itu disebutkan di sampingnya.

Setiap temuan mendapat putusan dari baris pertama tabel keputusan berikut yang terpenuhi:""",
        "en": """## 1. How the audit works, in plain words

1. **Who is counted.** Staff who *could be promoted* in the period: those whose position still has a level above it.
   Those whom a rule bars from the target post are **outside** this set, with the rule named — for example PPPK staff,
   who cannot hold a Pengawas or Administrator post (the employment-status rule); they are counted in the notes, not
   compared.
2. **Three comparisons side by side.** For every group and its reference group:
   - **raw**, over everyone who could be promoted: the promotion rate (95% Wilson range), the **impact ratio** (the
     four-fifths rule: below 0.8 or above 1.25 is a practical difference), the odds ratio, and **Fisher's exact test**;
   - **within OPDs** (province rows only): the **Mantel–Haenszel** odds ratio, which compares the groups inside every
     OPD, and the **Breslow–Day** test of whether the OPDs agree. When the raw gap turns round within OPDs, that is
     **Simpson's paradox**, and the summary names it;
   - **adjusted for merit**, over those with merit scores: a logistic regression within OPDs at equal competency,
     performance (SKP), eligibility and controls. A control that stands in for the audited attribute (years of service
     for the age group, for instance) is left out for that attribute, with a note.
3. **"Explained" must be shown.** A gap is called an *explained gap* only when the adjustment really **moves** the
   estimate — compared on the same persons in the model — at least halfway towards 1. A range that widens because many
   people lack merit scores is no explanation. The column *explained by* names the blocks that explain it, the largest
   first — merit, the OPD composition, eligibility, or each control by its name; the *explained share* (Fairlie
   decomposition, by block) says how much. A gap moved mostly by controls is never "explained by merit".
4. **"No disparity" is an equivalence claim.** It is given only when the estimate's 90% range lies wholly within the
   bounds of an immaterial gap (impact ratio 0.8–1.25; two one-sided tests). A significant gap within those bounds is a
   *minor gap*, with its size. Everything else is *inconclusive*, with the smallest gap the data could have detected.
5. **Who is in the model.** Every finding shows the share of the group and of the reference — promoted and not — that
   has merit scores. Where those in the model show a raw gap far from everyone's, the model is refitted weighted back
   to everyone; where the two disagree, the verdict is *inconclusive*. A control measured after the start of the period
   is refused; one that nearly determines promotion is left out, with a note.
6. **Tests that can find something.** A finding is tested only when its test could find something: when, at its
   numbers of persons and promotions, even an odds ratio of 4 (or 1/4) could not be found with 80% power, the verdict
   is *insufficient data*. Small groups still show in the exact test: 0 of 70 promoted against 10% is a finding.
7. **Many tests at once.** p-values are corrected by the **Benjamini–Hochberg** method per attribute, the province's
   rows apart from the OPDs' rows (one family for the Fisher tests, one for the merit-adjusted tests, one for
   Mantel–Haenszel and Breslow–Day): auditing another attribute never changes this attribute's verdicts, and more OPDs
   never weaken the province's test. Where the OPDs differ (Breslow–Day), the province row names the ones that do and
   never reads "no disparity".
8. **The direction is always given, from the raw gap.** *Lower*: the group's promotion rate is lower than the
   reference's; *higher*: higher — a *higher* disparity means the reference group is the one held back. Where the
   adjusted estimate points the other way, that is said beside it.

Every finding takes its verdict from the first row of the following decision table that holds:"""},
    "audit_findings": {
        "id": """## 2. Temuan

Jumlah temuan menurut putusan (satu temuan = satu kelompok di satu lingkup, dibandingkan dengan pembandingnya):""",
        "en": """## 2. Findings

Findings by verdict (one finding = one group in one scope, compared with its reference group):"""},
    "audit_to_read": {
        "id": """### Temuan yang perlu dibaca

Baris dengan putusan **disparitas**, **kesenjangan kecil**, **kesenjangan yang dijelaskan** atau **belum dapat
disimpulkan**, dengan arah dan penjelasnya. Tingkat promosi dan rasio ditampilkan dengan rentang 95% dalam kurung.""",
        "en": """### Findings to read

Rows whose verdict is **disparity**, **minor gap**, **explained gap** or **inconclusive**, with their direction and
explanation.
Promotion rates and ratios are shown with their 95% range in brackets."""},
    "audit_province": {
        "id": """### Tingkat provinsi: mentah, di dalam OPD, setelah disesuaikan dengan merit

Setiap baris provinsi menampilkan ketiga perbandingan berdampingan: rasio dampak mentah, rasio odds di dalam OPD
(Mantel–Haenszel) dan rasio odds setelah disesuaikan dengan merit, lalu putusan, arah dan penjelasnya.""",
        "en": """### The province: raw, within OPDs, adjusted for merit

Every province row shows the three comparisons side by side: the raw impact ratio, the odds ratio within OPDs
(Mantel–Haenszel) and the odds ratio adjusted for merit, then the verdict, its direction and its explanation."""},
    "audit_opds": {
        "id": """### Semua OPD yang dapat diuji

Baris OPD yang cukup datanya untuk diuji. Temuan lain (data tidak cukup) tetap ada di tabel temuan, dengan alasannya;
jumlahnya menurut alasan ada di lampiran teknis di akhir halaman. Tabel yang lebar dibagi dua: siapa dan putusannya,
lalu angka di baliknya.""",
        "en": """### Every OPD that could be tested

The OPD rows with enough data to be tested. The other findings (insufficient data) remain in the findings table, with
their reasons; their numbers by reason are in the technical appendix at the end of the page. Wide tables are split in
two: who and the verdict, then the numbers behind it."""},
    "audit_forest": {
        "id": """## 3. Rasio odds setelah disesuaikan dengan merit per OPD

Setiap titik adalah rasio odds promosi kelompok dibanding pembandingnya **pada merit yang sama**, dengan rentang 95%.
Garis vertikal di 1 berarti tidak ada perbedaan; di kiri garis = kelompok lebih jarang dipromosikan. Titik yang lebih
besar dan bertepi hitam adalah provinsi. Warna dan bentuk titik mengikuti putusan. Baris dengan kelompok < 5 orang dan
baris yang tidak diuji tidak ditampilkan; catatan di bawah grafik menyebutkan berapa. Atribut tanpa temuan (misalnya
status kepegawaian pada ekstrak yang hanya berisi PNS) ditampilkan sebagai grafik kecil bertuliskan "tidak ada temuan
yang dapat ditampilkan".""",
        "en": """## 3. Odds ratios adjusted for merit, per OPD

Every point is the odds ratio of promotion of a group against its reference **at equal merit**, with its 95% range. The
vertical line at 1 means no difference; left of the line = the group is promoted less often. The larger point with a
black edge is the province. Colour and shape follow the verdict. Rows with a group under 5 persons and rows not tested
are left out; the note under the chart says how many. An attribute without findings (employment status in an extract
holding only PNS, for instance) shows as a small chart saying "no findings to show"."""},
    "audit_rates": {
        "id": """## 4. Tingkat promosi per kelompok

Tingkat promosi setiap kelompok dengan rentang 95%: biru untuk semua pegawai yang dapat dipromosikan, jingga hanya di antara
talent pool (kesempatan setara). Grafik pertama untuk provinsi, lalu satu grafik untuk setiap OPD yang mempunyai putusan
disparitas atau kesenjangan yang dijelaskan.""",
        "en": """## 4. Promotion rate by group

Every group's promotion rate with its 95% range: blue over everyone who could be promoted, orange within the talent pool
only (equal opportunity). The first chart is the province's, then one chart for every OPD with a disparity or an
explained gap."""},
    "audit_meaning": {
        "id": """## 5. Apa arti sebuah putusan — dan apa yang tidak

- **Putusan adalah asosiasi, bukan bukti diskriminasi.** *Disparitas* berarti: dengan data yang ada, pada merit yang
  sama dan di OPD yang sama, peluang promosi berbeda secara signifikan dan berarti. Faktor yang tidak terukur (formasi
  jabatan yang tersedia, minat, penugasan khusus) bisa menjelaskannya. Putusan adalah alasan untuk **menelaah berkas
  promosi**, bukan kesimpulan.
- **Kesenjangan yang dijelaskan** bukan berarti "tidak ada masalah": perbedaannya nyata, tetapi terjadi *sebelum* tahap
  promosi (siapa yang mendapat pengembangan, siapa yang mengikuti asesmen) atau karena kelompok itu bekerja di OPD yang
  jarang mempromosikan (komposisi OPD). Layak ditelusuri ke hulu.
- **Belum dapat disimpulkan** berarti data belum dapat menunjukkan ada atau tidaknya kesenjangan yang berarti: terlalu
  sedikit data (kesenjangan terkecil yang dapat dideteksi disebutkan), orang bernilai merit tidak mewakili semua orang,
  OPD-nya tidak seragam, atau putusannya bergantung pada keandalan ukuran merit. Alasannya disebutkan. Perbaikannya:
  lengkapi asesmen dan SKP, tunggu data lebih banyak, atau telaah OPD yang disebut.
- **Tidak ada disparitas adalah klaim kesetaraan**: kesenjangan yang mungkin tersisa terbukti kecil (di dalam rasio
  dampak 0,8–1,25). Itu bukan bukti bahwa tidak ada perbedaan sama sekali. **Kesenjangan kecil** adalah perbedaan yang
  nyata tetapi di dalam batas itu. Seberapa sering setiap putusan benar pada data sintetis yang kebenarannya diketahui
  diukur oleh tolok ukur putusan proyek ini dan dicatat dalam dokumentasinya.
- **Kesenjangan yang dijelaskan oleh merit hanya seadil ukuran meritnya.** Bila penilaian SKP atau asesmen itu sendiri
  berbeda menurut kelompok untuk pekerjaan yang sama, "dijelaskan oleh merit" menyembunyikan ketidakadilan itu. Tabel
  kesenjangan dalam ukuran merit di bawah menunjukkan perbedaan setiap ukuran menurut kelompok.
- **Model mengandaikan** pengaruh kompetensi, kinerja dan variabel kontrol sama di semua OPD (setiap OPD dan kelompok
  mempunyai tingkat dasarnya sendiri). Pegawai tanpa nilai merit lengkap tidak ikut dalam model yang disesuaikan dengan
  merit (tetapi tetap dalam tingkat promosi mentah dan perbandingan di dalam OPD); catatan di bawah menyebutkan berapa.""",
        "en": """## 5. What a verdict means — and what it does not

- **A verdict is an association, not proof of discrimination.** *Disparity* means: with the data at hand, at equal
  merit and within the same OPD, the odds of promotion differ significantly and materially. Factors not measured (the
  posts available, interest, special assignments) may explain it. A verdict is a reason to **review the promotion
  files**, not a conclusion.
- **An explained gap** does not mean "no problem": the difference is real, but it arises *before* the promotion step
  (who gets development, who gets assessed) or because the group works in OPDs that promote rarely (OPD composition).
  Worth following upstream.
- **Inconclusive** means the data cannot yet show whether there is a material gap or not: too little data (the smallest
  gap that could have been detected is stated), those with merit scores do not stand for everyone, the OPDs differ, or
  the verdict depends on how reliable the merit measures are. The reason is given. The remedy: complete the
  assessments and the SKP, wait for more data, or review the OPDs named.
- **No disparity is an equivalence claim**: whatever gap remains is shown to be small (within the impact ratios
  0.8–1.25). It is not proof of no difference at all. A **minor gap** is a real difference within those bounds. How
  often each verdict is right on synthetic data whose truth is known is measured by the project's verdict benchmark and
  recorded in its documentation.
- **A gap explained by merit is only as fair as the merit measures.** Where an SKP rating or an assessment itself
  differs by group for the same work, "explained by merit" hides that unfairness. The table of gaps in the merit
  measures below shows how each measure differs by group.
- **The model assumes** that competency, performance and the controls act alike in every OPD (every OPD and group has
  its own base rate). Staff without complete merit scores are not in the merit-adjusted model (but stay in the raw
  promotion rates and the within-OPD comparison); the notes below say how many."""},
    "audit_merit_gaps": {
        "id": """### Kesenjangan dalam ukuran merit itu sendiri

Kesenjangan yang dijelaskan oleh merit hanya seadil ukuran meritnya. Untuk setiap atribut: rata-rata setiap ukuran merit
(kompetensi, JPM, kinerja) pada kelompok dan pembandingnya di tingkat provinsi, selisihnya dengan rentang 95% (Welch) dan
dalam simpangan baku. Selisih yang besar bukan bukti ketidakadilan, tetapi alasan untuk menanyakan apakah ukuran itu
menilai pekerjaan yang sama dengan cara yang sama.""",
        "en": """### Gaps in the merit measures themselves

A gap explained by merit is only as fair as the merit measures. For every attribute: the mean of each merit measure
(competency, JPM, performance) in the group and its reference at the province, their difference with its 95% range (Welch)
and in standard deviations. A large gap is no proof of unfairness, but a reason to ask whether the measure rates the
same work the same way."""},
    "audit_quality": {"id": "## 6. Catatan kualitas data", "en": "## 6. Data quality notes"},
    "audit_provenance": {
        "id": """## 7. Parameter dan sidik jari data

Ambang aturan, peran kolom, model, kelompok pembanding, versi paket dan sidik jari data yang dipakai. Dengan ekstrak
yang sama (sidik jari sama) dan parameter yang sama, audit ini menghasilkan angka yang sama.""",
        "en": """## 7. Parameters and data fingerprint

The rule thresholds, column roles, model, reference groups, package version and data fingerprint used. With the same
extract (the same fingerprint) and the same parameters, this audit gives the same numbers."""},
}


NOTEBOOKS.update({
    # 01_data_quality
    "dq_intro": {
        "id": """# Kualitas Data Ekstrak Profiling ASN

Notebook ini memeriksa ekstrak data kepegawaian sebelum dianalisis: berapa baris yang dibaca dan ditolak (beserta
alasannya), serta seberapa lengkap cakupan **profiling kompetensi** dan **penilaian kinerja (SKP)** di setiap perangkat
daerah (OPD). Parameter yang dapat diubah: `data_path` (folder ekstrak), `period` (triwulan) dan `lang` (`id` atau `en`).""",
        "en": """# Data Quality of the ASN Profiling Extract

This notebook checks a staff extract before it is analysed: how many rows were read and rejected (with the reasons),
and how complete the **competency profiling** and the **performance appraisal (SKP)** are in every regional agency
(OPD). Parameters to change: `data_path` (the extract folder), `period` (the quarter) and `lang` (`id` or `en`)."""},
    "dq_source": {"id": "Sumber data: {path}  |  sidik jari: {fingerprint}  |  periode: {period}",
                  "en": "Data source: {path}  |  fingerprint: {fingerprint}  |  period: {period}"},
    "dq_rows": {
        "id": """## 1. Baris yang dibaca dan ditolak

Setiap baris yang melanggar aturan data **ditolak, tidak dihapus diam-diam**: baris itu tercatat dengan nomor barisnya
(seperti di Excel, header = baris 1), kolom, dan aturan yang dilanggar. Baris anak (profiling, SKP, riwayat jabatan) dari
pegawai yang ditolak ikut dicatat (aturan *parent_rejected*).""",
        "en": """## 1. Rows read and rejected

Every row that breaks a data rule is **rejected, never silently dropped**: it is recorded with its row number (as in
Excel, header = row 1), its column and the rule it broke. Child rows (profiling, SKP, position history) of a rejected
staff row are recorded too (rule *parent_rejected*)."""},
    "dq_none_rejected": {"id": "Tidak ada baris yang ditolak.", "en": "No row was rejected."},
    "dq_examples": {"id": "Contoh baris yang ditolak (NIP disamarkan; nama tidak pernah ditampilkan):",
                    "en": "Examples of rejected rows (NIP masked; names are never shown):"},
    "dq_ledger": {
        "id": """### Ke mana setiap promosi periode ini

Setiap peristiwa promosi pada periode ini **dihitung** dalam analisis atau **tidak dihitung dengan alasan yang disebut**
(misalnya jenjang sebelum promosi tidak dapat diketahui). Setiap baris pegawai ada dalam analisis atau dalam laporan
validasi. Jenjang sebelum promosi yang tidak tercatat disimpulkan bila bisa: promosi ke Pengawas tanpa eselon lama
berasal dari jabatan nonstruktural (Pelaksana/Fungsional).""",
        "en": """### Where every promotion of the period went

Every promotion event of the period is **counted** in the analysis or **left out with a named reason** (for example,
the level before the promotion cannot be known). Every staff row is in the analysis or in the validation report. A
level before promotion that is not recorded is inferred where possible: a promotion to Pengawas without an earlier
eselon comes from a non-structural post (Pelaksana/Fungsional)."""},
    "dq_coverage": {
        "id": """## 2. Cakupan profiling dan SKP per OPD

Cakupan adalah proporsi pegawai OPD yang sudah memiliki hasil asesmen (profiling) dan SKP untuk dua tahun terakhir.
Garis pada grafik adalah interval kepercayaan 95% (Wilson). OPD dengan kurang dari 5 pegawai tidak ditampilkan angkanya.""",
        "en": """## 2. Profiling and SKP coverage per OPD

Coverage is the share of an OPD's staff who have an assessment result (profiling) and SKP for the last two years. The
lines on the chart are 95% confidence intervals (Wilson). OPDs with fewer than 5 staff show no numbers."""},
    "dq_province": {"id": "Provinsi: {n} pegawai; cakupan profiling {profiling}, cakupan SKP {kinerja}",
                    "en": "Province: {n} staff; profiling coverage {profiling}, SKP coverage {kinerja}"},
    "dq_notes": {
        "id": """## 3. Catatan

- Pegawai tanpa profiling atau SKP **tidak bisa** dinilai kesiapannya; analisis berikutnya menyebutkan berapa orang yang
  terkena.
- Angka di sini adalah ringkasan; daftar lengkap baris yang ditolak dibuat oleh `merit validate PATH --out validasi.csv`.""",
        "en": """## 3. Notes

- Staff without profiling or SKP **cannot** be judged for readiness; the later analyses say how many are affected.
- The numbers here are a summary; the full list of rejected rows comes from `merit validate PATH --out validasi.csv`."""},
    # 02_readiness_model
    "rm_intro": {
        "id": """# Kesiapan Promosi: Peta Talenta dan Model Statistik

Notebook ini menjawab dua pertanyaan untuk satu periode:

1. **Siapa yang siap dipromosikan** menurut aturan manajemen talenta — peta talenta 9-kotak (PermenPANRB 3/2020) dan
   syarat kenaikan jabatan (PP 11/2017 jo. PP 17/2020).
2. **Seberapa kuat kompetensi dan kinerja benar-benar memprediksi siapa yang dipromosikan** dalam data — dengan tiga
   model statistik (statsmodels) yang dijelaskan dengan bahasa sehari-hari di bawah.

Hanya angka agregat yang ditampilkan: tidak ada nama dan tidak ada NIP. Daftar per orang (talent pool) dibuat terpisah
dengan `merit model --person-level` dan tidak boleh masuk laporan agregat. Parameter yang dapat diubah: `data_path`,
`period`, `controls` (daftar kolom kontrol) dan `lang` (`id` atau `en`).""",
        "en": """# Promotion Readiness: Talent Map and Statistical Models

This notebook answers two questions for one period:

1. **Who is ready for promotion** under the talent-management rules — the 9-box talent map (PermenPANRB 3/2020) and
   the promotion requirements (PP 11/2017 jo. PP 17/2020).
2. **How strongly competency and performance really predict who is promoted** in the data — with three statistical
   models (statsmodels), explained in everyday words below.

Only aggregate numbers are shown: no names and no NIPs. The per-person list (talent pool) is made separately with
`merit model --person-level` and must never enter an aggregate report. Parameters to change: `data_path`, `period`,
`controls` (a list of control columns) and `lang` (`id` or `en`)."""},
    "rm_counts": {"id": "{n} pegawai; {n_at_risk} dapat dipromosikan ke jenjang berikutnya; {n_promoted} dipromosikan "
                        "dalam periode ini.",
                  "en": "{n} staff; {n_at_risk} could be promoted to the next level; {n_promoted} were promoted in the "
                        "period."},
    "rm_ninebox": {
        "id": """## 1. Peta talenta 9-kotak

Setiap pegawai ditempatkan menurut dua sumbu: **kinerja** (predikat SKP terakhir sebelum periode: *di atas*, *sesuai*,
atau *di bawah ekspektasi*) dan **potensial** (hasil asesmen: *rendah*, *menengah*, *tinggi*). Kotak 7, 8 dan 9
(bergaris tebal) adalah **talent pool** — kelompok rencana suksesi; kotak 9 didahulukan untuk promosi.

Peta di bawah menghitung pegawai yang dapat dipromosikan (bukan JPT) dan sudah punya asesmen dan SKP. Kotak berisi
kurang dari 5 orang ditulis "< 5" tanpa angka, agar tidak ada orang yang dapat dikenali.""",
        "en": """## 1. The 9-box talent map

Every person is placed on two axes: **performance** (the last SKP rating before the period: *above*, *meets* or
*below expectations*) and **potential** (the assessment result: *low*, *medium*, *high*). Boxes 7, 8 and 9 (bold
border) are the **talent pool** — the succession group; box 9 comes first for promotion.

The map counts staff who could be promoted (not JPT) and have an assessment and SKP. A box of fewer than 5 persons
reads "< 5" without a number, so that nobody can be recognised."""},
    "rm_readiness": {
        "id": """**Kesiapan** menggabungkan kotak dengan syarat kenaikan jabatan (status kepegawaian, pendidikan, lama dalam
jabatan, SKP dua tahun, level *setiap* kompetensi, golongan, usia): *Siap sekarang* = di talent pool dan semua syarat
terpenuhi; *Siap dengan pengembangan* = di talent pool tetapi ada syarat yang belum terpenuhi atau belum diketahui, atau
di kotak 4–6 tanpa syarat yang gagal; *Belum siap* = lainnya. Jumlah per jenjang jabatan saat ini (sel < 5
disembunyikan):""",
        "en": """**Readiness** combines the box with the promotion requirements (employment status, education, time in
the position, two years of SKP, the level of *every* competency, grade, age): *Ready now* = in the talent pool with
every requirement met; *Ready with development* = in the talent pool with a requirement not met or not known, or in
boxes 4–6 with no requirement failed; *Not ready* = the rest. Counts per current level (cells < 5 hidden):"""},
    "rm_models": {
        "id": """## 2. Apakah promosi mengikuti kompetensi dan kinerja?

Kita membandingkan pegawai yang dipromosikan dalam periode ini dengan yang tidak, di antara semua yang *dapat*
dipromosikan. Tiga model menjawab pertanyaan yang sama dengan cara sedikit berbeda:

- **regresi logistik** — bagaimana peluang promosi berubah bila kompetensi (rata-rata 9 level kompetensi) atau kinerja
  (rata-rata level SKP dua tahun: 0 di bawah, 1 sesuai, 2 di atas ekspektasi) naik satu satuan, **pada pegawai yang
  sama** dalam golongan, masa kerja, pendidikan dan jenjang jabatan. Ketidakpastian dihitung per OPD (pegawai satu OPD
  saling mirip), dan tidak pernah lebih kecil daripada ketidakpastian model biasa: dengan sedikit OPD, atau OPD yang
  sangat tidak sama besar, hitungan per OPD saja terlalu optimistis.
- **regresi logistik dengan interaksi** — sama, ditambah uji logika 9-kotak: apakah kompetensi lebih menentukan bila
  kinerjanya juga tinggi?
- **GEE** — memperhitungkan bahwa pegawai dalam satu OPD bisa saling berkorelasi; hasilnya adalah rata-rata untuk
  seluruh provinsi.

Hasil utamanya adalah **rasio odds (OR)**: OR 2 berarti odds (peluang dibagi bukan-peluang) promosi dua kali lipat per
satu satuan lebih tinggi; OR 1 berarti tidak ada hubungan. **Rentang 95%** adalah rentang nilai yang masih sesuai dengan
data: bila seluruhnya di atas 1, hubungan positifnya jelas. Catatan di bawah menyebut berapa pegawai tidak masuk model
dan mengapa.""",
        "en": """## 2. Do promotions follow competency and performance?

We compare the staff promoted in the period with those not promoted, among everyone who *could* be promoted. Three
models answer the same question in slightly different ways:

- **logistic regression** — how the odds of promotion change when competency (the mean of the 9 competency levels) or
  performance (the mean SKP level over two years: 0 below, 1 meets, 2 above expectations) rises by one unit, **among
  staff alike** in grade, years of service, education and level. The uncertainty is computed per OPD (staff of one OPD
  resemble each other) and is never smaller than the ordinary model's: with few OPDs, or OPDs of very unequal size, the
  per-OPD computation alone is too optimistic.
- **logistic regression with interaction** — the same, plus a test of the 9-box logic: does competency matter more
  when performance is high too?
- **GEE** — allows for staff of one OPD being correlated; its results are averages over the whole province.

The main result is the **odds ratio (OR)**: an OR of 2 means the odds (chance over no chance) of promotion double per
unit higher; an OR of 1 means no association. The **95% range** is the range of values still in line with the data: when
it lies wholly above 1, the positive association is clear. The notes below say how many staff are not in the model,
and why."""},
    "rm_or_chart": {
        "id": """Grafik berikut menampilkan semua rasio odds dengan rentang 95% (skala log; garis hitam = 1, tidak ada
hubungan). Titik di kanan garis: lebih sering dipromosikan; di kiri: lebih jarang.""",
        "en": """The chart shows every odds ratio with its 95% range (log scale; black line = 1, no association). Points
right of the line: promoted more often; left: less often."""},
    "rm_curves": {
        "id": """Rasio odds sulit dibayangkan, jadi grafik berikut menerjemahkannya ke **peluang promosi**: untuk setiap
tingkat kinerja, berapa rata-rata peluang promosi bila semua pegawai yang dimodelkan diberi kompetensi tertentu (hal
lain tetap apa adanya). Bila garis-garisnya makin renggang ke kanan, kompetensi lebih berarti pada kinerja tinggi
(logika 9-kotak).""",
        "en": """Odds ratios are hard to picture, so the next chart turns them into **probabilities of promotion**: for
every level of performance, the average probability of promotion if every modelled person were given a certain
competency (everything else as it is). When the lines spread apart to the right, competency matters more at high
performance (the 9-box logic)."""},
    "rm_calibration": {
        "id": """**Apakah prediksinya dapat dipercaya?** Pegawai dibagi menjadi 10 kelompok (desil) menurut peluang
prediksinya; untuk tiap kelompok dibandingkan rata-rata peluang prediksi dengan proporsi yang benar-benar dipromosikan.
Titik dekat garis putus-putus berarti model terkalibrasi baik. **AUC** mengukur daya pembeda: 0,5 = menebak,
1 = sempurna.""",
        "en": """**Can its predictions be trusted?** Staff are split into 10 groups (deciles) by their predicted
probability; for each group the mean predicted probability is compared with the share actually promoted. Points near
the dashed line mean a well-calibrated model. **AUC** measures discrimination: 0.5 = guessing, 1 = perfect."""},
    "rm_auc": {"id": "AUC regresi logistik: {auc}  |  kejadian per variabel (EPV): {epv}",
               "en": "AUC of the logistic regression: {auc}  |  events per variable (EPV): {epv}"},
    "rm_reading": {
        "id": """## 3. Apa arti angka-angka ini — dan apa yang tidak

Kalimat berikut dibuat dari angka model utama (regresi logistik) di atas:""",
        "en": """## 3. What these numbers mean — and what they do not

The sentences below are made from the numbers of the main model (logistic regression) above:"""},
    "rm_caveats": {
        "id": """**Cara membaca dengan benar**

- Angka-angka ini menggambarkan **pola promosi yang sudah terjadi** dalam data periode ini: apakah yang kompetensi dan
  kinerjanya lebih tinggi memang lebih sering dipromosikan. Itu jawaban atas pertanyaan "apakah promosi mengikuti
  merit?".
- Ini **asosiasi, bukan sebab-akibat**. Model tidak membuktikan bahwa menaikkan kompetensi seseorang akan membuatnya
  dipromosikan; hal yang tidak diukur (formasi jabatan yang kosong, usulan atasan, jejaring) bisa ikut berperan.
- OR di bawah 1 atau rentang yang memuat 1 bukan bukti pelanggaran; itu alasan untuk ditelusuri (lihat audit keadilan dan
  laporan kepatuhan per OPD).
- Pegawai tanpa asesmen atau SKP tidak masuk model (jumlahnya disebut di catatan); hasil berlaku untuk yang datanya
  lengkap.
- Peluang per orang bukan skor kelayakan dan bukan dasar keputusan atas seseorang; keputusan tetap mengikuti syarat
  jabatan dan proses seleksi.""",
        "en": """**How to read them correctly**

- These numbers describe **the promotions that already happened** in the period's data: whether those with higher
  competency and performance were indeed promoted more often. That answers the question "do promotions follow
  merit?".
- This is **association, not cause**. The model does not show that raising someone's competency would get them
  promoted; things not measured (vacant posts, superiors' proposals, networks) may play a part.
- An OR below 1, or a range that includes 1, is no proof of a violation; it is a reason to look further (see the fairness
  audit and the compliance report per OPD).
- Staff without an assessment or SKP are not in the model (the notes give their number); the results hold for those
  with complete data.
- A person's probability is not a merit score and not a basis for a decision about that person; decisions follow the
  post's requirements and the selection process."""},
})
NOTEBOOKS.update({
    # 90_external_validation
    "ev_intro": {
        "id": """# Validasi eksternal: model kesiapan dan audit keadilan pada data promosi publik

Semua uji lain di proyek ini memakai data sintetis yang kita buat sendiri — generator itu berbagi asumsi dengan kode
yang membacanya. Notebook ini menjalankan **model yang sama** (`merit model`) dan **audit keadilan yang sama**
(`merit audit`) pada data promosi nyata yang tidak ditulis oleh siapa pun di proyek ini: *HR Analytics: Employee
Promotion* (54.808 pegawai sebuah perusahaan multinasional; lihat `../shared/external/hr_promotion/README.md`).

Data itu **bukan data ASN**: tidak ada NIP, tidak ada tanggal. Kolomnya dipetakan ke peran yang dikenal model dan audit
lewat berkas peran `examples/hr_promotion/roles.yaml` (alasan setiap pilihan tertulis sebagai komentar di sana):

| peran | kolom data | padanan ASN |
|---|---|---|
| hasil | `is_promoted` | dipromosikan |
| kompetensi | `avg_training_score` | skor asesmen kompetensi |
| kinerja | `previous_year_rating` (1–5), `KPIs_met >80%`, `awards_won?` | predikat SKP |
| kontrol | `length_of_service`, `no_of_trainings`, `education` | masa kerja, diklat, pendidikan |
| lingkup | `department` (9) | OPD |
| dilindungi | `gender` (m/f → L/P), `age` (kelompok usia), `recruitment_channel` | jenis kelamin, kelompok usia |

Data tidak pernah disalin ke repositori. Bila folder `../shared` tidak ada, notebook ini hanya mencetak pesan itu dan
tidak menghitung apa pun (tidak gagal). Uji `tests/test_flat.py` menghitung ulang tingkat promosi, rasio dampak dan odds
ratio jenis kelamin secara independen (pandas dan statsmodels langsung pada CSV mentah) dan membandingkannya dengan
angka di bawah. Parameter yang dapat diubah: `data_path`, `roles_path`, `out_dir` (dibuat bila belum ada) dan `lang`.""",
        "en": """# External validation: the readiness model and the fairness audit on public promotion data

Every other test of this project uses synthetic data we made ourselves — and the generator shares assumptions with the
code that reads it. This notebook runs **the same model** (`merit model`) and **the same fairness audit**
(`merit audit`) on real promotion data written by nobody in this project: *HR Analytics: Employee Promotion* (54,808
employees of a multinational company; see `../shared/external/hr_promotion/README.md`).

These data are **not ASN data**: no NIP, no dates. Their columns are mapped to the roles the model and the audit know
through the roles file `examples/hr_promotion/roles.yaml` (the reason for every choice is a comment there):

| role | data column | ASN counterpart |
|---|---|---|
| outcome | `is_promoted` | promoted |
| competency | `avg_training_score` | competency assessment score |
| performance | `previous_year_rating` (1–5), `KPIs_met >80%`, `awards_won?` | SKP rating |
| controls | `length_of_service`, `no_of_trainings`, `education` | years of service, training, education |
| scope | `department` (9) | OPD |
| protected | `gender` (m/f → L/P), `age` (age group), `recruitment_channel` | sex, age group |

The data are never copied into the repository. Without the `../shared` folder this notebook only prints that and
computes nothing (it does not fail). The test `tests/test_flat.py` recomputes the promotion rates, impact ratio and odds
ratio of sex independently (pandas and statsmodels straight on the raw CSV) and compares them with the numbers below.
Parameters to change: `data_path`, `roles_path`, `out_dir` (created when missing) and `lang`."""},
    "ev_source": {"id": "Data: {data}\nPeran: {roles}\nSHA-256 data: {sha}\n",
                  "en": "Data: {data}\nRoles: {roles}\nData SHA-256: {sha}\n"},
    "ev_missing_data": {"id": "Data publik tidak ditemukan: {path}\nLetakkan folder shared di samping repositori "
                              "(../shared/external/hr_promotion/train.csv) atau isi parameter data_path. Notebook ini tidak "
                              "menghitung apa pun tanpa data itu.",
                        "en": "Public data not found: {path}\nPut the shared folder beside the repository "
                              "(../shared/external/hr_promotion/train.csv) or set the parameter data_path. This notebook "
                              "computes nothing without those data."},
    "ev_missing": {
        "id": """## 1. Nilai kosong: tidak ada yang dibuang diam-diam

Setiap peran punya kebijakan nilai kosong yang tertulis di berkas peran. Di data ini: `previous_year_rating` kosong untuk
4.124 pegawai — semuanya pegawai tahun pertama (`length_of_service` = 1) yang memang belum punya penilaian tahun lalu.
Mereka **tidak dibuang** dan **tidak ditebak nilainya**: mereka menjadi kategori tersendiri *tanpa rating*. Pendidikan
yang kosong (2.409) juga menjadi kategori *tidak diketahui*. Tabel ini ikut ditulis sebagai `missing_report.csv`.""",
        "en": """## 1. Missing values: nothing silently dropped

Every role has a missing-value policy written in the roles file. In these data `previous_year_rating` is empty for
4,124 employees — all of them in their first year (`length_of_service` = 1), who have no rating from last year yet.
They are **not dropped** and their value is **not guessed**: they form a category of their own, *no rating*. Missing
education (2,409) becomes the category *unknown* too. This table is also written as `missing_report.csv`."""},
    "ev_merit": {
        "id": """## 2. Seberapa kuat kompetensi dan kinerja memprediksi promosi?

Model regresi logistik yang sama dengan model kesiapan ASN: promosi ~ kompetensi + kinerja + kontrol. **Rasio odds
(OR)** di atas 1 berarti peluang promosi naik; rentang dalam kurung adalah interval kepercayaan 95%. Untuk skor
(kompetensi) OR diberikan per poin dan per simpangan baku; peringkat kinerja dibandingkan dengan peringkat 3 (tengah
skala); KPI dan penghargaan adalah 0/1 (punya dibanding tidak).""",
        "en": """## 2. How strongly do competency and performance predict promotion?

The same logistic regression as the ASN readiness model: promotion ~ competency + performance + controls. An **odds
ratio (OR)** above 1 means higher odds of promotion; the range in brackets is the 95% confidence interval. For a score
(competency) the OR is given per point and per standard deviation; performance ratings are compared with rating 3 (the
middle of the scale); KPIs and awards are 0/1 (having against not having)."""},
    "ev_gaps": {
        "id": """## 3. Apakah ada kesenjangan kelompok yang bertahan setelah merit disamakan?

Untuk setiap kelompok dibanding kelompok acuannya: tingkat promosi mentah dan **rasio dampak** (aturan empat-perlima: di
bawah 0,8 atau di atas 1,25 dianggap praktis berarti), lalu **rasio odds pada merit yang sama** dari regresi logistik
yang mengontrol kompetensi, kinerja dan kontrol, di dalam departemen yang sama. Putusan: *disparitas* = selisih tetap ada
setelah merit disamakan; *kesenjangan yang dijelaskan* = selisih mentah nyata tetapi dijelaskan oleh merit (atau
komposisi departemen); *tidak ada disparitas* = tidak ada selisih yang bermakna. Ini asosiasi, bukan bukti
diskriminasi.""",
        "en": """## 3. Do group gaps remain once merit is equal?

For every group against its reference group: the raw promotion rate and the **impact ratio** (the four-fifths rule:
below 0.8 or above 1.25 counts as a practical difference), then the **odds ratio at equal merit** from a logistic
regression holding competency, performance and the controls, within the same department. Verdicts: *disparity* = the
gap remains at equal merit; *explained gap* = a real raw gap that merit (or the department composition) explains;
*no disparity* = no meaningful gap. This is association, not proof of discrimination."""},
    "ev_departments": {
        "id": """## 4. Departemen sebagai padanan OPD

Tingkat promosi per departemen (interval Wilson 95%) dan putusan audit di dalam setiap departemen. Departemen di sini
berperan seperti OPD dalam laporan kepatuhan: lingkup tempat keputusan promosi diambil dan diaudit.""",
        "en": """## 4. Departments as the counterpart of OPDs

The promotion rate per department (95% Wilson interval) and the audit's verdicts within every department. Departments
play the part OPDs play in the compliance report: the scope in which promotion decisions are made and audited."""},
    "ev_written": {"id": "Tabel ditulis ke {out}: {files}", "en": "Tables written to {out}: {files}"},
    "ev_scope_columns": {"id": "jumlah|dipromosikan|tingkat|batas bawah|batas atas|disparitas|kesenjangan yang dijelaskan|"
                               "kelompok dengan disparitas",
                         "en": "n|promoted|rate|lower bound|upper bound|disparity|explained gap|groups with a disparity"},
    "ev_takeaways": {
        "id": """## 5. Apa yang dapat diambil pembaca

Angka yang berlaku adalah keluaran sel di atas; ringkasan ini ditulis dari angka saat notebook dibuat.

- **Merit memprediksi promosi dengan kuat, terutama kinerja.** Memenuhi lebih dari 80% KPI melipatkan odds promosi
  sekitar 3,6 kali (rentang 2,7–4,8), penghargaan sekitar 6,8 kali (5,6–8,2); peringkat 5 sekitar 1,6 kali peringkat 3
  (1,1–2,4), peringkat 1 hanya seperempatnya (0,18–0,32). Skor pelatihan (padanan kompetensi) naik 1,04 kali per poin
  (1,01–1,08), sekitar 1,8 kali per simpangan baku (1,2–2,7). Peringkat 4 tidak dapat dibedakan dari 3, dan pegawai
  tahun pertama (*tanpa rating*) tidak berbeda nyata dari peringkat 3. Interval model dihitung dengan SE klaster per
  departemen (hanya 9 klaster, distribusi t dengan 8 derajat bebas), karena itu lebar.
- **Jenis kelamin: tidak ada kesenjangan setelah merit disamakan.** Perempuan dipromosikan sedikit lebih sering (sekitar
  9,0% dibanding 8,3%, rasio dampak sekitar 1,08), tetapi pada merit yang sama rasio odds-nya sekitar 1,00 (0,92–1,09):
  selisih mentah itu dijelaskan oleh merit (*kesenjangan yang dijelaskan*), bukan perlakuan.
- **Usia: kesenjangan bertahan.** Pegawai 40–49 dan ≥ 50 tahun dipromosikan lebih jarang daripada kelompok 30–39 dan
  selisih itu **tidak** hilang setelah kompetensi, kinerja, masa kerja, diklat dan pendidikan disamakan (OR sekitar 0,70
  dan 0,56): putusan *disparitas* yang layak ditelusuri. Pegawai di bawah 30 justru sedikit lebih mungkin dipromosikan
  pada merit yang sama. Jalur rekrutmen *referred* dipromosikan lebih sering, tetapi itu dijelaskan oleh merit.
- **Departemen.** Tingkat promosi berkisar dari sekitar 5% (Legal, HR) sampai sekitar 11% (Technology); sebagian besar
  putusan *disparitas* di tingkat departemen menyangkut usia (terutama di Operations), satu menyangkut jenis kelamin
  (Procurement, perempuan lebih sering dipromosikan pada merit yang sama). Departemen kecil (Legal, R&D) memberi
  interval lebar: urutan departemen yang intervalnya bertumpang tindih bukan perbedaan nyata.
- **Batas.** Ini data satu perusahaan swasta, bukan ASN; "promosi" di sini adalah rekomendasi promosi. Yang divalidasi
  adalah bahwa alat kita membaca data orang lain dengan benar dan angkanya sama dengan perhitungan independen — bukan
  bahwa pola di perusahaan itu berlaku untuk Pemprov Banten.""",
        "en": """## 5. What a reader can take away

The numbers that count are the output of the cells above; this summary was written from the numbers when the notebook
was made.

- **Merit predicts promotion strongly, performance above all.** Meeting more than 80% of KPIs multiplies the odds of
  promotion about 3.6 times (range 2.7–4.8), an award about 6.8 times (5.6–8.2); rating 5 about 1.6 times rating 3
  (1.1–2.4), rating 1 only a quarter of it (0.18–0.32). The training score (the counterpart of competency) gives 1.04
  times per point (1.01–1.08), about 1.8 times per standard deviation (1.2–2.7). Rating 4 cannot be told apart from 3,
  and first-year employees (*no rating*) do not differ clearly from rating 3. The model's intervals use SEs clustered
  by department (only 9 clusters, a t distribution with 8 degrees of freedom), hence their width.
- **Sex: no gap once merit is equal.** Women are promoted slightly more often (about 9.0% against 8.3%, impact ratio
  about 1.08), but at equal merit their odds ratio is about 1.00 (0.92–1.09): the raw difference is explained by merit
  (*explained gap*), not by treatment.
- **Age: the gap remains.** Employees aged 40–49 and ≥ 50 are promoted less often than those aged 30–39, and the
  difference does **not** go away at equal competency, performance, service, training and education (OR about 0.70
  and 0.56): a *disparity* verdict worth following up. Employees under 30 are, if anything, slightly more likely to be
  promoted at equal merit. The *referred* recruitment channel is promoted more often, but merit explains it.
- **Departments.** Promotion rates range from about 5% (Legal, HR) to about 11% (Technology); most department-level
  *disparity* verdicts concern age (Operations above all), one concerns sex (Procurement, women promoted more often at
  equal merit). Small departments (Legal, R&D) give wide intervals: an order of departments whose intervals overlap is
  no real difference.
- **Limits.** These are one private company's data, not ASN data; "promotion" here is a promotion recommendation. What
  is validated is that our tools read other people's data correctly and that their numbers match an independent
  computation — not that the company's patterns hold for the Banten provincial government."""},
})


# --------------------------------------------------------------------------- report pages (OPD, province, audit)

# --------------------------------------------------------------------------- the evidence window and tiers (DESIGN §8)

WINDOW: dict[str, dict[str, str]] = {
    "based_on": {"id": "berdasarkan {n} triwulan: {first} – {last}", "en": "based on {n} quarters: {first} – {last}"},
    "based_on_one": {"id": "berdasarkan 1 triwulan: {last}", "en": "based on 1 quarter: {last}"},
    "shrunk": {"id": "Riwayat data hanya mencakup {n} dari {requested} triwulan jendela yang diminta; semua penilaian "
                     "di halaman ini berdasarkan {n} triwulan itu.",
               "en": "The data's history covers only {n} of the {requested} quarters of the window asked for; every "
                     "verdict on this page rests on those {n} quarters."},
    "lead": {"id": "Penilaian, indeks dan posisi di halaman ini {window}. Triwulan adalah jadwal terbit laporan, bukan "
                   "jendela bukti: satu triwulan saja memuat terlalu sedikit promosi untuk dinilai.",
             "en": "Verdicts, indices and tiers on this page are {window}. A quarter is when the report is published, "
                   "not the window of evidence: one quarter alone holds too few promotions to judge."},
    "audit_line": {"id": "Jendela bukti: {window}; {n_pq} orang-triwulan (setiap pegawai dihitung sekali per triwulan "
                         "ketika dapat dipromosikan; model yang disesuaikan dengan merit adalah model hazard waktu diskret "
                         "pada baris-baris ini, uji mentah menghitung setiap orang sekali).",
                   "en": "Evidence window: {window}; {n_pq} person-quarters (each person counted once per quarter in which "
                         "they could be promoted; the merit-adjusted model is a discrete-time hazard model on these rows, "
                         "the raw tests count each person once)."},
    "activity": {"id": "Kegiatan {period}: {promotions} promosi, {moves} rotasi/mutasi ke jabatan struktural.",
                 "en": "Activity in {period}: {promotions} promotions, {moves} rotations/mutations into structural posts."},
    # tiers (analysis.tiers): where an OPD's index range lies against the province average
    codes.TIER_ABOVE: {"id": "di atas rata-rata provinsi", "en": "above the province"},
    codes.TIER_EXPECTED: {"id": "sesuai rata-rata provinsi", "en": "as expected (within the province's range)"},
    codes.TIER_BELOW: {"id": "di bawah rata-rata provinsi", "en": "below the province"},
    codes.TIER_NOT_RATED: {"id": "belum dapat dinilai", "en": "not rated yet"},
    "tier_line": {"id": "Posisi terhadap provinsi: {tier}. Indeks {index} (rentang 95%: {low}–{high}), rata-rata "
                        "provinsi {average}.",
                  "en": "Against the province: {tier}. Index {index} (95% range: {low}–{high}), province average "
                        "{average}."},
    "tier_expected_note": {"id": "\"Sesuai\" berarti rentang indeks OPD ini mencakup rata-rata provinsi: datanya tidak "
                                 "menunjukkan perbedaan nyata. Rentang lebar berarti buktinya tipis, bukan bahwa OPD ini "
                                 "setara dengan provinsi.",
                           "en": "\"As expected\" means this OPD's index range holds the province average: its data show "
                                 "no real difference. A wide range means thin evidence, not that the OPD equals the "
                                 "province."},
    "tier_borrowed": {"id": "Semua komponen promosi OPD ini memakai nilai provinsi (angkanya disembunyikan atau terlalu "
                            "sedikit), jadi indeksnya hampir seluruhnya angka provinsi dan rentangnya lebar.",
                      "en": "Every promotion component of this OPD carries the province's value (its own figures are "
                            "hidden or too few), so its index is mostly the province's and its range is wide."},
    "not_rated": {"id": "Belum dapat dinilai: jendela bukti ({window}) memuat {n} promosi di OPD ini; penilaian perlu "
                        "paling sedikit {min}.",
                  "en": "Not rated yet: the evidence window ({window}) holds {n} promotions in this OPD; a rating needs "
                        "at least {min}."},
    "no_staff": {"id": "Belum dapat dinilai: OPD ini tidak memiliki pegawai pada awal {period}.",
                 "en": "Not rated: this OPD had no staff at the start of {period}."},
    "next_title": {"id": "Langkah berikutnya", "en": "Next steps"},
    "next_rate": {"id": "Pada laju sekarang ({rate} promosi per triwulan), jendela {window_n} triwulan akan memuat {min} "
                        "promosi dalam {k} triwulan lagi; sampai saat itu OPD ini belum dapat dinilai.",
                  "en": "At the present rate ({rate} promotions a quarter), a window of {window_n} quarters will hold "
                        "{min} promotions in {k} more quarters; until then this OPD cannot be rated."},
    "next_rate_never": {"id": "Pada laju sekarang ({n} promosi dalam {q} triwulan), jendela {window_n} triwulan tidak akan "
                              "memuat {min} promosi: OPD ini hanya dapat dinilai bila promosi lebih sering, atau dengan "
                              "jendela yang lebih panjang (`--window`).",
                        "en": "At the present rate ({n} promotions in {q} quarters), a window of {window_n} quarters will "
                              "not hold {min} promotions: this OPD can be rated only if it promotes more often, or with a "
                              "longer window (`--window`)."},
    "next_no_rate": {"id": "Tidak ada promosi dalam {q} triwulan terakhir, jadi belum ada laju untuk memperkirakan kapan "
                           "OPD ini dapat dinilai.",
                     "en": "No promotion in the last {q} quarters, so there is no rate yet to tell when this OPD can be "
                           "rated."},
    "next_assess": {"id": "{n} pegawai belum mengikuti asesmen kompetensi: jadwalkan asesmen bersama BKD/BPSDM agar setiap "
                          "promosi dapat dinilai terhadap talent pool.",
                    "en": "{n} staff have not been assessed: schedule competency assessments with BKD/BPSDM so that every "
                          "promotion can be judged against the talent pool."},
    "next_skp": {"id": "{n} pegawai belum memiliki SKP dua tahun terakhir: lengkapi di e-Kinerja.",
                 "en": "{n} staff lack SKP for the last two years: complete them in e-Kinerja."},
    "next_fairness": {"id": "OPD ini terlalu kecil untuk menguji keadilan promosi sendiri; uji provinsi yang mencakupnya ada "
                            "di halaman audit keadilan (baris PROVINSI, dibandingkan di dalam setiap OPD).",
                      "en": "This OPD is too small to test the fairness of its promotions on its own; the province test "
                            "that covers it is on the fairness audit page (the PROVINSI rows, compared within each OPD)."},
    "next_keep": {"id": "Pertahankan: tidak ada komponen yang lemah. Periksa kembali pada triwulan berikutnya.",
                  "en": "Keep it up: no component is weak. Check again next quarter."},
    # province page
    "tiers_title": {"id": "1. Posisi OPD terhadap rata-rata provinsi", "en": "1. Where each OPD stands against the province"},
    "tiers_lead": {"id": "Setiap OPD dibandingkan dengan rata-rata provinsi ({average}) melalui rentang 95% indeksnya, "
                         "{window}. OPD yang rentangnya mencakup rata-rata tidak berbeda nyata dari provinsi. Tidak ada "
                         "peringkat: rentang OPD saling tumpang tindih, jadi urutan angka indeksnya sebagian besar "
                         "kebetulan.",
                   "en": "Each OPD is compared with the province average ({average}) through the 95% range of its index, "
                         "{window}. An OPD whose range holds the average does not differ from the province. There is no "
                         "ranking: the OPDs' ranges overlap, so the order of their indices is mostly chance."},
    "tier_group": {"id": "{tier} ({n} OPD)", "en": "{tier} ({n} OPDs)"},
    "not_rated_list": {"id": "Belum dapat dinilai (kurang dari {min} promosi dalam jendela): {names}.",
                       "en": "Not rated yet (fewer than {min} promotions in the window): {names}."},
    "funnel_title": {"id": "Corong perbandingan per komponen", "en": "Funnel plots per component"},
    "funnel_lead": {"id": "Setiap titik adalah satu OPD: nilainya terhadap jumlah orang (atau promosi) yang mendasarinya. "
                          "Garis tengah = provinsi; garis putus-putus = batas 95% dan 99,8%, yang hanya dilampaui oleh "
                          "OPD yang sebenarnya serupa provinsi karena kebetulan (1 dari 20 dan 1 dari 500). Titik di luar "
                          "batas 99,8% patut ditelaah; OPD kecil wajar jauh dari garis tengah. OPD yang angkanya "
                          "disembunyikan tidak digambar.",
                    "en": "Each dot is one OPD: its value against the number of persons (or promotions) it rests on. "
                          "Middle line = the province; dashed lines = the 95% and 99.8% limits, which an OPD really like "
                          "the province crosses only by chance (1 in 20 and 1 in 500). A dot beyond the 99.8% limit "
                          "deserves a look; small OPDs are naturally far from the middle. OPDs whose figures are hidden "
                          "are not drawn."},
    "funnel_outside": {"id": "Di luar batas 99,8%: {items}.", "en": "Beyond the 99.8% limits: {items}."},
    "funnel_none": {"id": "Tidak ada OPD di luar batas 99,8% pada komponen mana pun.",
                    "en": "No OPD lies beyond the 99.8% limits on any component."},
    "funnel_item": {"id": "{opd} ({component}, {side})", "en": "{opd} ({component}, {side})"},
    "side_above": {"id": "di atas", "en": "above"}, "side_below": {"id": "di bawah", "en": "below"},
    "trend_title": {"id": "Tren: indeks dan posisi tiap triwulan, masing-masing berdasarkan jendelanya sendiri",
                    "en": "Trend: index and tier each quarter, each on its own window"},
    "trend_lead": {"id": "Setiap titik adalah indeks satu triwulan yang dihitung pada jendela {window_n} triwulan yang "
                         "berakhir pada triwulan itu (dibaca dari laporan triwulan itu bila ada, atau dihitung dari riwayat "
                         "data). Jendela yang berurutan berbagi triwulan, jadi perubahan dari satu titik ke titik "
                         "berikutnya bergerak perlahan.",
                   "en": "Each point is one quarter's index, computed on the window of {window_n} quarters ending with "
                         "it (read from that quarter's report where there is one, else computed from the data's "
                         "history). Consecutive windows share quarters, so the line moves slowly."},
    "trend_empty": {"id": "Riwayat data belum memuat triwulan sebelumnya: tren akan tampil setelah triwulan berikutnya.",
                    "en": "The data's history holds no earlier quarter yet: the trend appears from the next quarter."},
    "trend_change": {"id": "{arrow} {delta} poin dibanding {period} ({previous}; {tier})",
                     "en": "{arrow} {delta} points against {period} ({previous}; {tier})"},
    "trend_no_change": {"id": "belum ada triwulan sebelumnya yang dinilai", "en": "no earlier quarter was rated"},
    "quarter_col": {"id": "Triwulan", "en": "Quarter"}, "window_col": {"id": "Jendela", "en": "Window"},
    "tier_col": {"id": "Posisi", "en": "Tier"}, "index_col": {"id": "Indeks (rentang 95%)", "en": "Index (95% range)"},
    "average_col": {"id": "Rata-rata provinsi", "en": "Province average"},
    "source_col": {"id": "Sumber", "en": "Source"},
    "laporan": {"id": "laporan triwulan itu", "en": "that quarter's report"},
    "riwayat": {"id": "dihitung dari riwayat data", "en": "computed from the data's history"},
    "laporan_ini": {"id": "laporan ini", "en": "this report"},
}


#: texts of the report pages; `{field}` placeholders are filled by `t`
PAGES: dict[str, dict[str, str]] = {
    # ---- OPD page: the verdict box (merit_lib.report.opd_summary)
    "box_title": {"id": "Penilaian {period}", "en": "Verdict, {period}"},
    "box_index": {"id": "Indeks kepatuhan meritokrasi <strong>{index}</strong> dari 100 (rentang 95%: {low}–{high})",
                  "en": "Meritocracy compliance index <strong>{index}</strong> of 100 (95% range: {low}–{high})"},
    "box_rank": {"id": "peringkat {rank} dari {n} OPD yang dinilai", "en": "rank {rank} of {n} OPDs judged"},
    "box_up": {"id": "naik {delta} poin sejak {period} ({previous})", "en": "up {delta} points since {period} ({previous})"},
    "box_down": {"id": "turun {delta} poin sejak {period} ({previous})",
                 "en": "down {delta} points since {period} ({previous})"},
    "box_same": {"id": "tetap sejak {period} ({previous})", "en": "unchanged since {period} ({previous})"},
    "box_no_history": {"id": "belum ada triwulan sebelumnya", "en": "no earlier quarter yet"},
    "box_prev_not_judged": {"id": "{period} tidak dapat dinilai, jadi belum ada pembanding",
                            "en": "{period} could not be judged, so there is nothing to compare with"},
    "box_province": {"id": "Rata-rata provinsi (berbobot jumlah pegawai): {value}",
                     "en": "Province average (weighted by staff): {value}"},
    "box_change": {"id": "Perubahan sejak triwulan lalu", "en": "Change since last quarter"},
    "box_not_judged": {"id": "Tidak dapat dinilai: OPD ini tidak mempromosikan siapa pun pada {period}. Indeks menilai "
                              "apakah promosi mengikuti merit, jadi tanpa promosi tidak ada yang dapat dinilai. Cakupan "
                              "data di bawah tetap berlaku.",
                       "en": "Cannot be judged: this OPD promoted nobody in {period}. The index judges whether promotions "
                             "followed merit, so without a promotion there is nothing to judge. The data coverage below "
                             "still applies."},
    "box_few_promotions": {"id": "Promosi periode ini kurang dari 5 ({n}): nilai komponen promosi OPD ini tidak "
                                  "ditampilkan (\"< 5\") agar orang yang dipromosikan tidak dapat dikenali; indeks "
                                  "memakai nilai provinsi untuk komponen itu.",
                           "en": "Fewer than 5 promotions this quarter ({n}): this OPD's promotion components are not "
                                 "shown (\"< 5\") so that the persons promoted cannot be recognised; the index uses "
                                 "the province's value for them."},
    "box_hidden_province": {"id": "Sebagian angka promosi OPD ini disembunyikan (\"< 5\"): sel kecil, atau sel yang "
                                   "disembunyikan agar sel kecil tidak dapat dihitung kembali (tanda itu tidak mengatakan "
                                   "yang mana); indeks memakai nilai provinsi untuk komponen itu.",
                            "en": "Some of this OPD's promotion figures are hidden (\"< 5\"): a small cell, or a cell "
                                  "hidden so that a small cell cannot be computed back (the mark does not say which); the "
                                  "index uses the province's value for them."},
    "box_not_judged_few": {"id": "Tidak dapat dinilai: promosi OPD ini pada {period} kurang dari 5 ({n}), jadi tidak "
                                  "satu pun komponen promosinya berasal dari datanya sendiri. Indeks {index} (rentang "
                                  "95%: {low}–{high}) hanya keterangan: poin komponen promosinya memakai nilai provinsi, "
                                  "dan OPD ini tidak diperingkat.",
                           "en": "Cannot be judged: this OPD promoted fewer than 5 persons in {period} ({n}), so none of "
                                 "its promotion components is its own. The index {index} (95% range: {low}–{high}) is "
                                 "for information only: the points of its promotion components carry the province's "
                                 "values, and the OPD is not ranked."},
    "box_not_judged_hidden": {"id": "Tidak dapat dinilai: angka promosi OPD ini pada {period} disembunyikan agar sel kecil "
                                     "OPD lain tidak dapat dihitung kembali, jadi tidak satu pun komponen promosinya "
                                     "berasal dari datanya sendiri. Indeks {index} (rentang 95%: {low}–{high}) hanya "
                                     "keterangan: poin komponen promosinya memakai nilai provinsi, dan OPD ini tidak "
                                     "diperingkat.",
                              "en": "Cannot be judged: this OPD's promotion figures for {period} are hidden so that a "
                                    "small cell of another OPD cannot be computed back, so none of its promotion "
                                    "components is its own. The index {index} (95% range: {low}–{high}) is for "
                                    "information only: the points of its promotion components carry the province's "
                                    "values, and the OPD is not ranked."},
    "box_province_value": {"id": "nilai provinsi (promosi < 5)", "en": "province value (promotions < 5)"},
    "box_province_value_hidden": {"id": "nilai provinsi (angka OPD disembunyikan)",
                                  "en": "province value (the OPD's figure is hidden)"},
    "box_components": {"id": "Dari mana angka indeks berasal", "en": "Where the index comes from"},
    "box_component": {"id": "Komponen", "en": "Component"},
    "box_value": {"id": "Nilai OPD", "en": "OPD value"},
    "box_points": {"id": "Poin", "en": "Points"},
    "box_points_of": {"id": "{points} dari {max}", "en": "{points} of {max}"},
    "box_total": {"id": "Jumlah = indeks", "en": "Total = index"},
    "box_not_measured": {"id": "tidak dapat diukur (bobotnya dibagi ke komponen lain)",
                         "en": "cannot be measured (its weight goes to the other components)"},
    "box_points_note": {"id": "Poin = bobot × nilai yang disesuaikan: cakupan dengan koreksi kecil untuk data sedikit, "
                               "komponen promosi ditarik ke angka provinsi seolah ada 5 promosi tambahan; komponen yang "
                               "tidak dapat diukur tidak dihitung dan bobotnya dibagi ke yang lain.",
                        "en": "Points = weight × adjusted value: coverage with a small correction for thin data, promotion "
                              "components pulled toward the province as if by 5 more promotions; a component that cannot "
                              "be measured is left out and its weight goes to the others."},
    "box_weakest": {"id": "Paling lemah", "en": "Weakest"},
    "box_todo": {"id": "Tindak lanjut yang disarankan", "en": "Recommended follow-up"},
    "box_no_weak": {"id": "Tidak ada komponen yang tampak lemah di antara yang dapat ditampilkan.",
                    "en": "No component that can be shown looks weak."},
    "box_hidden": {"id": "disembunyikan", "en": "hidden"},
    # the six components: name, value in words, weakness in plain words, follow-up (as BKN's merit-system assessment asks)
    "comp_coverage_profiling": {"id": "Pegawai yang sudah mengikuti asesmen kompetensi",
                                "en": "Staff with a competency assessment"},
    "comp_coverage_kinerja": {"id": "Pegawai dengan SKP dua tahun terakhir", "en": "Staff with SKP for the last two years"},
    "comp_share_promosi_talent_pool": {"id": "Promosi dari talent pool", "en": "Promotions from the talent pool"},
    "comp_share_promosi_eligible": {"id": "Promosi yang memenuhi semua syarat",
                                    "en": "Promotions meeting every requirement"},
    "comp_share_tanpa_bypass": {"id": "Calon siap yang tidak dilangkahi", "en": "Ready candidates not passed over"},
    "comp_skor_keadilan": {"id": "Keadilan promosi", "en": "Fairness of promotion"},
    "val_share": {"id": "{k} dari {n} ({pct})", "en": "{k} of {n} ({pct})"},
    "val_fair_0": {"id": "tidak ada temuan disparitas", "en": "no disparity finding"},
    "val_fair_1": {"id": "1 temuan disparitas", "en": "1 disparity finding"},
    "val_fair_n": {"id": "{n} temuan disparitas", "en": "{n} disparity findings"},
    "weak_coverage_profiling": {"id": "baru {pct} pegawai yang sudah mengikuti asesmen kompetensi",
                                "en": "only {pct} of staff have had a competency assessment"},
    "weak_coverage_kinerja": {"id": "hanya {pct} pegawai yang SKP dua tahun terakhirnya lengkap",
                              "en": "only {pct} of staff have SKP for both of the last two years"},
    "weak_share_promosi_talent_pool": {"id": "hanya {pct} promosi yang jatuh pada pegawai dari talent pool",
                                       "en": "only {pct} of promotions went to staff from the talent pool"},
    "weak_share_promosi_eligible": {"id": "hanya {pct} promosi yang orangnya memenuhi semua syarat jabatan",
                                    "en": "only {pct} of promotions went to persons meeting every requirement"},
    "weak_share_tanpa_bypass": {"id": "{k} dari {n} calon yang memenuhi syarat dilangkahi oleh promosi orang yang "
                                      "kurang siap",
                                "en": "{k} of {n} eligible candidates were passed over by the promotion of someone less "
                                      "ready"},
    "weak_skor_keadilan": {"id": "audit keadilan menemukan {n} disparitas di OPD ini",
                           "en": "the fairness audit found {n} disparity finding(s) in this OPD"},
    "todo_coverage_profiling": {"id": "Jadwalkan asesmen kompetensi bersama BKD/BPSDM bagi pegawai yang belum "
                                      "mengikutinya, dahulukan calon pengisi jabatan yang akan lowong.",
                                "en": "Schedule competency assessments with BKD/BPSDM for the staff not yet assessed, "
                                      "those who may fill posts falling vacant first."},
    "todo_coverage_kinerja": {"id": "Lengkapi SKP dua tahun terakhir setiap pegawai di SIASN/e-Kinerja; tanpa SKP "
                                    "pegawai tidak dapat masuk peta talenta.",
                              "en": "Complete every employee's SKP for the last two years in SIASN/e-Kinerja; without "
                                    "SKP nobody can enter the talent map."},
    "todo_share_promosi_talent_pool": {"id": "Isi jabatan lowong dari talent pool (kotak 7, 8, 9); bila mengangkat dari "
                                             "luar talent pool, catat alasannya secara tertulis dalam pertimbangan "
                                             "Baperjakat.",
                                       "en": "Fill vacant posts from the talent pool (boxes 7, 8, 9); when appointing "
                                             "from outside it, record the grounds in writing in the Baperjakat's "
                                             "deliberation."},
    "todo_share_promosi_eligible": {"id": "Periksa setiap usulan promosi terhadap syarat jabatan (PP 11/2017 jo. PP "
                                          "17/2020) sebelum pelantikan, dan tinjau promosi yang tidak memenuhi syarat.",
                                    "en": "Check every proposed promotion against the post's requirements (PP 11/2017 "
                                          "as amended by PP 17/2020) before the appointment, and review promotions that "
                                          "did not meet them."},
    "todo_share_tanpa_bypass": {"id": "Pakai urutan kesiapan dari peta talenta saat memilih calon; bila calon yang lebih "
                                      "siap tidak dipilih, tuliskan alasannya dalam berita acara.",
                                "en": "Use the readiness order of the talent map when choosing among candidates; when a "
                                      "more ready candidate is not chosen, write down why in the minutes."},
    "todo_skor_keadilan": {"id": "Telaah berkas promosi kelompok yang bertanda disparitas bersama Inspektorat dan BKD "
                                 "(lihat bagian Keadilan).",
                           "en": "Review the promotion files of the groups with a disparity finding together with the "
                                 "Inspektorat and BKD (see the Fairness section)."},
    # ---- OPD page: sections
    "opd_promotions": {"id": "Promosi dalam jendela bukti dan apakah mengikuti merit",
                       "en": "Promotions in the evidence window and whether they followed merit"},
    "opd_passed_over": {"id": "Calon yang terlewati", "en": "Candidates passed over"},
    "opd_talent": {"id": "Peta talenta (9-kotak)", "en": "Talent map (9-box)"},
    "opd_fairness": {"id": "Keadilan", "en": "Fairness"},
    "opd_rotations": {"id": "Rotasi dan mutasi", "en": "Rotations and transfers"},
    "opd_quality": {"id": "Kualitas data", "en": "Data quality"},
    "no_promotion": {"id": "Tidak ada promosi pada {period}: tidak ada yang dapat dinilai di bagian ini.",
                     "en": "No promotion in {period}: nothing in this section can be judged."},
    "promotions_hidden": {"id": "{n} promosi pada {period}. Rinciannya menurut jenjang, kesiapan, talent pool dan syarat "
                                 "tidak ditampilkan karena kurang dari 5 orang: orangnya akan dapat dikenali.",
                          "en": "{n} promotions in {period}. Their breakdown by level, readiness, talent pool and "
                                "requirements is not shown because there are fewer than 5: the persons could be "
                                "recognised."},
    "promotions_lead": {"id": "{n} promosi pada {period}.", "en": "{n} promotions in {period}."},
    "merit_head": {"id": "Ukuran", "en": "Measure"},
    "opd_col": {"id": "OPD ini", "en": "This OPD"},
    "province_col": {"id": "Provinsi", "en": "Province"},
    "ci_col": {"id": "Rentang 95%", "en": "95% range"},
    "level_from": {"id": "Dari jenjang", "en": "From level"},
    "level_to": {"id": "Ke jabatan", "en": "To post"},
    "readiness": {"id": "Kesiapan", "en": "Readiness"},
    "persons": {"id": "Orang", "en": "Persons"},
    "ready_Siap sekarang": {"id": "Siap sekarang", "en": "Ready now"},
    "ready_Siap dengan pengembangan": {"id": "Siap dengan pengembangan", "en": "Ready with development"},
    "ready_Belum siap": {"id": "Belum siap", "en": "Not ready"},
    "bypass_none": {"id": "Tidak ada calon yang dapat dilangkahi pada {period}: tidak ada calon yang memenuhi syarat di "
                           "jenjang tujuan yang ada promosinya.",
                    "en": "Nobody could be passed over in {period}: no eligible candidate at a target level with a "
                          "promotion."},
    "bypass_lead": {"id": "Calon yang memenuhi syarat untuk jenjang tujuan yang sama dengan sebuah promosi, dan apakah "
                           "mereka dilangkahi oleh promosi orang yang kurang siap. Tabel kedua: kesiapan orang yang "
                           "dipromosikan, per jabatan tujuan.",
                    "en": "Eligible candidates for the same target level as a promotion, and whether a less ready person's "
                          "promotion passed them over. Second table: readiness of those promoted, by target post."},
    "bypass_candidates": {"id": "Calon memenuhi syarat di jenjang yang ada promosinya",
                          "en": "Eligible candidates at a level with a promotion"},
    "bypass_passed": {"id": "Dilangkahi oleh promosi orang yang kurang siap",
                      "en": "Passed over by a less ready person's promotion"},
    "bypass_not": {"id": "Tidak dilangkahi", "en": "Not passed over"},
    "bypass_promos": {"id": "Promosi yang melangkahi calon lebih siap", "en": "Promotions passing over a readier candidate"},
    "bypass_level_lead": {"id": "Menurut jenjang tujuan promosi (Pelaksana dan Fungsional sama-sama menuju Pengawas):",
                          "en": "By the target level of the promotion (Pelaksana and Fungsional both aim at Pengawas):"},
    "bypass_level": {"id": "Jenjang tujuan", "en": "Target level"},
    "bypass_level_promos": {"id": "Promosi", "en": "Promotions"},
    "bypass_level_passing": {"id": "Promosi yang melangkahi calon lebih siap",
                             "en": "Promotions passing over a readier candidate"},
    "bypass_level_passed": {"id": "Calon lebih siap yang terlewati", "en": "Readier candidates passed over"},
    "bypass_level_province": {"id": "Terlewati di provinsi", "en": "Passed over in the province"},
    "bypass_level_unknown": {"id": "Jenjang tidak diketahui", "en": "Level unknown"},
    "fair_lead": {"id": "Apakah peluang promosi berbeda menurut atribut pribadi di OPD ini, pada merit yang sama. "
                         "Disparitas adalah petunjuk untuk menelaah berkas, bukan bukti diskriminasi.",
                  "en": "Whether the chance of promotion differs by a personal attribute in this OPD, at equal merit. A "
                        "disparity is a reason to review the files, not proof of discrimination."},
    "fair_none": {"id": "Tidak ada temuan keadilan yang dapat ditampilkan untuk OPD ini (kelompok terlalu kecil atau tidak "
                         "ada promosi).",
                  "en": "No fairness finding can be shown for this OPD (groups too small, or no promotion)."},
    "verdict": {"id": "Putusan", "en": "Verdict"},
    "col_direction": {"id": "Arah", "en": "Direction"},
    "col_explained_by": {"id": "Dijelaskan oleh", "en": "Explained by"},
    "col_rate_group": {"id": "Tingkat promosi kelompok", "en": "Group promotion rate"},
    "col_rate_reference": {"id": "Tingkat promosi pembanding", "en": "Reference promotion rate"},
    "col_group": {"id": "Kelompok", "en": "Group"},
    "col_reference": {"id": "Pembanding", "en": "Reference"},
    "col_attribute": {"id": "Atribut", "en": "Attribute"},
    "dir_lower": {"id": "↓ lebih rendah", "en": "↓ lower"},
    "dir_higher": {"id": "↑ lebih tinggi", "en": "↑ higher"},
    "dir_adjusted": {"id": "setelah disesuaikan {arrow}", "en": "adjusted {arrow}"},
    "col_verdict_notes": {"id": "Keterangan putusan", "en": "About the verdict"},
    "q_no_assessment": {"id": "{n} pegawai OPD ini belum mengikuti asesmen kompetensi: kesiapannya belum dapat dinilai.",
                        "en": "{n} staff of this OPD have not had a competency assessment: their readiness cannot be "
                              "judged."},
    "q_skp": {"id": "SKP lengkap dua tahun terakhir: {pct} pegawai.",
              "en": "SKP for both of the last two years: {pct} of staff."},
    "q_rejected": {"id": "Di tingkat provinsi, {n} dari {total} baris data ditolak saat validasi (rinciannya di tabel "
                          "validasi).",
                   "en": "Province-wide, {n} of {total} input rows were rejected by validation (details in the "
                         "validation table)."},
    # ---- attributes and groups as readers name them
    "attr_jenis_kelamin": {"id": "Jenis kelamin", "en": "Sex"},
    "attr_kelompok_usia": {"id": "Kelompok usia", "en": "Age group"},
    "attr_status_kepegawaian": {"id": "Status kepegawaian", "en": "Employment status"},
    "attr_agama": {"id": "Agama", "en": "Religion"},
    "attr_pendidikan": {"id": "Pendidikan", "en": "Education"},
    "grp_jenis_kelamin_P": {"id": "Perempuan", "en": "Women"},
    "grp_jenis_kelamin_L": {"id": "Laki-laki", "en": "Men"},
    "grp_kelompok_usia_< 30": {"id": "di bawah 30 tahun", "en": "under 30"},
    "grp_kelompok_usia_30–39": {"id": "30–39 tahun", "en": "30–39 years"},
    "grp_kelompok_usia_40–49": {"id": "40–49 tahun", "en": "40–49 years"},
    "grp_kelompok_usia_≥ 50": {"id": "50 tahun ke atas", "en": "50 and over"},
    "scope_province": {"id": "Provinsi", "en": "Province"},
    # ---- audit page: what the audit covered, in one paragraph (the raw summary sits in the technical appendix)
    "audit_overview": {"id": "Audit {period}: {n_at_risk} pegawai dapat dipromosikan, {n_promoted} di antaranya "
                              "dipromosikan. {n_audited} pegawai diaudit; {n_model} di antaranya mempunyai nilai merit "
                              "lengkap dan masuk perbandingan yang disesuaikan dengan merit. Atribut yang diaudit (dengan "
                              "kelompok pembandingnya): {attributes}. Lingkup: provinsi dan {n_scopes} OPD, {n_tests} uji.",
                       "en": "Audit of {period}: {n_at_risk} persons could be promoted, {n_promoted} of them were "
                             "promoted. {n_audited} persons were audited; {n_model} of them have complete merit scores and "
                             "are in the merit-adjusted comparison. Attributes audited (with their reference group): "
                             "{attributes}. Scopes: the province and {n_scopes} OPDs, {n_tests} tests."},
    "audit_overview_attr": {"id": "{attribute} (pembanding: {reference})", "en": "{attribute} (reference: {reference})"},
    "app_summary": {"id": "Ringkasan teknis audit", "en": "Technical summary of the audit"},
    # ---- province page
    "prov_headline": {"id": "<strong>{n_pegawai} pegawai di {n_opd} OPD; {n_promosi} promosi dalam jendela bukti "
                             "({window}), {n_quarter} di antaranya pada {period}.</strong> OPD menurut posisi terhadap "
                             "rata-rata provinsi ({average}): {tiers}. Temuan disparitas: {flags}.",
                      "en": "<strong>{n_pegawai} staff in {n_opd} OPDs; {n_promosi} promotions in the evidence window "
                            "({window}), {n_quarter} of them in {period}.</strong> OPDs by tier against the province "
                            "average ({average}): {tiers}. Disparity findings: {flags}."},
    "prov_ranking": {"id": "1. Peringkat OPD menurut indeks kepatuhan meritokrasi",
                     "en": "1. OPDs ranked by the meritocracy compliance index"},
    "prov_grid": {"id": "2. Keadilan: putusan per OPD dan atribut", "en": "2. Fairness: verdicts per OPD and attribute"},
    "prov_model": {"id": "3. Apakah kompetensi dan kinerja berhubungan dengan promosi?",
                   "en": "3. Do competency and performance go with promotion?"},
    "prov_talent": {"id": "4. Peta talenta provinsi (9-kotak)", "en": "4. The province's talent map (9-box)"},
    "prov_trend": {"id": "5. Tren indeks provinsi", "en": "5. Trend of the province index"},
    "prov_ranking_links": {"id": "Peringkat OPD (klik nama untuk membuka laporannya)",
                           "en": "OPD ranking (click a name to open its report)"},
    "rank": {"id": "Peringkat", "en": "Rank"},
    "opd": {"id": "OPD", "en": "OPD"},
    "col_index": {"id": "Indeks (rentang 95%)", "en": "Index (95% range)"},
    "col_category": {"id": "Kategori", "en": "Category"},
    "staff": {"id": "Pegawai", "en": "Staff"},
    "promotions": {"id": "Promosi", "en": "Promotions"},
    "not_judged_list": {"id": "Tidak dapat dinilai (tidak ada promosi pada {period}): {names}.",
                        "en": "Cannot be judged (no promotion in {period}): {names}."},
    "trend_none": {"id": "Belum ada laporan triwulan sebelumnya di samping folder ini: tren akan tampil setelah triwulan "
                          "berikutnya.",
                   "en": "No earlier quarter's report sits beside this folder: the trend appears from the next quarter."},
    "grid_lead": {"id": "Putusan audit keadilan per OPD dan atribut; panah = arah peluang kelompok dibanding pembandingnya "
                         "(↓ lebih rendah, ↑ lebih tinggi). Sel berisi putusan terberat di antara kelompok atribut itu.",
                  "en": "Fairness verdicts per OPD and attribute; arrow = the group's odds against its reference "
                        "(↓ lower, ↑ higher). Each cell holds the most serious verdict among that attribute's groups."},
    "grid_scope": {"id": "Lingkup", "en": "Scope"},
    "grid_province": {"id": "Provinsi (di dalam OPD)", "en": "Province (within OPD)"},
    "grid_empty": {"id": "tidak ditampilkan", "en": "not shown"},
    "appendix": {"id": "Lampiran teknis", "en": "Technical appendix"},
    "appendix_lead": {"id": "Tabel mentah untuk analis dan auditor, dengan nama kolom seperti di berkas CSV.",
                      "en": "Raw tables for analysts and auditors, with the column names of the CSV files."},
    "app_compliance": {"id": "Tabel kepatuhan (compliance.csv)", "en": "Compliance table (compliance.csv)"},
    "app_models": {"id": "Koefisien model (model_coefficients.csv)", "en": "Model coefficients (model_coefficients.csv)"},
    "app_flags": {"id": "Jumlah putusan menurut lingkup dan atribut", "en": "Verdicts by level and attribute"},
    "app_method": {"id": "Definisi indeks", "en": "Index definition"},
    "app_settings": {"id": "Parameter audit dan sidik jari data (JSON)", "en": "Audit parameters and data fingerprint (JSON)"},
    "app_reasons": {"id": "Temuan yang tidak diuji, menurut alasan", "en": "Findings not tested, by reason"},
    "term_kompetensi": {"id": "Kompetensi (per tingkat)", "en": "Competency (per level)"},
    "term_kinerja": {"id": "Kinerja SKP (per tingkat)", "en": "SKP performance (per level)"},
    "term_kompetensi:kinerja": {"id": "Kompetensi × kinerja", "en": "Competency × performance"},
    "term_golongan_ordinal": {"id": "Golongan (per tingkat)", "en": "Grade (per step)"},
    "term_masa_kerja": {"id": "Masa kerja (per tahun)", "en": "Years of service (per year)"},
    "term_pendidikan_s1": {"id": "Pendidikan S1 ke atas", "en": "Degree (S1) or higher"},
    "model_lead": {"id": "Rasio odds promosi dengan rentang 95%: di kanan garis 1 = nilai lebih tinggi, lebih sering "
                          "dipromosikan, pada golongan, masa kerja, pendidikan dan jenjang yang sama. Hubungan, bukan "
                          "sebab-akibat.",
                   "en": "Odds ratios of promotion with 95% ranges: right of the line at 1 = a higher value, promoted "
                         "more often, at the same grade, years of service, education and level. Association, not "
                         "cause."},
    "method_short": {"id": "Indeks 0–100 menggabungkan enam komponen: cakupan asesmen (bobot 10) dan SKP (10), promosi "
                             "dari talent pool (25), promosi yang memenuhi semua syarat (25), calon siap yang tidak "
                             "dilangkahi (15) dan keadilan (15). Kategori mengikuti empat tingkat Indeks Sistem Merit "
                             "(kini dinilai BKN, UU 20/2023): 75 ke atas Sangat Baik, 50–75 Baik, 25–50 Kurang, di bawah 25 Buruk. Rentang 95% "
                             "yang bertumpang tindih berarti urutannya belum tentu nyata. Definisi lengkap ada di "
                             "lampiran teknis.",
                     "en": "The 0–100 index combines six components: assessment coverage (weight 10) and SKP coverage "
                           "(10), promotions from the talent pool (25), promotions meeting every requirement (25), ready "
                           "candidates not passed over (15) and fairness (15). Categories follow the four levels of "
                           "the Merit System Index (assessed by BKN since UU 20/2023): 75 and above Very good, 50–75 Good, 25–50 Poor, under 25 Bad. "
                           "Overlapping 95% ranges mean the order may not be real. The full definition is in the "
                           "technical appendix."},
    # ---- figures of the pages
    "fig_pool_note": {"id": "garis putus-putus = talent pool (kotak 7, 8, 9); \"< 5\" = angka disembunyikan (kotak "
                            "kosong, 1–4 orang, atau disembunyikan agar sel kecil tidak dapat dihitung kembali)",
                      "en": "dashed border = talent pool (boxes 7, 8, 9); \"< 5\" = number hidden (an empty box, 1–4 "
                            "persons, or hidden so that a small cell cannot be computed back)"},
    "fig_model_title": {"id": "Apa yang berhubungan dengan promosi: rasio odds (rentang 95%)",
                        "en": "What goes with promotion: odds ratios (95% range)"},
    "fig_or_axis": {"id": "rasio odds (1 = tidak ada hubungan; skala log)",
                    "en": "odds ratio (1 = no association; log scale)"},
    "fig_no_ci": {"id": "titik kosong = estimasi berpenalti karena data sedikit, tanpa rentang",
                  "en": "hollow point = penalized estimate because data are few, no range"},
    # ---- audit page
    "settings_head": {"id": "Pengaturan", "en": "Setting"},
    "settings_value": {"id": "Nilai", "en": "Value"},
    "set_period": {"id": "Periode", "en": "Period"},
    "set_attributes": {"id": "Atribut yang diaudit", "en": "Attributes audited"},
    "set_alpha": {"id": "Taraf signifikansi (setelah Benjamini–Hochberg)", "en": "Significance level (after "
                  "Benjamini–Hochberg)"},
    "set_impact": {"id": "Rasio dampak yang berarti", "en": "Material impact ratio"},
    "set_detect": {"id": "Diuji hanya bila rasio odds {or_} (atau 1/{or_}) dapat ditemukan dengan kuasa {power}",
                   "en": "Tested only when an odds ratio of {or_} (or 1/{or_}) can be found with {power} power"},
    "set_detect_head": {"id": "Syarat uji yang bermakna", "en": "A test that can mean something"},
    "set_references": {"id": "Kelompok pembanding", "en": "Reference groups"},
    "set_impact_value": {"id": "di bawah {low} atau di atas {high}", "en": "below {low} or above {high}"},
    "set_fingerprint": {"id": "Sidik jari data", "en": "Data fingerprint"},
    "set_version": {"id": "Versi merit_lib", "en": "merit_lib version"},
    "audit_who": {"id": "Siapa dan putusannya", "en": "Who, and the verdict"},
    "audit_numbers": {"id": "Angka di balik putusan", "en": "The figures behind the verdict"},
}


# --------------------------------------------------------------------------- lookup

#: the sections reached by `t("<section>.<key>")`; plain keys are looked up in PAGES, LABELS, COLUMNS (in that order)
# --------------------------------------------------------------------------- appointments (rotations, pelantikan, shortlist)

#: texts of `merit pelantikan`, `merit kandidat` and the rotation sections (`t("appt.<key>")`)
APPOINTMENTS: dict[str, dict[str, str]] = {
    "restricted": {"id": "RAHASIA — DATA PRIBADI, TERBATAS untuk BKD dan Baperjakat; jangan diterbitkan atau dibagikan",
                   "en": "RESTRICTED — PERSONAL DATA, for the BKD and Baperjakat only; do not publish or share"},
    "rot_none": {"id": "Tidak ada rotasi atau mutasi ke jabatan struktural di OPD ini pada periode ini.",
                 "en": "No rotation or mutation into a structural post in this OPD in this period."},
    "rot_text": {"id": "Rotasi/mutasi ke jabatan struktural: {n} ({m} mutasi antar-OPD); memenuhi syarat jabatan: {share}. "
                       "JPT Pratama dipindah < 2 tahun (perlu alasan): {pa}; JPT Pratama > 5 tahun di satu jabatan: {lima}.",
                 "en": "Rotations/mutations into structural posts: {n} ({m} between OPDs); meeting the post's "
                       "requirements: {share}. JPT Pratama moved within 2 years (needs grounds): {pa}; JPT Pratama over "
                       "5 years in one post: {lima}."},
    "pel_head": {"id": "Pelantikan {date}: {n} pengangkatan ({kinds}).", "en": "Pelantikan of {date}: {n} appointments ({kinds})."},
    "pel_written": {"id": "Ringkasan agregat ditulis ke", "en": "Aggregate summary written to"},
    "pel_internal": {"id": "Bentuk internal per pengangkatan (RAHASIA, hanya BKD/Baperjakat)",
                     "en": "Internal per-appointment form (RESTRICTED, BKD/Baperjakat only)"},
    "short_head": {"id": "Daftar calon untuk jabatan {level}{where}: {n} memenuhi semua syarat (ditampilkan {k}), {m} "
                         "kurang satu syarat; dari {total} calon.",
                   "en": "Shortlist for a {level} post{where}: {n} meet every requirement ({k} shown), {m} miss one "
                         "check; of {total} candidates."},
    "short_written": {"id": "DATA PRIBADI ditulis ke", "en": "PERSONAL DATA written to"},
    "eligible": {"id": "MEMENUHI SEMUA SYARAT (urut kesiapan)", "en": "MEETING EVERY REQUIREMENT (by readiness)"},
    "near_miss": {"id": "KURANG SATU SYARAT (bukan calon yang memenuhi syarat)", "en": "MISSING ONE CHECK (not eligible)"},
}

COLUMNS.update({
    "n_rotasi": {"id": "Rotasi/mutasi", "en": "Rotations/mutations"},
    "n_mutasi": {"id": "di antaranya antar-OPD", "en": "of which between OPDs"},
    "share_rotasi_memenuhi_syarat": {"id": "Memenuhi syarat jabatan (rentang 95%)", "en": "Meeting the post's requirements (95% range)"},
    "n_perlu_alasan": {"id": "JPT dipindah < 2 tahun", "en": "JPT moved < 2 years"},
    "n_melewati_5_tahun": {"id": "JPT > 5 tahun", "en": "JPT > 5 years"},
})


#: SIASN input (data.siasn, `merit siasn`): why a file cannot be read, what a folder lacks, the command's lines
SIASN: dict[str, dict[str, str]] = {
    "not_json": {"id": "bukan berkas .json", "en": "not a .json file"},
    "too_large": {"id": "berkas {size} MB, melebihi batas {limit} MB per berkas JSON",
                  "en": "file of {size} MB, over the limit of {limit} MB per JSON file"},
    "too_deep": {"id": "JSON bersarang {depth} tingkat, melebihi batas {limit} tingkat",
                 "en": "JSON nested {depth} levels deep, over the limit of {limit} levels"},
    "bad_utf8": {"id": "bukan teks UTF-8 yang sah (byte {at})", "en": "not valid UTF-8 text (byte {at})"},
    "bad_json": {"id": "bukan JSON yang sah: {why} (baris {line}, kolom {col})",
                 "en": "not valid JSON: {why} (line {line}, column {col})"},
    "nan": {"id": "nilai {value} bukan JSON yang sah", "en": "the value {value} is not valid JSON"},
    "duplicate_key": {"id": "kunci '{name}' muncul dua kali dalam satu objek", "en": "the key '{name}' occurs twice in one object"},
    "no_person_source": {"id": "{src}: tidak ada pegawai yang dapat dibaca: berkas Export Data ASN {export}; folder "
                                "data-utama/ {utama}",
                         "en": "{src}: no person can be read: Export Data ASN file {export}; data-utama/ folder {utama}"},
    "state_missing": {"id": "tidak ada", "en": "missing"},
    "state_no_rows": {"id": "tanpa baris data", "en": "without data rows"},
    "state_empty": {"id": "kosong", "en": "empty"},
    "state_unreadable": {"id": "hanya berisi {n} berkas yang tidak dapat dibaca atau tanpa data (pertama: {first})",
                         "en": "holds only {n} files that cannot be read or hold no data (first: {first})"},
    "ref_unor_unreadable": {"id": "{path}: ref-unor tidak dapat dibaca: {why}", "en": "{path}: ref-unor cannot be read: {why}"},
    "validate_left_out": {"id": "Tabel kontrak hasil konversi lolos validasi, tetapi konversi SIASN meninggalkan {n} baris "
                                 "karena masalah data (rincian per alasan di atas; baris per baris: merit siasn SRC --out "
                                 "DIR, berkas siasn_ledger.csv): status keluar 1.",
                          "en": "The converted contract tables pass validation, but the SIASN conversion left out {n} rows "
                                "for a data problem (per reason above; row by row: merit siasn SRC --out DIR, file "
                                "siasn_ledger.csv): exit status 1."},
    "siasn_left_out": {"id": "Konversi meninggalkan {n} baris karena masalah data (lihat siasn_ledger.csv): status keluar 1.",
                       "en": "The conversion left out {n} rows for a data problem (see siasn_ledger.csv): exit status 1."},
    "opd_found": {"id": "OPD tiap pegawai ditemukan: {how}.", "en": "Each person's OPD was found: {how}."},
    "opd_unit": {"id": "lewat unitnya di ref-unor", "en": "via their unit in ref-unor"},
    "opd_induk": {"id": "lewat unorIndukId di ref-unor", "en": "via unorIndukId in ref-unor"},
    "opd_induk_tanpa_pohon": {"id": "lewat unorIndukId (tanpa ref-unor)", "en": "via unorIndukId (no ref-unor)"},
    "opd_induk_nama": {"id": "lewat nama UNOR INDUK di ekspor", "en": "via the export's UNOR INDUK name"},
    "opd_kepala_unit": {"id": "unit yang dikepalainya (unorInduk = Pemda)",
                        "en": "the unit they head (unorInduk = the Pemda)"},
    "kedudukan_line": {"id": "Kedudukan hukum pegawai yang dipakai: {states}; yang bukan aktif tetap di pegawai, kolom "
                              "kedudukan_hukum mengatakannya.",
                       "en": "Kedudukan hukum of the persons kept: {states}; those not aktif stay in pegawai, the "
                             "kedudukan_hukum column says so."},
    "kedudukan_none": {"id": "tidak diketahui", "en": "not known"},
    "siasn_clean": {"id": "Tidak ada baris yang ditinggalkan karena masalah data.",
                    "en": "No row was left out for a data problem."},
}

SECTIONS: dict[str, dict] = {
    "rules": RULES, "labels": LABELS, "columns": COLUMNS, "flags": FLAG_LABELS, "meanings": FLAG_MEANINGS,
    "verdict_rules": VERDICT_RULES, "direction": DIRECTION_LABELS, "explained_by": EXPLAINED_BY_LABELS,
    "basis": BASIS_LABELS, "caveats": AUDIT_CAVEATS, "model": MODEL_MESSAGES, "model_words": MODEL_WORDS,
    "methods": MODEL_METHODS, "terms": TERMS, "fig": FIGURES, "site": SITE, "ledger": LEDGER, "categories": CATEGORIES,
    "external": EXTERNAL, "privacy": PRIVACY, "nb": NOTEBOOKS, "sources": CHECK_SOURCES, "appt": APPOINTMENTS,
    "flag_reasons": FLAG_REASONS, "aor_methods": AOR_METHODS, "ledger_kinds": LEDGER_KINDS, "window": WINDOW,
    "siasn": SIASN,
}


def _entry(key: str) -> dict[str, str] | None:
    for table in (globals().get("PAGES", {}), LABELS, COLUMNS):
        if key in table:
            return table[key]
    name, _, rest = key.partition(".")
    table = SECTIONS.get(name) if rest else None
    if table is None:
        return None
    return table.get(int(rest) if rest.isdigit() else rest)


def t(key: str, lang: str = "id", **fields: object) -> str:
    """Any text of the catalogue in the given language (`id` or `en`), fields filled in; the key itself when unknown.

    Plain keys are looked up in PAGES, LABELS and COLUMNS; `section.key` in one section of SECTIONS (e.g. `fig.rate`,
    `flags.disparity`, `site.footer`)."""
    code = language(lang)
    entry = _entry(key)
    if entry is None:
        return key
    template = entry.get(code) or entry.get("id", key)
    return template.format(**fields) if fields else template


def catalogue() -> dict[str, dict[str, str]]:
    """Every entry of the catalogue under its full key (`section.key`, and the plain keys of PAGES), for tests and tools."""
    out = {f"{name}.{k}": v for name, table in SECTIONS.items() for k, v in table.items()}
    for name in ("PAGES", "COLUMN_HELP", "SHEET_HELP"):
        out.update({f"{name.lower()}.{k}": v for k, v in globals().get(name, {}).items()})
    return out


# bypassed_by_level.csv (issue 14, item 1): headers and help for its columns, where they mean something per level
COLUMNS.update({
    "level_tujuan": {"id": "Jenjang tujuan", "en": "Target level"},
    "bypassed_by_level.n_promosi": {"id": "Promosi ke jenjang ini", "en": "Promotions to this level"},
    "bypassed_by_level.n_promosi_melangkahi": {"id": "Promosi yang melangkahi calon lebih siap",
                                               "en": "Promotions passing over a readier candidate"},
    "bypassed_by_level.n_bypassed": {"id": "Calon lebih siap yang terlewati", "en": "Readier candidates passed over"},
})
COLUMN_HELP.update({
    "level_tujuan": {"id": "Jenjang yang dituju promosi: Pengawas (dari Pelaksana atau Fungsional), Administrator, JPT "
                           "Pratama.",
                     "en": "The level a promotion aims at: Pengawas (from Pelaksana or Fungsional), Administrator, JPT "
                           "Pratama."},
    "bypassed_by_level.n_promosi": {"id": "Promosi periode ini yang dihitung, ke jenjang tujuan ini; jumlah semua jenjang "
                                          "= jumlah promosi OPD di lembar compliance.",
                                    "en": "Promotions of the period counted, to this target level; summed over the "
                                          "levels, the OPD's promotions in the compliance sheet."},
    "bypassed_by_level.n_promosi_melangkahi": {
        "id": "Promosi ke jenjang ini yang melewati sedikitnya satu calon memenuhi syarat yang lebih siap di OPD yang sama.",
        "en": "Promotions to this level that passed over at least one more ready eligible candidate of the same OPD."},
    "bypassed_by_level.n_bypassed": {
        "id": "Calon yang memenuhi syarat untuk jenjang ini, tidak dipromosikan, dan lebih siap daripada seseorang yang "
              "dipromosikan ke jenjang ini di OPD yang sama. Kosong bila kurang dari 5 orang atau pelengkapnya.",
        "en": "Eligible candidates for this level, not promoted, and more ready than someone promoted to it in the same "
              "OPD. Empty under 5 persons or as their complement."},
})


# the evidence window (issue 20): headers and help of the columns it adds, and the trend sheet
COLUMNS.update({
    "n_promosi_triwulan": {"id": "Promosi triwulan ini", "en": "Promotions this quarter"},
    "tier": {"id": "Posisi terhadap provinsi", "en": "Tier against the province"},
    "index_provinsi": {"id": "Rata-rata provinsi", "en": "Province average"},
    **{f"nilai_{c}_ci_{end}": {"id": f"{name['id']} (taksiran terkumpul), batas {side['id']} 95%",
                               "en": f"{name['en']} (pooled estimate), 95% {side['en']} bound"}
       for c, name in (("share_promosi_talent_pool", {"id": "Promosi dari talent pool", "en": "Promotions from the talent pool"}),
                       ("share_promosi_eligible", {"id": "Promosi memenuhi syarat", "en": "Promotions meeting requirements"}),
                       ("share_tanpa_bypass", {"id": "Calon tidak dilangkahi", "en": "Candidates not passed over"}))
       for end, side in (("low", {"id": "bawah", "en": "lower"}), ("high", {"id": "atas", "en": "upper"}))},
    "pq_group": {"id": "Orang-triwulan kelompok", "en": "Person-quarters, group"},
    "pq_reference": {"id": "Orang-triwulan pembanding", "en": "Person-quarters, reference"},
    "rate_pq_group": {"id": "Tingkat promosi per triwulan, kelompok", "en": "Promotion rate per quarter, group"},
    "rate_pq_reference": {"id": "Tingkat promosi per triwulan, pembanding", "en": "Promotion rate per quarter, reference"},
    "triwulan": {"id": "Triwulan", "en": "Quarter"},
    "periode": {"id": "Triwulan", "en": "Quarter"},
    "jendela": {"id": "Jendela (triwulan)", "en": "Window (quarters)"},
    "sumber": {"id": "Sumber", "en": "Source"},
    "trend.n_promosi": {"id": "Promosi dalam jendela", "en": "Promotions in the window"},
})
COLUMN_HELP.update({
    "n_promosi_triwulan": {"id": "Promosi pada triwulan laporan ini saja (kegiatan triwulan); penilaian memakai promosi "
                                 "seluruh jendela bukti (n_promosi).",
                           "en": "Promotions in this report's quarter alone (the quarter's activity); verdicts use the "
                                 "promotions of the whole evidence window (n_promosi)."},
    "tier": {"id": "Di atas / sesuai / di bawah rata-rata provinsi menurut rentang 95% indeks; belum dapat dinilai bila "
                   "jendela memuat kurang dari 5 promosi. Tidak ada peringkat.",
             "en": "Above / as expected / below the province average by the index's 95% range; not rated when the window "
                   "holds fewer than 5 promotions. There is no ranking."},
    "index_provinsi": {"id": "Rata-rata indeks OPD yang dinilai, berbobot jumlah pegawai: satu angka yang sama di semua "
                             "halaman dan lembar.",
                       "en": "The rated OPDs' indices averaged with staff as weights: the one number every page and sheet "
                             "quotes."},
    **{f"nilai_{c}_ci_{end}": {"id": "Batas rentang 95% taksiran komponen yang ditarik ke provinsi (Bayes empiris); "
                                     "kosong bila angka OPD disembunyikan.",
                               "en": "Bound of the 95% range of the component's estimate pulled toward the province "
                                     "(empirical Bayes); empty where the OPD's figure is hidden."}
       for c in ("share_promosi_talent_pool", "share_promosi_eligible", "share_tanpa_bypass") for end in ("low", "high")},
    "pq_group": {"id": "Orang-triwulan kelompok yang dapat dipromosikan dalam jendela (satu orang dihitung sekali per "
                       "triwulan).",
                 "en": "Person-quarters of the group at risk in the window (a person counted once per quarter)."},
    "pq_reference": {"id": "Orang-triwulan kelompok pembanding dalam jendela.",
                     "en": "Person-quarters of the reference group in the window."},
    "rate_pq_group": {"id": "Orang yang dipromosikan per orang-triwulan: tingkat promosi per triwulan kelompok.",
                      "en": "Persons promoted per person-quarter: the group's quarterly promotion rate."},
    "rate_pq_reference": {"id": "Tingkat promosi per triwulan kelompok pembanding.",
                          "en": "The reference group's quarterly promotion rate."},
    "triwulan": {"id": "Triwulan peristiwa dalam jendela bukti.", "en": "Quarter of the event within the evidence window."},
    "periode": {"id": "Triwulan titik tren; setiap titik dihitung pada jendelanya sendiri.",
                "en": "Quarter of the trend point; each point is computed on its own window."},
    "jendela": {"id": "Jumlah triwulan jendela bukti titik ini.", "en": "Quarters in this point's evidence window."},
    "sumber": {"id": "laporan = dibaca dari laporan triwulan itu; riwayat = dihitung dari riwayat data; laporan_ini = "
                     "periode laporan ini.",
               "en": "laporan = read from that quarter's report; riwayat = computed from the data's history; "
                     "laporan_ini = this report's period."},
    "trend.n_promosi": {"id": "Promosi dalam jendela titik ini.", "en": "Promotions in this point's window."},
})
SHEET_HELP.update({
    "trend": {"id": "Tren: indeks, rentang, posisi dan kategori setiap OPD (dan rata-rata provinsi, baris PROVINSI) "
                    "untuk setiap triwulan, masing-masing berdasarkan jendelanya sendiri.",
              "en": "Trend: each OPD's index, range, tier and category (and the province average, row PROVINSI) for each "
                    "quarter, each on its own window."},
})


# bounds on input (issue 25, item 4; merit_lib.data.limits): each message names its limit
LIMITS: dict[str, dict[str, str]] = {
    "workbook_size": {"id": "{file}: buku kerja ini berisi {size} MB setelah dibuka (batas {limit} MB); simpan tabel besar "
                            "sebagai CSV atau pecah menjadi beberapa berkas",
                      "en": "{file}: this workbook holds {size} MB once decompressed (limit {limit} MB); save large tables "
                            "as CSV or split the workbook"},
    "workbook_ratio": {"id": "{file}: bagiannya {part} terkompresi {ratio}:1 (batas {limit}:1), bukan buku kerja biasa (bom "
                             "zip?); buka dan simpan ulang di Excel",
                       "en": "{file}: its part {part} is compressed {ratio}:1 (limit {limit}:1), not an ordinary workbook (a "
                             "zip bomb?); open it and save it again in Excel"},
    "sheet_cells": {"id": "{file}: lebih dari {limit} sel (baris × {width} kolom header; batas {limit} sel per sheet); pecah "
                          "tabelnya atau simpan sebagai CSV",
                    "en": "{file}: more than {limit} cells (rows × the header's {width} columns; limit {limit} cells a "
                          "sheet); split the table or save it as CSV"},
    "header_width": {"id": "{file}: header berisi {n} kolom (batas {limit} kolom); hapus kolom atau sel lepas di kanan tabel",
                     "en": "{file}: the header has {n} columns (limit {limit} columns); delete the columns or stray cells "
                           "right of the table"},
    "header_line": {"id": "{file}: baris pertama tidak berakhir dalam {kb} KB: header terlalu lebar (batas {limit} kolom) "
                          "atau berkas ini bukan tabel",
                    "en": "{file}: the first line does not end within {kb} KB: the header is too wide (limit {limit} "
                          "columns) or the file is no table"},
    "yaml_alias": {"id": "{file}: baris {line}: anchor atau alias YAML (&nama, *nama) tidak diizinkan di berkas peran "
                         "(batas: tanpa anchor dan alias); tulis setiap nilai apa adanya",
                   "en": "{file}: line {line}: YAML anchors and aliases (&name, *name) are not allowed in a roles file "
                         "(limit: none); write each value out"},
    "roles_size": {"id": "{file}: berkas peran {kb} KB (batas {limit} KB)", "en": "{file}: the roles file has {kb} KB "
                   "(limit {limit} KB)"},
}
SECTIONS["limits"] = LIMITS


# the output policy (issue 25, item 3; merit_lib.report.targets): where a command may write
DOOR: dict[str, dict[str, str]] = {
    "period": {"id": "{option} {path}: berada di dalam folder laporan periode {folder} (yang diterbitkan utuh); data pribadi "
                     "dan keluaran lain tidak boleh ditulis di sana — pilih lokasi lain",
               "en": "{option} {path}: lies inside the period report folder {folder} (published as a whole); personal "
                     "data and other outputs must not be written there — choose another place"},
    "into_input": {"id": "{option} {path}: berada di dalam masukan {input}; keluaran tidak pernah ditulis ke dalam "
                         "masukannya — pilih lokasi lain",
                   "en": "{option} {path}: lies inside the input {input}; an output is never written into its input — "
                         "choose another place"},
    "onto_input": {"id": "{option} {path}: akan menimpa masukan {input}; tidak ada yang diubah — pilih nama atau folder lain",
                   "en": "{option} {path}: would write over the input {input}; nothing was changed — choose another name "
                         "or folder"},
    "other_extract": {"id": "{option} {path}: sudah berisi ekstrak lain ({found}); tidak ada yang diubah — pilih folder "
                            "baru atau folder hasil konversi sebelumnya",
                      "en": "{option} {path}: already holds another extract ({found}); nothing was changed — choose a new "
                            "folder or an earlier conversion's"},
}
SECTIONS["door"] = DOOR


# issue 21 (verdicts that survive an economist): headers and help of the new findings columns, merit_gaps.csv and
# tier_sensitivity.csv
COLUMNS.update({
    "adjusted_direction": {"id": "Arah setelah disesuaikan", "en": "Direction adjusted"},
    "equivalence_p": {"id": "Nilai p kesetaraan (dua uji satu arah)", "en": "p value, equivalence (two one-sided tests)"},
    "basis_detectable_or": {"id": "OR terkecil yang dapat dideteksi estimasi dasar",
                            "en": "Smallest OR the basis estimate could detect"},
    "bd_p_adjusted": {"id": "Nilai p keseragaman antar-OPD (BH)", "en": "p value, OPDs alike (BH)"},
    "heterogeneous_opds": {"id": "OPD yang berbeda", "en": "OPDs that differ"},
    "n_opds_differ": {"id": "Jumlah OPD yang berbeda", "en": "OPDs that differ (number)"},
    "explained_share_merit": {"id": "Dijelaskan oleh merit", "en": "Explained by merit"},
    "explained_share_opd": {"id": "Dijelaskan oleh komposisi OPD", "en": "Explained by OPD composition"},
    "explained_share_eligibility": {"id": "Dijelaskan oleh pemenuhan syarat", "en": "Explained by eligibility"},
    "explained_share_controls": {"id": "Dijelaskan oleh variabel kontrol", "en": "Explained by the controls"},
    "explained_parts": {"id": "Dijelaskan per blok", "en": "Explained by block"},
    "n_merit_group": {"id": "Kelompok bernilai merit", "en": "Group with merit scores"},
    "promoted_merit_group": {"id": "Dipromosikan, bernilai merit (kelompok)", "en": "Promoted with merit scores (group)"},
    "n_merit_reference": {"id": "Pembanding bernilai merit", "en": "Reference with merit scores"},
    "promoted_merit_reference": {"id": "Dipromosikan, bernilai merit (pembanding)",
                                 "en": "Promoted with merit scores (reference)"},
    "merit_share_group_promoted": {"id": "Bernilai merit: kelompok, dipromosikan", "en": "With merit scores: group, promoted"},
    "merit_share_group_not": {"id": "Bernilai merit: kelompok, tidak dipromosikan",
                              "en": "With merit scores: group, not promoted"},
    "merit_share_reference_promoted": {"id": "Bernilai merit: pembanding, dipromosikan",
                                       "en": "With merit scores: reference, promoted"},
    "merit_share_reference_not": {"id": "Bernilai merit: pembanding, tidak dipromosikan",
                                  "en": "With merit scores: reference, not promoted"},
    "model_shift_odds_ratio": {"id": "OR mentah sampel model ÷ semua orang", "en": "Raw OR, model sample ÷ everyone"},
    "aor_ipw": {"id": "OR disesuaikan, dibobot ke semua orang", "en": "Adjusted OR weighted to everyone"},
    "aor_ipw_ci_low": {"id": "OR dibobot, batas bawah 95%", "en": "Weighted OR, 95% lower bound"},
    "aor_ipw_ci_high": {"id": "OR dibobot, batas atas 95%", "en": "Weighted OR, 95% upper bound"},
    "aor_ipw_p_value": {"id": "Nilai p OR dibobot", "en": "p value, weighted OR"},
    "aor_reliability": {"id": "OR disesuaikan pada keandalan yang dinyatakan", "en": "Adjusted OR at the declared reliability"},
    "aor_reliability_ci_low": {"id": "OR pada keandalan, batas bawah 95%", "en": "OR at the reliability, 95% lower bound"},
    "aor_reliability_ci_high": {"id": "OR pada keandalan, batas atas 95%", "en": "OR at the reliability, 95% upper bound"},
    "aor_reliability_p_value": {"id": "Nilai p OR pada keandalan", "en": "p value, OR at the reliability"},
    # merit_gaps.csv
    "measure": {"id": "Ukuran merit", "en": "Merit measure"},
    "merit_gaps.n_group": {"id": "Kelompok dengan ukuran ini", "en": "Group with this measure"},
    "merit_gaps.n_reference": {"id": "Pembanding dengan ukuran ini", "en": "Reference with this measure"},
    "mean_group": {"id": "Rata-rata kelompok", "en": "Group mean"},
    "mean_reference": {"id": "Rata-rata pembanding", "en": "Reference mean"},
    "gap": {"id": "Selisih (kelompok − pembanding)", "en": "Gap (group − reference)"},
    "gap_ci": {"id": "Selisih, rentang 95%", "en": "Gap, 95% range"},
    "gap_ci_low": {"id": "Selisih, batas bawah 95%", "en": "Gap, 95% lower bound"},
    "gap_ci_high": {"id": "Selisih, batas atas 95%", "en": "Gap, 95% upper bound"},
    "std_gap": {"id": "Selisih (SD)", "en": "Gap (SD)"},
    "merit_gaps.p_value": {"id": "Nilai p (Welch)", "en": "p value (Welch)"},
    "reliability": {"id": "Keandalan yang dinyatakan", "en": "Declared reliability"},
    # compliance.csv (the fairness component) and tier_sensitivity.csv
    "fairness_against": {"id": "Disparitas merugikan kelompok", "en": "Disparities against a group"},
    "fairness_in_favour": {"id": "Disparitas menguntungkan kelompok", "en": "Disparities in a group's favour"},
    "tier_sensitivity.tier": {"id": "Tingkatan (bobot yang diterbitkan)", "en": "Tier (published weights)"},
    "share_same_tier": {"id": "Tingkatan tetap", "en": "Tier unchanged"},
    "share_di_atas": {"id": "Di atas provinsi", "en": "Above the province"},
    "share_sesuai": {"id": "Sesuai provinsi", "en": "As expected"},
    "share_di_bawah": {"id": "Di bawah provinsi", "en": "Below the province"},
    "share_tidak_dinilai": {"id": "Belum dinilai", "en": "Not rated"},
    "index_low": {"id": "Indeks, persentil 5 bobot acak", "en": "Index, 5th percentile over random weights"},
    "index_high": {"id": "Indeks, persentil 95 bobot acak", "en": "Index, 95th percentile over random weights"},
    "n_weights": {"id": "Jumlah set bobot acak", "en": "Random weight sets"},
})
COLUMN_HELP.update({
    "adjusted_direction": {"id": "Sisi estimasi dasar (setelah disesuaikan): lebih rendah atau lebih tinggi. Kolom «arah» "
                                 "selalu sisi kesenjangan mentah; bila keduanya berbeda, halaman menyebutkannya.",
                           "en": "The side of the basis (adjusted) estimate: lower or higher. The column «direction» is "
                                 "always the side of the raw gap; where the two differ, the pages say so."},
    "equivalence_p": {"id": "Nilai p dua uji satu arah pada batas rasio dampak 0,8 dan 1,25: di bawah 0,05 berarti "
                            "kesenjangan terbukti tidak berarti («tidak ada disparitas»).",
                      "en": "p value of the two one-sided tests at the impact-ratio bounds 0.8 and 1.25: below 0.05 means "
                            "the gap is shown to be immaterial («no disparity»)."},
    "basis_detectable_or": {"id": "Rasio odds terkecil (atau kebalikannya) yang dapat dideteksi estimasi dasar dengan "
                                  "kuasa 80%.",
                            "en": "Smallest odds ratio (or its inverse) the basis estimate could detect with 80% power."},
    "heterogeneous_opds": {"id": "OPD yang rasio odds-nya berbeda dari angka gabungan (sel < 5 tidak disebut).",
                           "en": "OPDs whose odds ratio differs from the pooled one (cells under 5 are not named)."},
    "explained_parts": {"id": "Bagian kesenjangan mentah yang dijelaskan oleh setiap blok: merit, komposisi OPD, pemenuhan "
                              "syarat, setiap variabel kontrol.",
                        "en": "Share of the raw gap each block explains: merit, OPD composition, eligibility, each control."},
    "model_shift_odds_ratio": {"id": "Rasio odds mentah orang dalam model dibagi rasio odds mentah semua orang: jauh "
                                     "dari 1 berarti orang yang mempunyai nilai merit tidak mewakili semua orang.",
                               "en": "Raw odds ratio of those in the model over everyone's: far from 1 means those with "
                                     "merit scores do not stand for everyone."},
    "aor_ipw": {"id": "Odds ratio disesuaikan dengan setiap orang dalam model dibobot kebalikan bagian kelompok-dan-hasilnya "
                      "yang mempunyai nilai merit.",
                "en": "Adjusted odds ratio with each person in the model weighted by the inverse of the share of their "
                      "group and outcome that has merit scores."},
    "aor_reliability": {"id": "Odds ratio disesuaikan bila ukuran merit diganti kalibrasi regresinya pada keandalan yang "
                              "dinyatakan.",
                        "en": "Adjusted odds ratio with the merit measure replaced by its regression calibration at the "
                              "declared reliability."},
    "std_gap": {"id": "Selisih rata-rata dibagi simpangan baku gabungan.", "en": "Difference of means over the pooled SD."},
    "bd_p_adjusted": {"id": "Nilai p uji Breslow–Day setelah koreksi Benjamini–Hochberg (keluarga baris provinsi): di bawah "
                            "0,05 berarti OPD-OPD tidak seragam dan baris provinsi tidak dapat berbunyi «tidak ada disparitas».",
                      "en": "p value of the Breslow–Day test after Benjamini–Hochberg (the province rows' family): below 0.05 "
                            "means the OPDs differ, and the province row cannot read «no disparity»."},
    "n_opds_differ": {"id": "Jumlah OPD yang berbeda dari angka gabungan (termasuk OPD kecil yang tidak disebut namanya).",
                      "en": "Number of OPDs that differ from the pooled figure (small ones not named included)."},
    **{f"explained_share_{k}": {"id": f"Bagian kesenjangan mentah yang dijelaskan oleh {i} (dekomposisi Fairlie, per blok).",
                                "en": f"Share of the raw gap explained by {e} (Fairlie decomposition, by block)."}
       for k, i, e in (("merit", "ukuran merit", "the merit measures"), ("opd", "komposisi OPD", "the OPD composition"),
                       ("eligibility", "pemenuhan syarat", "eligibility"),
                       ("controls", "variabel kontrol (dan triwulan)", "the controls (and the quarter)"))},
    "n_merit_group": {"id": "Pegawai kelompok yang masuk model yang disesuaikan dengan merit (mempunyai nilai merit).",
                      "en": "Persons of the group in the merit-adjusted model (with merit scores)."},
    "promoted_merit_group": {"id": "Di antaranya yang dipromosikan.", "en": "Of them, those promoted."},
    "n_merit_reference": {"id": "Pegawai pembanding yang masuk model yang disesuaikan dengan merit.",
                          "en": "Persons of the reference in the merit-adjusted model."},
    "promoted_merit_reference": {"id": "Di antaranya yang dipromosikan.", "en": "Of them, those promoted."},
    **{f"merit_share_{who}_{o}": {"id": f"Bagian {wi} {oi} yang mempunyai nilai merit.",
                                  "en": f"Share of the {we} {oe} who have merit scores."}
       for who, wi, we in (("group", "kelompok", "group"), ("reference", "pembanding", "reference"))
       for o, oi, oe in (("promoted", "yang dipromosikan", "promoted"), ("not", "yang tidak dipromosikan", "not promoted"))},
    "aor_ipw_p_value": {"id": "Nilai p odds ratio yang dibobot ke semua orang.", "en": "p value of the odds ratio weighted to "
                                                                                      "everyone."},
    "aor_reliability_p_value": {"id": "Nilai p odds ratio pada keandalan yang dinyatakan.",
                                "en": "p value of the odds ratio at the declared reliability."},
    "measure": {"id": "Ukuran merit yang dibandingkan (kompetensi, JPM, kinerja).",
                "en": "The merit measure compared (competency, JPM, performance)."},
    "merit_gaps.n_group": {"id": "Pegawai kelompok yang mempunyai ukuran ini (nilai terakhir di jendela).",
                           "en": "Persons of the group with this measure (their latest value in the window)."},
    "merit_gaps.n_reference": {"id": "Pegawai pembanding yang mempunyai ukuran ini.",
                               "en": "Persons of the reference with this measure."},
    "mean_group": {"id": "Rata-rata ukuran ini pada kelompok.", "en": "Mean of the measure in the group."},
    "mean_reference": {"id": "Rata-rata ukuran ini pada pembanding.", "en": "Mean of the measure in the reference."},
    "gap": {"id": "Selisih rata-rata, kelompok dikurangi pembanding, dalam satuan ukuran itu.",
            "en": "Difference of means, group minus reference, in the measure's units."},
    "merit_gaps.p_value": {"id": "Nilai p uji Welch untuk selisih itu.", "en": "p value of Welch's test of the difference."},
    "reliability": {"id": "Keandalan ukuran yang dinyatakan di peran data (kosong: tidak dinyatakan).",
                    "en": "The measure's reliability as the roles declare it (empty: not declared)."},
    **{f"share_{t}": {"id": f"Bagian set bobot acak yang menempatkan OPD {i}.", "en": f"Share of random weight sets that put "
                                                                                  f"the OPD {e}."}
       for t, i, e in (("di_atas", "di atas provinsi", "above the province"), ("sesuai", "sesuai provinsi",
                                                                                "as expected"),
                       ("di_bawah", "di bawah provinsi", "below the province"), ("tidak_dinilai", "tanpa penilaian",
                                                                                   "among the not rated"))},
    "index_low": {"id": "Persentil ke-5 indeks OPD di antara set bobot acak.",
                  "en": "5th percentile of the OPD's index over the random weight sets."},
    "index_high": {"id": "Persentil ke-95 indeks OPD di antara set bobot acak.",
                   "en": "95th percentile of the OPD's index over the random weight sets."},
    "n_weights": {"id": "Jumlah set bobot acak (Dirichlet di sekitar bobot yang diterbitkan, masing-masing ±40%).",
                  "en": "Number of random weight sets (Dirichlet around the published weights, each about ±40%)."},
    "share_same_tier": {"id": "Bagian set bobot acak (Dirichlet di sekitar bobot yang diterbitkan) yang memberi tingkatan "
                              "yang sama.",
                        "en": "Share of random weight sets (Dirichlet around the published weights) that give the same "
                              "tier."},
})
SHEET_HELP.update({
    "merit_gaps": {"id": "Kesenjangan dalam ukuran merit itu sendiri: untuk setiap atribut, kelompok dan ukuran (kompetensi, "
                         "JPM, kinerja) di tingkat provinsi, rata-rata kelompok dan pembanding, selisihnya dengan rentang 95% "
                         "dan dalam SD. Kesenjangan yang dijelaskan oleh merit hanya seadil ukuran meritnya.",
                   "en": "Gaps in the merit measures themselves: for every attribute, group and measure (competency, JPM, "
                         "performance) at the province, the group's and the reference's means, their gap with its 95% range "
                         "and in SD. A gap explained by merit is only as fair as the merit measures."},
    "tier_sensitivity": {"id": "Kepekaan tingkatan terhadap bobot indeks: satu baris per OPD, tingkatannya dengan bobot yang "
                               "diterbitkan, bagian set bobot acak yang mempertahankannya dan rentang indeksnya.",
                         "en": "How the tiers rest on the index's weights: one row per OPD, its tier under the published "
                               "weights, the share of random weight sets that keep it, and the range of its index."},
})
# the analyst's API (issue 23, item 6; merit_lib.analysis.door, .compare, the result objects' displays)
API: dict[str, dict[str, str]] = {
    "not_a_frame": {"id": "{verb} memerlukan analysis frame (DataFrame orang-triwulan), bukan {got}: buat dulu frame = "
                          "ml.analysis_frame(extract, \"2026Q1\"), lalu ml.{verb}(frame)",
                    "en": "{verb} takes the analysis frame (a DataFrame of person-quarters), not {got}: make it first, "
                          "frame = ml.analysis_frame(extract, \"2026Q1\"), then ml.{verb}(frame)"},
    "not_an_extract": {"id": "{verb} memerlukan ekstrak (extract = ml.load_extract(PATH)) atau tabel-tabelnya, bukan {got}",
                       "en": "{verb} takes an extract (extract = ml.load_extract(PATH)) or its tables, not {got}"},
    "period_before": {"id": "periode {period} berada sebelum riwayat data: riwayat jabatan dimulai {first} (triwulan "
                            "pertama yang dapat dianalisis: {first_q})",
                      "en": "period {period} lies before the data's history: the position history begins on {first} "
                            "(the first quarter that can be analysed: {first_q})"},
    "period_staff": {"id": "periode {period} berada di luar riwayat data: ekstrak memuat pegawai saat ini, dan kurang dari "
                           "{pct} dari mereka sudah menjadi ASN pada awal periode itu ({pct} baru tercapai pada {first}); "
                           "triwulan pertama yang dapat dianalisis: {first_q}",
                     "en": "period {period} lies outside the data's history: the extract lists today's staff, and fewer "
                           "than {pct} of them were in service at that period's start ({pct} were by {first}); the "
                           "first quarter that can be analysed: {first_q}"},
    "period_after": {"id": "periode {period} berada setelah data: tanggal terakhir dalam data {last} (triwulan terakhir "
                           "yang dapat dianalisis: {last_q}); tidak ada promosi yang dapat dihitung",
                     "en": "period {period} lies after the data: the last date the data hold is {last} (the last quarter "
                           "that can be analysed: {last_q}); no promotion could be counted"},
    "no_fingerprint": {"id": "tidak ada (frame tidak dibuat dari ekstrak)", "en": "none (the frame was not made from an "
                                                                                 "extract)"},
    "audit_repr": {"id": "{n} temuan ({counts})", "en": "{n} findings ({counts})"},
    "audit_read_first": {"id": "Temuan yang perlu dibaca lebih dulu", "en": "Findings to read first"},
    "audit_more": {"id": "Selengkapnya: .summary(), .table(), .rules() (tabel keputusan), .caveats(); bahasa lain: "
                         ".in_language(\"en\").",
                   "en": "More: .summary(), .table(), .rules() (the decision table), .caveats(); another language: "
                         ".in_language(\"id\")."},
    "no_model": {"id": "model '{model}' tidak diestimasi (ada: {models})", "en": "model '{model}' was not estimated (there "
                                                                                "are: {models})"},
    "term": {"id": "Suku model", "en": "Term"},
    "model": {"id": "Model", "en": "Model"},
    "method": {"id": "Metode", "en": "Method"},
    "models_more": {"id": "Selengkapnya: .summary(), .table(\"logit_interaksi\"), .reading(), .coefficients (nama "
                          "suku mentah), .marginal_effects, .calibration; dua fit berdampingan: ml.compare(a, b).",
                    "en": "More: .summary(), .table(\"logit_interaksi\"), .reading(), .coefficients (raw term names), "
                          ".marginal_effects, .calibration; two fits side by side: ml.compare(a, b)."},
    "tier": {"id": "Posisi terhadap provinsi", "en": "Against the province"},
    "compliance_title": {"id": "Kepatuhan meritokrasi per OPD", "en": "Meritocracy compliance per OPD"},
    "compliance_lead": {"id": "{n} OPD; posisi terhadap provinsi: {tiers}.", "en": "{n} OPDs; against the province: "
                                                                               "{tiers}."},
    "compliance_more": {"id": "Tabel ini adalah DataFrame dengan {n} kolom (nama kolom mentah); di atas: ringkasannya.",
                        "en": "This table is a DataFrame of {n} columns (raw column names); above: its summary."},
    "extract_title": {"id": "Ekstrak", "en": "Extract"},
    "extract_table": {"id": "Tabel", "en": "Table"},
    "extract_rows_read": {"id": "Baris dibaca", "en": "Rows read"},
    "extract_rows_rejected": {"id": "Ditolak", "en": "Rejected"},
    "extract_rows_accepted": {"id": "Diterima", "en": "Accepted"},
    "extract_first": {"id": "Tanggal pertama", "en": "First date"},
    "extract_last": {"id": "Tanggal terakhir", "en": "Last date"},
    "extract_sizes": {"id": "Baris yang diterima: {sizes}", "en": "Rows accepted: {sizes}"},
    "extract_span": {"id": "Riwayat dari {first} sampai {last}: triwulan yang dapat dianalisis {first_q} – {last_q}",
                     "en": "History from {first} to {last}: the quarters that can be analysed are {first_q} – {last_q}"},
    "extract_clean": {"id": "Validasi: semua baris lolos", "en": "Validation: every row passed"},
    "extract_rejected": {"id": "Validasi: {n} baris ditolak (aturan terbanyak: {rules})",
                         "en": "Validation: {n} rows rejected (most frequent rules: {rules})"},
    "extract_more": {"id": "Baris per baris (untuk pengelola data saja): extract.report.issues; tabel: extract.tables.",
                     "en": "Row by row (for the data steward only): extract.report.issues; tables: extract.tables."},
    "validation_title": {"id": "Laporan validasi", "en": "Validation report"},
    "validation_more": {"id": "Baris yang ditolak satu per satu (untuk pengelola data saja): .issues atau .to_csv(PATH).",
                        "en": "The rejected rows one by one (for the data steward only): .issues or .to_csv(PATH)."},
    "compare_models": {"id": "Dua fit model kesiapan: {a} dan {b}", "en": "Two readiness fits: {a} and {b}"},
    "compare_audits": {"id": "Dua audit keadilan: {a} dan {b}", "en": "Two fairness audits: {a} and {b}"},
    "compare_changed": {"id": "{n} berubah", "en": "{n} changed"},
    "compare_first": {"id": "40 baris pertama dari {n} (semua: .table)", "en": "The first 40 of {n} rows (all: .table)"},
    "compare_ratio": {"id": "Rasio OR {b}/{a}", "en": "OR ratio {b}/{a}"},
    "compare_moved": {"id": "Sisi rentang berubah", "en": "Range side changed"},
    "yes": {"id": "ya", "en": "yes"},
    "compare_kinds": {"id": "ml.compare membandingkan dua hasil sejenis: dua ReadinessModels (ml.fit_readiness) atau dua "
                            "AuditResult (ml.audit), bukan {a} dan {b}",
                      "en": "ml.compare compares two results of one kind: two ReadinessModels (ml.fit_readiness) or two "
                            "AuditResults (ml.audit), not {a} and {b}"},
    "compare_models_note": {"id": "Perbedaan antara dua fit diuraikan, tidak diuji: fit pada orang yang sebagian sama bukan "
                                  "dua sampel independen. \"Sisi rentang berubah\": rentang 95% salah satu fit seluruhnya di atas "
                                  "(atau di bawah) 1 dan yang lain tidak.",
                            "en": "A difference between two fits is described, not tested: fits on partly the same "
                                  "persons are not two independent samples. \"Range side changed\": one fit's 95% range lies "
                                  "wholly above (or below) 1 and the other's does not."},
    "compare_audits_note": {"id": "Temuan yang putusannya berubah ada di atas; kelompok < 5 orang tampil \"< 5\".",
                            "en": "Findings whose verdict changed come first; groups of < 5 persons show \"< 5\"."},
    "compare_other_data": {"id": "Kedua hasil berasal dari data yang berbeda (sidik jari data tidak sama).",
                           "en": "The two results rest on different data (their data fingerprints differ)."},
    # the restricted results (a shortlist, a pelantikan review) show counts only: their persons stay in their tables
    "shortlist_title": {"id": "Daftar calon untuk jabatan {level}{where}", "en": "Shortlist for the post: {level}{where}"},
    "shortlist_lead": {"id": "{total} calon pada jenjang asal; {eligible} memenuhi semua syarat; daftar ini memuat {k} "
                             "teratas dan {m} yang kurang satu syarat.",
                       "en": "{total} candidates at the level below; {eligible} meet every check; this list holds the "
                             "top {k} and {m} missing one check."},
    "shortlist_more": {"id": "DATA PRIBADI — RAHASIA: nama dan NIP tidak ditampilkan di sini; ada di .eligible dan "
                             ".near_miss, hanya untuk kerja seleksi.",
                       "en": "PERSONAL DATA — RESTRICTED: names and NIPs are not shown here; they are in .eligible and "
                             ".near_miss, for selection work only."},
    "pelantikan_title": {"id": "Pelantikan {date}", "en": "Appointments of {date}"},
    "pelantikan_lead": {"id": "{n} penetapan; {m} calon yang memenuhi syarat tetapi tidak diangkat sebagai pembanding.",
                        "en": "{n} appointments; {m} eligible candidates not appointed, for comparison."},
    "pelantikan_more": {"id": "DATA PRIBADI — RAHASIA: setiap penetapan ada di .appointments, para calon di .candidates; "
                              "yang boleh diterbitkan: .assessment() dan .fairness() melalui pintu privasi.",
                        "en": "PERSONAL DATA — RESTRICTED: each appointment is in .appointments, the candidates in "
                              ".candidates; what may be published: .assessment() and .fairness() through the privacy "
                              "door."},
    # notebook 04_analyst_api: the API shown in a notebook of its own
    "nb_intro": {"id": "## API analis dalam satu notebook\n\nSetiap hasil menampilkan dirinya sendiri: ukuran, periode, "
                       "sidik jari data dan nama suku yang terbaca — tidak pernah NIP atau nama. Bahasanya mengikuti "
                       "ekstrak: `ml.load_extract(PATH, lang=\"en\")` untuk bahasa Inggris.",
                 "en": "## The analyst's API in one notebook\n\nEvery result shows itself: sizes, period, the data's "
                       "fingerprint and readable term names — never a NIP or a name. Its language follows the extract: "
                       "`ml.load_extract(PATH, lang=\"id\")` for Indonesian."},
    "nb_extract": {"id": "**Ekstrak**: baris per tabel, rentang tanggal, ringkasan validasi.",
                   "en": "**The extract**: rows per table, the dates it spans, the validation summary."},
    "nb_models": {"id": "**Model kesiapan** pada orang-triwulan jendela bukti; `frame` membawa sidik jari data ke setiap "
                        "hasil.",
                  "en": "**Readiness models** on the person-quarters of the evidence window; `frame` carries the data's "
                        "fingerprint to every result."},
    "nb_audit": {"id": "**Audit keadilan**: sidik jari data tercetak tanpa argumen tambahan.",
                 "en": "**Fairness audit**: the data's fingerprint is printed without an extra argument."},
    "nb_compliance": {"id": "**Kepatuhan per OPD**: sebuah DataFrame yang tampil ringkas.",
                      "en": "**Compliance per OPD**: a DataFrame that shows itself in short."},
    "nb_compare": {"id": "**Dua hasil berdampingan**: jendela satu triwulan dibanding empat, lalu audit triwulan "
                         "sebelumnya dibanding triwulan ini.",
                   "en": "**Two results side by side**: a one-quarter window against four, then last quarter's audit "
                         "against this quarter's."},
    "nb_door": {"id": "**Pintu masuk**: periode yang salah tulis atau di luar data, dan ekstrak di tempat frame, masing-"
                      "masing satu pesan yang jelas.",
                "en": "**The door**: a period written wrongly or outside the data, and an extract where a frame belongs, "
                      "each one clear message."},
}
SECTIONS["api"] = API
TERMS.update({"triwulan": {"id": "triwulan", "en": "quarter"}, "dipromosikan": {"id": "dipromosikan", "en": "promoted"}})
COLUMNS.setdefault("jenis_mutasi", {"id": "Jenis mutasi", "en": "Kind of move"})


# the auditor's path (issue 23, item 5; merit_lib.report.html.trail_html): what every report page says about how to
# reproduce it
TRAIL: dict[str, dict[str, str]] = {
    "title": {"id": "Jejak audit: cara memeriksa halaman ini", "en": "Audit trail: how to check this page"},
    "code_commit": {"id": "Kode: commit git {commit} (merit_lib {version}).",
                    "en": "Code: git commit {commit} (merit_lib {version})."},
    "code_dirty": {"id": "Perhatian: folder merit_lib berisi perubahan yang belum di-commit saat halaman ini dibuat; commit "
                         "itu saja tidak menghasilkan ulang angkanya.",
                   "en": "Note: the merit_lib folder held changes not yet committed when this page was made; that commit "
                         "alone does not reproduce its figures."},
    "code_version": {"id": "Kode: merit_lib {version}. Commit git tidak tersedia (paket tidak dijalankan dari checkout "
                           "git), jadi versi paket inilah yang tercatat.",
                     "en": "Code: merit_lib {version}. No git commit is available (the package did not run from a git "
                           "checkout), so the package version is what is recorded."},
    "data": {"id": "Data: sidik jari {fingerprint}, dari berkas masukan dengan SHA-256 berikut (periksa dengan sha256sum):",
             "en": "Data: fingerprint {fingerprint}, from the input files with these SHA-256 (check with sha256sum):"},
    "command": {"id": "Perintah yang menghasilkan ulang halaman ini (DATA = folder ekstrak dengan sidik jari di atas):",
                "en": "The command that reproduces this page (DATA = the extract folder with the fingerprint above):"},
    "notebook": {"id": "Atau notebook halaman ini saja, dari tabel yang diterbitkan di folder periode (dijalankan di "
                       "folder induknya):",
                 "en": "Or this page's notebook alone, from the tables published in the period folder (run in its parent "
                       "folder):"},
    "python": {"id": "Di notebook Python, angka yang sama sebelum kontrol pengungkapan (sel < 5 orang tidak disembunyikan "
                     "di sana: hanya untuk pemeriksa yang berhak atas datanya):",
               "en": "In a Python notebook, the same figures before disclosure control (cells < 5 persons are not hidden "
                     "there: for an auditor entitled to the data only):"},
    "docs": {"id": "Cara memeriksa sebuah putusan langkah demi langkah: docs/verify.md di repositori merit workbook.",
             "en": "How to check a verdict step by step: docs/verify.md in the merit workbook repository."},
}
SECTIONS["trail"] = TRAIL

# --------------------------------------------------------------------------- the auditor's register (issue 24)

REGISTER: dict[str, dict[str, str]] = {
    # headings and leads of the pages
    "opd_title": {"id": "Temuan yang dipantau", "en": "Findings followed up"},
    "opd_lead": {"id": "Temuan laporan triwulan ini dan sebelumnya yang dicatat di register auditor dan belum ditutup "
                       "(ditutup: sesuai rekomendasi, atau tidak dapat ditindaklanjuti dengan alasan sah), yang tertua "
                       "lebih dahulu. Tanggapan, tindakan dan status tindak lanjut dicatat auditor.",
                 "en": "Findings of this and earlier quarterly reports kept in the auditor's register and not yet closed "
                       "(closed: done as recommended, or cannot be followed up for a valid reason), oldest first. "
                       "Responses, actions and follow-up status are recorded by the auditors."},
    "prov_title": {"id": "Tindak lanjut temuan", "en": "Follow-up of findings"},
    "prov_lead": {"id": "Tingkat tindak lanjut = temuan yang sudah ditindaklanjuti sesuai rekomendasi dibagi semua temuan "
                        "di register sampai {period}. Ini hitungan seluruh temuan, bukan sampel, sehingga tidak diberi "
                        "rentang kepercayaan; jumlahnya tertulis di sampingnya.",
                  "en": "Follow-up rate = findings followed up as recommended over all findings in the register up to "
                        "{period}. It counts every finding, not a sample, so it has no confidence interval; the counts "
                        "stand beside it."},
    "none_here": {"id": "Register temuan tidak tersedia untuk tabel ini (hanya `merit report` yang mencatat ke register).",
                  "en": "No findings register for these tables (only `merit report` records into the register)."},
    "opd_none_open": {"id": "Tidak ada temuan terbuka untuk OPD ini.", "en": "This OPD has no open finding."},
    "opd_closed": {"id": "Temuan yang sudah ditutup: {n}.", "en": "Findings closed: {n}."},
    "prov_empty": {"id": "Register belum memuat temuan.", "en": "The register holds no finding yet."},
    "prov_none_open": {"id": "Tidak ada temuan terbuka.", "en": "No finding is open."},
    "rate_caption": {"id": "Tingkat tindak lanjut per OPD", "en": "Follow-up rate by OPD"},
    "oldest_caption": {"id": "{n} temuan terbuka tertua", "en": "The {n} oldest open findings"},
    "all": {"id": "Semua temuan", "en": "All findings"},
    "province": {"id": "Tingkat provinsi", "en": "Province-wide"},
    "col_findings": {"id": "Temuan", "en": "Findings"}, "col_open": {"id": "Terbuka", "en": "Open"},
    "col_rate": {"id": "Tingkat tindak lanjut", "en": "Follow-up rate"}, "col_code": {"id": "Kode", "en": "Code"},
    "col_what": {"id": "Temuan", "en": "Finding"}, "col_since": {"id": "Pertama terlihat", "en": "First seen"},
    "col_age": {"id": "Umur (triwulan)", "en": "Age (quarters)"}, "col_follow": {"id": "Tindak lanjut", "en": "Follow-up"},
    # a finding in words
    "kind_keadilan": {"id": "Keadilan promosi", "en": "Fairness of promotion"},
    "kind_komponen": {"id": "Komponen indeks", "en": "Index component"},
    "kind_posisi": {"id": "Posisi OPD", "en": "OPD's tier"},
    "kind_syarat": {"id": "Syarat penunjukan", "en": "Appointment rules"},
    "kind_rotasi": {"id": "Rotasi perlu alasan", "en": "Moves needing grounds"},
    "title_fairness": {"id": "Keadilan promosi — {attribute}: {group}", "en": "Fairness of promotion — {attribute}: {group}"},
    "title_component": {"id": "{component} di bawah batas corong", "en": "{component} below its funnel limit"},
    "rule_di_bawah_provinsi": {"id": "Indeks di bawah rata-rata provinsi", "en": "Index below the province average"},
    "rule_promosi_tidak_memenuhi_syarat": {"id": "Promosi orang yang tidak memenuhi semua syarat",
                                           "en": "Promotions of persons not meeting every requirement"},
    "rule_promosi_melangkahi": {"id": "Promosi yang melangkahi calon memenuhi syarat yang lebih siap",
                                "en": "Promotions passing over a more ready eligible candidate"},
    "rule_rotasi_tidak_memenuhi_syarat": {"id": "Rotasi/mutasi ke jabatan struktural yang tidak terbukti memenuhi syarat",
                                          "en": "Moves into a structural post not shown to meet its requirements"},
    "rule_perlu_alasan": {"id": "JPT Pratama dipindah dalam 2 tahun sejak pelantikan (perlu alasan tertulis)",
                          "en": "JPT Pratama moved within 2 years of appointment (needs written grounds)"},
    "rule_melewati_5_tahun": {"id": "JPT Pratama lebih dari 5 tahun pada jabatan yang sama",
                              "en": "JPT Pratama more than 5 years in the same post"},
    "detail_fairness": {"id": "{verdict}, {direction} dibanding {reference}", "en": "{verdict}, {direction} than {reference}"},
    "detail_aor": {"id": " (odds ratio disesuaikan {aor}; 95% {low}–{high})",
                   "en": " (adjusted odds ratio {aor}; 95% {low}–{high})"},
    "detail_impact": {"id": " (rasio dampak {ratio})", "en": " (impact ratio {ratio})"},
    "detail_component": {"id": "{share}, di bawah batas 99,8% corong ({limit}) untuk OPD sebesar ini",
                         "en": "{share}, below the funnel's 99.8% limit ({limit}) for an OPD of this size"},
    "detail_tier": {"id": "indeks {index} (rentang 95% {low}–{high}), rata-rata provinsi {average}",
                    "en": "index {index} (95% range {low}–{high}), province average {average}"},
    "detail_promosi_tidak_memenuhi_syarat": {"id": "{n} promosi dalam jendela bukti", "en": "{n} promotions in the "
                                             "evidence window"},
    "detail_promosi_melangkahi": {"id": "{n} promosi dalam jendela bukti", "en": "{n} promotions in the evidence window"},
    "detail_rotasi_tidak_memenuhi_syarat": {"id": "{n} rotasi/mutasi pada triwulan ini (gagal satu syarat atau datanya "
                                                  "tidak cukup)",
                                            "en": "{n} moves this quarter (a requirement failed, or too little data)"},
    "detail_perlu_alasan": {"id": "{n} pada triwulan ini", "en": "{n} this quarter"},
    "detail_melewati_5_tahun": {"id": "{n} pada akhir triwulan", "en": "{n} at the quarter's end"},
    "status_baru": {"id": "Baru pada {since}", "en": "New in {since}"},
    "status_berulang": {"id": "Berulang sejak {since} ({age} triwulan, terlihat {seen} kali)",
                        "en": "Recurring since {since} ({age} quarters, seen {seen} times)"},
    "status_tidak_terlihat": {"id": "Tidak terlihat lagi sejak {since} (terakhir terlihat {last})",
                              "en": "No longer seen since {since} (last seen {last})"},
    "said_response": {"id": "tanggapan OPD: {response}", "en": "OPD's response: {response}"},
    "said_action": {"id": "tindakan: {action}", "en": "action: {action}"},
    "said_follow": {"id": "tindak lanjut: {status}", "en": "follow-up: {status}"},
    "said_follow_deadline": {"id": "tindak lanjut: {status}, batas {date}", "en": "follow-up: {status}, deadline {date}"},
    "said_late": {"id": " (batas terlewati)", "en": " (deadline passed)"},
    # the four follow-up categories of BPK, and the OPD's response
    "follow_sesuai": {"id": "sesuai rekomendasi", "en": "in line with the recommendation"},
    "follow_proses": {"id": "belum sesuai / dalam proses", "en": "not yet in line / in progress"},
    "follow_belum": {"id": "belum ditindaklanjuti", "en": "not yet followed up"},
    "follow_tidak_dapat": {"id": "tidak dapat ditindaklanjuti dengan alasan sah",
                           "en": "cannot be followed up for a valid reason"},
    "follow_short_sesuai": {"id": "sesuai rekomendasi", "en": "done as recommended"},
    "follow_short_proses": {"id": "dalam proses", "en": "in progress"},
    "follow_short_belum": {"id": "belum ditindaklanjuti", "en": "not yet followed up"},
    "follow_short_tidak_dapat": {"id": "tidak dapat ditindaklanjuti (alasan sah)", "en": "cannot be followed up (valid reason)"},
    "response_setuju": {"id": "setuju", "en": "agrees"},
    "response_setuju_sebagian": {"id": "setuju sebagian", "en": "partly agrees"},
    "response_tidak_setuju": {"id": "tidak setuju", "en": "disagrees"},
    "yes": {"id": "ya", "en": "yes"}, "no": {"id": "tidak", "en": "no"},
    "seen_baru": {"id": "baru", "en": "new"}, "seen_berulang": {"id": "berulang", "en": "recurring"},
    "seen_tidak_terlihat": {"id": "tidak terlihat lagi", "en": "no longer seen"},
    # problems with a value (one message per cell or option)
    "problem_required": {"id": "kosong; pilih salah satu: {allowed}", "en": "empty; choose one of: {allowed}"},
    "problem_choice": {"id": "'{value}' tidak ada dalam daftar; pilih salah satu: {allowed}",
                       "en": "'{value}' is not in the list; choose one of: {allowed}"},
    "problem_date": {"id": "'{value}' bukan tanggal; tulis mis. 31/03/2026 atau 2026-03-31",
                     "en": "'{value}' is not a date; write e.g. 2026-03-31 or 31/03/2026"},
    "problem_past": {"id": "batas {value} sudah lewat (hari ini {today}); batas baru harus hari ini atau sesudahnya",
                     "en": "deadline {value} has passed (today is {today}); a new deadline must be today or later"},
    "problem_too_long": {"id": "teks {n} karakter, lebih dari batas {limit}", "en": "the text has {n} characters, over the "
                         "limit of {limit}"},
    "problem_nip": {"id": "teks memuat angka 18 digit seperti NIP; register tidak menyimpan NIP atau nama pegawai",
                    "en": "the text holds an 18-digit number like a NIP; the register keeps no NIP or staff name"},
    "problem_control": {"id": "teks memuat karakter kendali yang tidak terlihat; ketik ulang teksnya",
                        "en": "the text holds invisible control characters; type it again"},
    "problem_formula": {"id": "sel berisi rumus; tulis nilainya saja", "en": "the cell holds a formula; write the value only"},
    "problem_no_code": {"id": "kode temuan kosong; baris ini tidak dapat dicocokkan", "en": "the finding code is empty; "
                        "this row cannot be matched"},
    "problem_unknown": {"id": "temuan '{kode}' tidak ada di register", "en": "finding '{kode}' is not in the register"},
    "problem_twice": {"id": "temuan '{kode}' muncul lebih dari sekali di lembar ini",
                      "en": "finding '{kode}' appears more than once in this sheet"},
    # the register itself
    "missing": {"id": "register {path} tidak ada; jalankan `merit report` dulu (register dibuat di samping folder periode) "
                      "atau beri --register",
                "en": "register {path} does not exist; run `merit report` first (it makes the register beside the "
                      "period folders) or give --register"},
    "is_folder": {"id": "--register {path} adalah folder; beri nama berkas, mis. reports/register.sqlite",
                  "en": "--register {path} is a folder; name a file, e.g. reports/register.sqlite"},
    "unreadable": {"id": "register {path} tidak dapat dibuka: {why}", "en": "register {path} cannot be opened: {why}"},
    "not_ours": {"id": "{path} bukan register merit (berkas lain, atau rusak: {why}); tidak ada yang diubah",
                 "en": "{path} is not a merit register (another file, or damaged: {why}); nothing was changed"},
    "too_new": {"id": "register {path} memakai skema versi {version}, lebih baru dari program ini (versi {ours}); "
                      "perbarui merit_lib",
                "en": "register {path} uses schema version {version}, newer than this program's ({ours}); update "
                      "merit_lib"},
    "busy": {"id": "register {path} sedang dipakai ({holder}); tidak ada yang diubah — coba lagi setelah selesai",
             "en": "register {path} is in use ({holder}); nothing was changed — try again once it is done"},
    "waiting": {"id": "menunggu register (dipakai oleh {holder}) …", "en": "waiting for the register (in use by {holder}) …"},
    "unknown_code": {"id": "temuan '{kode}' tidak ada di register", "en": "finding '{kode}' is not in the register"},
    # the spreadsheet
    "sheet_findings": {"id": "Temuan", "en": "Findings"}, "sheet_evidence": {"id": "Bukti", "en": "Evidence"},
    "sheet_help": {"id": "Petunjuk", "en": "How to"},
    "xlsx_kode": {"id": "Kode", "en": "Code"}, "xlsx_scope": {"id": "OPD", "en": "OPD"},
    "xlsx_kind": {"id": "Jenis", "en": "Kind"}, "xlsx_what": {"id": "Temuan dan buktinya", "en": "Finding and evidence"},
    "xlsx_status": {"id": "Status", "en": "Status"}, "xlsx_first_seen": {"id": "Pertama", "en": "First seen"},
    "xlsx_last_seen": {"id": "Terakhir", "en": "Last seen"}, "xlsx_age_quarters": {"id": "Umur (triwulan)",
                                                                                  "en": "Age (quarters)"},
    "xlsx_response": {"id": "Tanggapan OPD", "en": "OPD's response"},
    "xlsx_action": {"id": "Tindakan yang disepakati", "en": "Action agreed"},
    "xlsx_deadline": {"id": "Batas waktu", "en": "Deadline"},
    "xlsx_follow_up": {"id": "Status tindak lanjut", "en": "Follow-up status"},
    "xlsx_reviewer": {"id": "Peninjau", "en": "Reviewer"},
    "xlsx_period": {"id": "Triwulan", "en": "Quarter"}, "xlsx_seen": {"id": "Terlihat", "en": "Seen"},
    "xlsx_help_head": {"id": "Petunjuk", "en": "How to"},
    "xlsx_help_1": {"id": "Isi hanya kolom putih di lembar {sheet}; kolom abu-abu (kode, OPD, temuan, status) dibaca dari "
                          "register dan tidak diubah.",
                    "en": "Fill in the white columns of sheet {sheet} only; the grey ones (code, OPD, finding, status) "
                          "come from the register and are not changed."},
    "xlsx_help_2": {"id": "Status tindak lanjut (kategori BPK), pilih dari daftar: {follow}.",
                    "en": "Follow-up status (BPK's categories), choose from the list: {follow}."},
    "xlsx_help_3": {"id": "Tanggapan OPD, pilih dari daftar: {response}. Tindakan: paling banyak {action} karakter; "
                          "peninjau: paling banyak {reviewer} karakter.",
                    "en": "OPD's response, choose from the list: {response}. Action: at most {action} characters; "
                          "reviewer: at most {reviewer} characters."},
    "xlsx_help_4": {"id": "Batas waktu: tanggal hari ini atau sesudahnya (batas lama yang tidak diubah boleh sudah lewat).",
                    "en": "Deadline: today or later (an old deadline left as it was may have passed)."},
    "xlsx_help_5": {"id": "Jangan menulis NIP atau nama pegawai; sel kosong menghapus isian lama.",
                    "en": "Write no NIP and no staff name; an empty cell clears what was there."},
    "xlsx_help_6": {"id": "Kembalikan dengan `merit temuan impor BERKAS.xlsx`: setiap sel diperiksa, dan bila ada satu "
                          "masalah pun, tidak ada yang disimpan.",
                    "en": "Bring it back with `merit temuan impor FILE.xlsx`: every cell is checked, and with any "
                          "problem nothing is stored."},
    "xlsx_list_error": {"id": "Pilih salah satu: {allowed}", "en": "Choose one of: {allowed}"},
    "xlsx_date_error": {"id": "Tulis tanggal hari ini atau sesudahnya", "en": "Write today's date or a later one"},
    "xlsx_length_error": {"id": "Paling banyak {limit} karakter", "en": "At most {limit} characters"},
    "xlsx_problem": {"id": "{file}: lembar {sheet}, sel {cell} (baris {row}, kolom {column}): {message}",
                     "en": "{file}: sheet {sheet}, cell {cell} (row {row}, column {column}): {message}"},
    "xlsx_missing": {"id": "berkas {file} tidak ada", "en": "file {file} does not exist"},
    "xlsx_not_xlsx": {"id": "{file} bukan buku kerja .xlsx; simpan lembar temuan sebagai Excel Workbook (.xlsx)",
                      "en": "{file} is not an .xlsx workbook; save the findings sheet as an Excel Workbook (.xlsx)"},
    "xlsx_unreadable": {"id": "{file} tidak dapat dibaca sebagai buku kerja Excel: {why}",
                        "en": "{file} cannot be read as an Excel workbook: {why}"},
    "xlsx_no_sheet": {"id": "{file}: tidak ada lembar {wanted} (ada: {sheets})", "en": "{file}: no sheet {wanted} "
                      "(found: {sheets})"},
    "xlsx_no_column": {"id": "{file}: lembar {sheet} tidak punya kolom '{column}' (yang paling mirip: {close})",
                       "en": "{file}: sheet {sheet} has no column '{column}' (closest: {close})"},
    "xlsx_too_many": {"id": "{file}: lebih dari {limit} baris temuan; ini bukan lembar hasil `merit temuan ekspor`",
                      "en": "{file}: more than {limit} finding rows; this is not a sheet `merit temuan ekspor` wrote"},
    # the command line
    "option_response": {"id": "tanggapan", "en": "tanggapan"}, "option_action": {"id": "tindakan", "en": "tindakan"},
    "option_deadline": {"id": "batas", "en": "batas"}, "option_follow_up": {"id": "tindak-lanjut", "en": "tindak-lanjut"},
    "option_reviewer": {"id": "peninjau", "en": "peninjau"},
    "cli_none": {"id": "Tidak ada temuan yang cocok di register {path} (sampai {period}).",
                 "en": "No matching finding in register {path} (up to {period})."},
    "cli_empty": {"id": "Register {path} belum mencatat periode apa pun.", "en": "Register {path} has recorded no period yet."},
    "cli_head": {"id": "{n} temuan (sampai {period}; register {path}):", "en": "{n} findings (up to {period}; register {path}):"},
    "cli_exported": {"id": "{n} temuan diekspor ke {file}; isi kolom putih lalu `merit temuan impor {file}`",
                     "en": "{n} findings exported to {file}; fill in the white columns, then `merit temuan impor {file}`"},
    "cli_problems": {"id": "{n} masalah; tidak ada yang disimpan di register.", "en": "{n} problems; nothing was stored in "
                     "the register."},
    "cli_imported": {"id": "{rows} baris dibaca: {findings} temuan diperbarui ({fields} isian berubah); riwayat mencatatnya.",
                     "en": "{rows} rows read: {findings} findings updated ({fields} values changed); the history records "
                           "it."},
    "cli_imported_none": {"id": "{rows} baris dibaca: tidak ada yang berubah.", "en": "{rows} rows read: nothing changed."},
    "cli_set": {"id": "Temuan {kode}: {fields} diperbarui.", "en": "Finding {kode}: {fields} updated."},
    "cli_unchanged": {"id": "Temuan {kode}: tidak ada yang berubah.", "en": "Finding {kode}: nothing changed."},
    "cli_nothing": {"id": "beri sedikitnya satu dari --tanggapan, --tindakan, --batas, --tindak-lanjut, --peninjau",
                    "en": "give at least one of --tanggapan, --tindakan, --batas, --tindak-lanjut, --peninjau"},
    "cli_history": {"id": "Riwayat register ({n} entri) ditulis ke {file} (berisi nama peninjau: untuk berkas audit, "
                          "jangan diterbitkan)",
                    "en": "Register history ({n} entries) written to {file} (it names reviewers: for the audit file, not "
                          "for publication)"},
    "cli_evidence": {"id": "Bukti per triwulan:", "en": "Evidence by quarter:"},
    "cli_changes": {"id": "Riwayat perubahan:", "en": "History of changes:"},
    "cli_recorded": {"id": "Register temuan {path}: {period} — {seen} temuan terlihat, {new} baru{again}",
                     "en": "Findings register {path}: {period} — {seen} findings seen, {new} new{again}"},
    "cli_again_same": {"id": " (sudah tercatat sama persis; tidak ada yang berubah)",
                       "en": " (already recorded exactly so; nothing changed)"},
    "cli_again_new": {"id": " (dicatat ulang)", "en": " (recorded anew)"},
}
SECTIONS["register"] = REGISTER

# the published register (tables/register.csv, the workbook's `register` sheet): headers and help of its columns
COLUMNS.update({
    "register.kode": {"id": "Kode temuan", "en": "Finding code"},
    "register.scope": {"id": "Cakupan", "en": "Scope"},
    "register.kind": {"id": "Jenis temuan", "en": "Kind of finding"},
    "register.rule": {"id": "Aturan / komponen", "en": "Rule / component"},
    "register.first_seen": {"id": "Pertama terlihat", "en": "First seen"},
    "register.last_seen": {"id": "Terakhir terlihat", "en": "Last seen"},
    "register.status": {"id": "Status pada triwulan ini", "en": "Status this quarter"},
    "register.since": {"id": "Sejak", "en": "Since"},
    "register.periods_seen": {"id": "Jumlah triwulan terlihat", "en": "Quarters seen"},
    "register.age_quarters": {"id": "Umur (triwulan)", "en": "Age (quarters)"},
    "register.verdict": {"id": "Putusan / posisi", "en": "Verdict / tier"},
    "register.direction": {"id": "Arah", "en": "Direction"},
    "register.share_komponen": {"id": "Nilai komponen", "en": "Component's share"},
    "register.share_batas": {"id": "Batas corong 99,8%", "en": "Funnel limit 99.8%"},
    "register.n_kasus": {"id": "Jumlah kasus", "en": "Cases"},
    "register.response": {"id": "Tanggapan OPD", "en": "OPD's response"},
    "register.action": {"id": "Tindakan yang disepakati", "en": "Action agreed"},
    "register.deadline": {"id": "Batas waktu", "en": "Deadline"},
    "register.follow_up": {"id": "Status tindak lanjut", "en": "Follow-up status"},
    "register.open": {"id": "Terbuka", "en": "Open"},
    "register.updated": {"id": "Diperbarui", "en": "Updated"},
})
COLUMN_HELP.update({
    "register.kode": {"id": "Kode tetap temuan (dari jenis, cakupan, atribut, kelompok dan aturannya): sama di setiap "
                            "triwulan dan di setiap register.",
                      "en": "The finding's fixed code (from its kind, scope, attribute, group and rule): the same in every "
                            "quarter and every register."},
    "register.scope": {"id": "Kode OPD temuan, atau PROVINSI.", "en": "The finding's OPD code, or PROVINSI."},
    "register.kind": {"id": "keadilan (putusan audit keadilan), komponen (komponen indeks di bawah batas corong), posisi "
                            "(indeks di bawah rata-rata provinsi), syarat (penunjukan yang melanggar aturan bernama), "
                            "rotasi (perpindahan JPT yang perlu alasan).",
                      "en": "keadilan (a fairness verdict), komponen (an index component below its funnel limit), posisi "
                            "(index below the province average), syarat (appointments failing a named rule), rotasi "
                            "(JPT moves needing grounds)."},
    "register.rule": {"id": "Aturan bernama atau komponen indeks yang dilanggar (kosong untuk temuan keadilan).",
                      "en": "The named rule or index component concerned (empty for a fairness finding)."},
    "register.first_seen": {"id": "Triwulan laporan pertama yang memuat temuan ini.",
                            "en": "The first quarterly report that showed this finding."},
    "register.last_seen": {"id": "Triwulan laporan terakhir yang memuat temuan ini.",
                           "en": "The last quarterly report that showed this finding."},
    "register.status": {"id": "baru (pertama kali pada triwulan ini), berulang (terlihat lagi), tidak_terlihat (tidak "
                              "terlihat lagi pada laporan sesudah terakhir terlihat).",
                        "en": "baru (new this quarter), berulang (seen again), tidak_terlihat (not seen in the reports "
                              "after it was last seen)."},
    "register.since": {"id": "Berulang: triwulan pertama terlihat; tidak terlihat: triwulan pertama tanpa temuan ini.",
                       "en": "Recurring: the quarter first seen; no longer seen: the first quarter without it."},
    "register.periods_seen": {"id": "Berapa laporan triwulan yang dicatat register memuat temuan ini.",
                              "en": "How many recorded quarterly reports showed this finding."},
    "register.age_quarters": {"id": "Triwulan sejak pertama terlihat sampai triwulan laporan ini, keduanya dihitung.",
                              "en": "Quarters from first seen to this report's quarter, both counted."},
    "register.verdict": {"id": "Putusan audit keadilan terakhir (temuan keadilan) atau posisi OPD (temuan posisi).",
                         "en": "The latest fairness verdict (fairness findings) or the OPD's tier (tier findings)."},
    "register.share_komponen": {"id": "Nilai komponen indeks OPD seperti diterbitkan (temuan komponen).",
                                "en": "The OPD's index component as published (component findings)."},
    "register.share_batas": {"id": "Batas bawah 99,8% corong untuk OPD sebesar ini: di bawahnya, selisih dari provinsi sulit "
                                   "dijelaskan oleh kebetulan.",
                             "en": "The funnel's 99.8% lower limit for an OPD of this size: below it, the gap from the "
                                   "province is hard to put down to chance."},
    "register.n_kasus": {"id": "Penunjukan atau perpindahan yang melanggar aturan itu, seperti diterbitkan.",
                         "en": "Appointments or moves failing the rule, as published."},
    "register.response": {"id": "Tanggapan OPD atas temuan: setuju, setuju sebagian, tidak setuju.",
                          "en": "The OPD's response to the finding: agrees, partly agrees, disagrees."},
    "register.action": {"id": "Tindakan yang disepakati dengan OPD (dicatat auditor).",
                        "en": "The action agreed with the OPD (recorded by the auditors)."},
    "register.deadline": {"id": "Batas waktu tindakan.", "en": "The action's deadline."},
    "register.follow_up": {"id": "Kategori tindak lanjut BPK: sesuai (sesuai rekomendasi), proses (belum sesuai / dalam "
                                 "proses), belum (belum ditindaklanjuti), tidak_dapat (tidak dapat ditindaklanjuti dengan "
                                 "alasan sah).",
                           "en": "BPK's follow-up category: in line with the recommendation, not yet in line / in "
                                 "progress, not yet followed up, or cannot be followed up for a valid reason (register.csv "
                                 "keeps BPK's Indonesian codes)."},
    "register.open": {"id": "Terbuka sampai ditutup sesuai rekomendasi atau karena alasan sah.",
                      "en": "Open until closed as recommended or for a valid reason."},
    "register.updated": {"id": "Tanggal terakhir auditor mengubah isian temuan ini.",
                         "en": "The last date an auditor changed this finding's entries."},
})
SHEET_HELP.update({
    "register": {"id": "Register temuan auditor sampai triwulan ini: setiap temuan yang dipantau (keadilan, komponen, "
                       "posisi, syarat, rotasi), status dan umurnya, bukti terakhirnya seperti diterbitkan, serta "
                       "tanggapan dan tindak lanjutnya. Nama peninjau dan riwayat perubahan tetap di register.",
                 "en": "The auditor's register up to this quarter: every finding followed (fairness, component, tier, "
                       "rule, move), its status and age, its latest evidence as published, and its response and "
                       "follow-up. Reviewers' names and the history of changes stay in the register."},
})
