"""Stable machine codes: the values the analysis writes into tables and the catalogue (`domain.text`) turns into words.

A code never changes with the report's language; a reader never sees one (the catalogue maps code → words in id/en).
"""

from __future__ import annotations

#: the province-wide scope of the audit and the tables
PROVINCE = "PROVINSI"

# --------------------------------------------------------------------------- fairness verdicts (DESIGN §6, docs/verdicts.md)

DISPARITY = "disparity"
MINOR = "minor gap"
EXPLAINED = "explained gap"
INCONCLUSIVE = "inconclusive"
NO_DISPARITY = "no disparity"
INSUFFICIENT = "insufficient data"
#: every verdict, in the order a reader wants them
FLAGS: tuple[str, ...] = (DISPARITY, MINOR, EXPLAINED, INCONCLUSIVE, NO_DISPARITY, INSUFFICIENT)

#: the side of 1 of a finding's estimate
LOWER, HIGHER = "lower", "higher"
DIRECTIONS: tuple[str, ...] = (LOWER, HIGHER)
#: what took an explained gap away, by block (joined with "+", the largest share first): the merit measures, the OPD
#: composition, eligibility, the quarter (baseline hazard); a declared control is named by its own column
BY_MERIT, BY_OPD, BY_ELIGIBILITY, BY_QUARTER = "merit", "opd", "eligibility", "quarter"
BY_BOTH = "opd+merit"
EXPLAINED_BY: tuple[str, ...] = (BY_MERIT, BY_OPD, BY_BOTH)
#: the blocks of the decomposition that are not a declared control
BLOCKS: tuple[str, ...] = (BY_MERIT, BY_OPD, BY_ELIGIBILITY, BY_QUARTER)
#: which estimate a verdict rests on
BASIS_MERIT, BASIS_OPD, BASIS_RAW = "merit", "opd", "raw"
BASES: tuple[str, ...] = (BASIS_MERIT, BASIS_OPD, BASIS_RAW)

# --------------------------------------------------------------------------- compliance index categories

VERY_GOOD, GOOD, POOR, BAD = "Sangat Baik", "Baik", "Kurang", "Buruk"
NOT_JUDGED = "tidak dapat dinilai"
#: the categories of the compliance index (codes are the Indonesian names the tables have always carried)
CATEGORIES: tuple[str, ...] = (VERY_GOOD, GOOD, POOR, BAD, NOT_JUDGED)
#: tiers: where an OPD's index range lies against the province average (analysis.tiers); no ranks
TIER_ABOVE, TIER_EXPECTED, TIER_BELOW, TIER_NOT_RATED = "di_atas", "sesuai", "di_bawah", "tidak_dinilai"

# --------------------------------------------------------------------------- the outcome ledger (analysis.ledger)

COUNTED = "dihitung"
DUPLICATE = "duplikat"                          # the same event twice (same person, date, target)
SECOND = "promosi_kedua"                        # a later promotion of a person already counted in the period
NOT_IN_FRAME = "pegawai_tidak_ada"              # its person is not among the accepted pegawai rows
APPOINTED = "diangkat_dalam_periode"            # not in service at the start of the period
LEVEL_UNKNOWN = "tingkat_awal_tidak_diketahui"  # level before unknown and not inferable
NOT_COVERED = "tingkat_tujuan_tidak_dicakup"    # from JPT Pratama (or a level without a higher one covered)
OPD_UNKNOWN = "opd_tidak_diketahui"
NOT_STRUCTURAL = "bukan_jabatan_struktural"      # a move into a Pelaksana or Fungsional post: no post requirement
TARGET_UNKNOWN = "jabatan_tujuan_tidak_diketahui"  # a move whose target post's level is unknown
AT_RISK = "dapat_dipromosikan"                  # in the frame and in the at-risk population
NO_HIGHER = "tidak_ada_jenjang_berikut"         # at a level with no higher one covered (JPT Pratama)
RECENTLY_PROMOTED = "baru_dipromosikan"          # promoted into the level less than a year before the quarter
NOT_ACTIVE = "tidak_aktif"                        # kedudukan hukum not active (CLTN, tugas belajar, MPP, pensiun, …)
REJECTED = "ditolak_validasi"                   # rejected at validation
JENJANG_RISE = "kenaikan_jenjang_jf"            # a JF jenjang rise: neither a promotion nor a rotation
LEDGER_REASONS: tuple[str, ...] = (COUNTED, DUPLICATE, SECOND, NOT_IN_FRAME, APPOINTED, LEVEL_UNKNOWN, NOT_COVERED,
                                   OPD_UNKNOWN, AT_RISK, NO_HIGHER, RECENTLY_PROMOTED, NOT_ACTIVE, REJECTED,
                                   JENJANG_RISE)

