"""The perangkat daerah (OPD) of Pemprov Banten used by the synthetic extract (DESIGN §7).

Names are as commonly written; codes are our own stable short codes. `weight` is the generator's
assumed share of profiled ASN (not a fact about Banten): the Dinas Pendidikan dan Kebudayaan, with
the SMA/SMK/SKh teachers, is by far the largest, the hospitals next, the biro small. No OPD is below
weight 0.9 (about 40 ASN in a Banten-sized extract): profiling reached every OPD.
`fungsional` is the assumed share of functional positions (teachers, doctors, nurses, auditors).
"""

from __future__ import annotations

import pandas as pd

# kode, nama, weight, fungsional share, share of women
_OPD = [
    ("BPEM", "Biro Pemerintahan", 0.9, 0.10, 0.40),
    ("BHKM", "Biro Hukum", 0.9, 0.15, 0.45),
    ("BKESRA", "Biro Kesejahteraan Rakyat", 0.9, 0.10, 0.45),
    ("BPAP", "Biro Perekonomian dan Administrasi Pembangunan", 0.9, 0.10, 0.45),
    ("BPBJ", "Biro Pengadaan Barang dan Jasa", 0.9, 0.30, 0.40),
    ("BORG", "Biro Organisasi", 0.9, 0.20, 0.50),
    ("BUMUM", "Biro Umum", 1.0, 0.05, 0.35),
    ("BADPIM", "Biro Administrasi Pimpinan", 0.9, 0.10, 0.45),
    ("SETWAN", "Sekretariat DPRD", 1.4, 0.10, 0.40),
    ("INSP", "Inspektorat", 1.6, 0.60, 0.45),
    ("BAPPEDA", "Bappeda", 1.5, 0.25, 0.45),
    ("BAPENDA", "Badan Pendapatan Daerah", 4.0, 0.05, 0.40),
    ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", 1.8, 0.10, 0.50),
    ("BKD", "Badan Kepegawaian Daerah", 1.3, 0.20, 0.50),
    ("BPSDM", "Badan Pengembangan Sumber Daya Manusia", 1.0, 0.35, 0.45),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", 0.9, 0.10, 0.25),
    ("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", 0.9, 0.05, 0.35),
    ("BPHUB", "Badan Penghubung", 0.9, 0.05, 0.45),
    ("DINDIKBUD", "Dinas Pendidikan dan Kebudayaan", 18.0, 0.82, 0.55),
    ("DINKES", "Dinas Kesehatan", 4.0, 0.55, 0.60),
    ("RSUDBTN", "RSUD Banten", 6.0, 0.70, 0.65),
    ("RSUDMLP", "RSUD Malingping", 3.5, 0.70, 0.62),
    ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", 3.0, 0.20, 0.25),
    ("DPRKP", "Dinas Perumahan Rakyat dan Kawasan Permukiman", 1.0, 0.15, 0.30),
    ("SATPOLPP", "Satuan Polisi Pamong Praja", 2.0, 0.50, 0.15),
    ("DINSOS", "Dinas Sosial", 1.3, 0.25, 0.50),
    ("DISNAKERTRANS", "Dinas Tenaga Kerja dan Transmigrasi", 1.4, 0.30, 0.40),
    ("DP3AKKB", "DP3AKKB", 0.9, 0.25, 0.65),
    ("DKP", "Dinas Ketahanan Pangan", 0.9, 0.20, 0.45),
    ("DLHK", "Dinas Lingkungan Hidup dan Kehutanan", 1.8, 0.35, 0.30),
    ("DPMD", "Dinas Pemberdayaan Masyarakat dan Desa", 0.9, 0.10, 0.40),
    ("DISHUB", "Dinas Perhubungan", 1.8, 0.30, 0.20),
    ("DISKOMINFO", "Dinas Komunikasi, Informatika, Statistik dan Persandian", 1.0, 0.30, 0.40),
    ("DISKOPUKM", "Dinas Koperasi dan UKM", 0.9, 0.15, 0.45),
    ("DPMPTSP", "DPMPTSP", 0.9, 0.15, 0.50),
    ("DISPORA", "Dinas Kepemudaan dan Olahraga", 0.9, 0.10, 0.35),
    ("DISPUSIP", "Dinas Perpustakaan dan Kearsipan", 0.9, 0.40, 0.55),
    ("DKP_IKAN", "Dinas Kelautan dan Perikanan", 1.0, 0.30, 0.35),
    ("DISTAN", "Dinas Pertanian", 1.6, 0.40, 0.40),
    ("DISPAR", "Dinas Pariwisata", 0.9, 0.10, 0.50),
    ("DESDM", "Dinas Energi dan Sumber Daya Mineral", 0.9, 0.20, 0.30),
    ("DISPERINDAG", "Dinas Perindustrian dan Perdagangan", 1.0, 0.25, 0.45),
]

#: biro heads and hospital directors sit at eselon II.b, other heads at II.a (generator assumption)
_HEAD_II_B = {"BPEM", "BHKM", "BKESRA", "BPAP", "BPBJ", "BORG", "BUMUM", "BADPIM", "RSUDMLP", "BPHUB"}


def opd_table() -> pd.DataFrame:
    """The OPD list with code, name, size weight, functional share, share of women, head eselon."""
    df = pd.DataFrame(_OPD, columns=["opd_kode", "opd_nama", "weight", "fungsional", "share_p"])
    df["eselon_kepala"] = df["opd_kode"].map(lambda k: "II.b" if k in _HEAD_II_B else "II.a")
    df["weight"] = df["weight"] / df["weight"].sum()
    return df
