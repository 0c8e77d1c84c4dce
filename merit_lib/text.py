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
    "suppressed": {"id": "< 5", "en": "< 5"},
}


def label(key: str, lang: str = "id") -> str:
    """A short UI label in the given language."""
    return LABELS.get(key, {}).get(lang, key)