# --------------------------------------------------------------------------- the auditor's register (merit_lib.data.register)

#: kinds of finding the register follows: a fairness verdict worth following, an index component below its funnel
#: limit, an OPD whose index lies below the province's, appointments that failed a named rule, moves needing a reason
KIND_FAIRNESS, KIND_COMPONENT, KIND_TIER, KIND_RULE, KIND_MOVE = "keadilan", "komponen", "posisi", "syarat", "rotasi"
FINDING_KINDS: tuple[str, ...] = (KIND_FAIRNESS, KIND_COMPONENT, KIND_TIER, KIND_RULE, KIND_MOVE)
#: the named rules of KIND_RULE and KIND_MOVE findings (counts of compliance.csv)
RULE_NOT_ELIGIBLE = "promosi_tidak_memenuhi_syarat"     # promotions of persons not meeting every requirement
RULE_BYPASS = "promosi_melangkahi"                      # promotions passing over a more ready eligible candidate
RULE_MOVE_NOT_ELIGIBLE = "rotasi_tidak_memenuhi_syarat"  # moves into a structural post not meeting its requirements
RULE_NEEDS_GROUNDS = "perlu_alasan"                     # a JPT Pratama moved within 2 years of appointment
RULE_OVER_5_YEARS = "melewati_5_tahun"                  # a JPT Pratama in one post beyond 5 years
RULE_TIER = "di_bawah_provinsi"                         # KIND_TIER's one rule
#: where a finding stands in a period: first seen in it, seen again (recurring since its first period), or not seen in
#: it after having been seen before
SEEN_NEW, SEEN_RECURRING, SEEN_GONE = "baru", "berulang", "tidak_terlihat"
SEEN_STATUSES: tuple[str, ...] = (SEEN_NEW, SEEN_RECURRING, SEEN_GONE)
#: follow-up status, BPK's four categories of the monitoring of follow-up on recommendations (TLRHP)
FOLLOW_DONE = "sesuai"                  # sesuai rekomendasi
FOLLOW_IN_PROGRESS = "proses"           # belum sesuai / dalam proses
FOLLOW_NOT_YET = "belum"                # belum ditindaklanjuti (every new finding)
FOLLOW_CANNOT = "tidak_dapat"           # tidak dapat ditindaklanjuti dengan alasan sah
FOLLOW_UPS: tuple[str, ...] = (FOLLOW_DONE, FOLLOW_IN_PROGRESS, FOLLOW_NOT_YET, FOLLOW_CANNOT)
#: a finding is closed once followed up as recommended or found impossible to follow up for a valid reason
FOLLOW_CLOSED: tuple[str, ...] = (FOLLOW_DONE, FOLLOW_CANNOT)
#: the OPD's response to a finding
RESPONSE_AGREE, RESPONSE_PARTLY, RESPONSE_DISAGREE = "setuju", "setuju_sebagian", "tidak_setuju"
RESPONSES: tuple[str, ...] = (RESPONSE_AGREE, RESPONSE_PARTLY, RESPONSE_DISAGREE)
