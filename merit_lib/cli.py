"""The `merit` command: validate, synth, siasn, report, model, audit, pelantikan, kandidat, temuan.

Errors a user can cause (`merit_lib.domain.errors.MeritError`, the loader's `LoadError`, and a full disk or a
missing permission) print one clear line in the command's language and exit 2; they never show a traceback.
Anything else is a bug: a short message, the traceback saved to a file in the temp folder, exit 3.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from merit_lib.domain.errors import InputError, MeritError, ParameterError, is_output_oserror, output_error
from merit_lib.domain.period import DEFAULT_WINDOW

#: the synthetic extract's default history, quarters (merit_lib.synth.generator.HISTORY_QUARTERS; not imported here, so
#: that `merit --help` stays quick)
HISTORY_QUARTERS = 11

#: the longest evidence window `--window` takes (the trend shows up to 8 quarters, each on its own window)
MAX_WINDOW = 12

if TYPE_CHECKING:
    from merit_lib.data.siasn import SiasnResult

EXIT_OK, EXIT_REJECTED, EXIT_UNUSABLE, EXIT_BUG = 0, 1, 2, 3
#: what `audit` and `model` put into their --out (and `--flat` adds), for the output policy's checks (report.targets)
AUDIT_FILES = ("findings.csv", "merit_gaps.csv", "audit_meta.json")
MODEL_FILES = ("model_coefficients.csv", "model_marginal_effects.csv", "model_calibration.csv", "model_missing.csv",
               "model_summary.txt")
PERSON_FILE, MISSING_FILE = "readiness.csv", "missing_report.csv"


class UserError(ParameterError):
    """A problem with the command's arguments that the user can fix (kept for callers of the old name)."""


@contextlib.contextmanager
def parameter_check(option: str) -> Iterator[None]:
    """Around a call whose ValueError is the check of a user's option: that ValueError becomes a ParameterError."""
    try:
        yield
    except ValueError as exc:
        raise ParameterError(f"{option}: {exc}") from exc


def _period(text: str):
    from merit_lib.domain.period import Period

    try:
        return Period.parse(text)
    except ValueError as exc:
        raise ParameterError(f"--period: {exc}",
                             en=f"--period: '{text}' is not a valid period: write year and quarter, e.g. 2026Q1") from exc


def _data_folder(path: str) -> None:
    if not Path(path).exists():
        raise InputError(f"folder data '{path}' tidak ada (data folder not found)", en=f"data folder '{path}' not found")


def _read_siasn(path: str | None, lang: str) -> SiasnResult | None:
    """The conversion of `path` when it is a SIASN folder as it comes (its one line printed), else None."""
    from merit_lib.data.siasn import convert, is_siasn_folder, read_line

    if not path or not is_siasn_folder(path):
        return None
    result = convert(path, lang=lang)
    print(read_line(result.persons().as_dict(), lang))
    result.require_tables()
    return result


@contextlib.contextmanager
def contract_data(path: str | None, lang: str) -> Iterator[tuple[str | None, SiasnResult | None]]:
    """`--data` as a contract extract: (path, None) as given, or for a SIASN folder (its conversion written to a
    temporary folder that is removed afterwards, the conversion)."""
    result = _read_siasn(path, lang)
    if result is None:
        yield path, None
        return
    with tempfile.TemporaryDirectory(prefix="merit-siasn-") as tmp:
        yield str(result.write(Path(tmp) / "siasn")), result


def cmd_validate(args: argparse.Namespace) -> int:
    """Load and validate an extract; print a summary; write rejected rows as CSV (restricted: row-level)."""
    from merit_lib.data.extract import load_extract

    if args.out:
        from merit_lib.report.targets import Target, claim

        claim([Target(args.out, file=True)], [args.path])
    with contract_data(args.path, args.lang) as (path, siasn):
        if siasn is not None:
            print("\n".join(siasn.summary(args.lang)) + "\n")
        extract = load_extract(path, lang=args.lang)
    from merit_lib.domain import text
    from merit_lib.domain.language import number

    report = extract.report
    rendered = report.render(args.lang)
    left_out = siasn.problem_rows() if siasn is not None else 0
    if report.ok and left_out:       # the words say what the exit status says: rows were left out, status 1
        rendered = rendered.replace(text.label("clean", args.lang), text.t("siasn.validate_left_out", args.lang,
                                                                           n=number(left_out, args.lang)))
    print(rendered)
    if args.out:
        from merit_lib.data.sink import write_csv

        path = write_csv(report.issues, args.out, private=True)
        print(f"\n{'Laporan baris yang ditolak ditulis ke' if args.lang == 'id' else 'Rejected rows written to'}: {path}")
    # a SIASN folder whose conversion left rows out for a data problem is rejected too (as by `merit siasn`)
    return EXIT_OK if report.ok and not left_out else EXIT_REJECTED


def cmd_synth(args: argparse.Namespace) -> int:
    """Generate the synthetic Banten extract into a folder (the contract's tables, or as SIASN delivers it)."""
    from merit_lib.synth import Disparity, MeritGap, MissingAssessment, synthesize, to_siasn
    from merit_lib.synth.generator import DEMO_DISPARITIES, DEMO_IGNORE_MERIT

    with parameter_check("--disparity/--merit-gap/--missing-assessment"):
        disparities = [Disparity.parse(d) for d in args.disparity or []]
        gaps = [MeritGap.parse(g) for g in args.merit_gap or []]
        unassessed = [MissingAssessment.parse(m) for m in args.missing_assessment or []]
    if args.n < 50:
        raise UserError("--n harus paling sedikit 50", en="--n must be at least 50 (ASN)")
    if not 1 <= args.quarters <= 40:
        raise ParameterError("--quarters: 1 sampai 40 triwulan", en="--quarters: 1 to 40 quarters")
    period = str(_period(args.period))
    # the generator's ValueErrors are its checks of the planted effects (an attribute it does not make)
    with parameter_check("--disparity/--merit-gap/--missing-assessment") if disparities or gaps or unassessed \
            else contextlib.nullcontext():
        demo = args.planted == "demo"
        s = synthesize(n=args.n, seed=args.seed, period=period,
                       disparities=[*(DEMO_DISPARITIES if demo else ()), *disparities], merit_gaps=gaps,
                       ignore_merit=[*(DEMO_IGNORE_MERIT if demo else ()), *(args.ignore_merit or [])],
                       bad_rows=args.bad_rows, quarters=args.quarters, missing_assessments=unassessed)
    out = to_siasn(s.tables, args.out, seed=args.seed) if args.format == "siasn" else s.write(args.out, args.format)
    counts = ", ".join(f"{k} {len(v)}" for k, v in s.tables.items())
    per_quarter = ", ".join(f"{q} {n}" for q, n in s.truth.promoted_by_quarter.items())
    print(f"Ekstrak sintetis ditulis ke {out} ({counts}); promosi per triwulan: {per_quarter}")
    planted = [d.describe() for d in s.truth.disparities]
    planted += [f"{o} (abaikan merit)" for o in s.truth.ignore_merit]
    planted += [f"{g.opd}:{g.attribute}:{g.group}:{g.shift:g} SD (merit lebih rendah)" for g in s.truth.merit_gaps]
    planted += [f"{m.opd}:{m.attribute}:{m.group}:{m.share:g} (tanpa asesmen)" for m in s.truth.missing_assessments]
    if planted:
        print("Efek yang ditanam (lihat data/README.md): " + "; ".join(planted))
    if args.bad_rows:
        from merit_lib.data.sink import write_csv

        write_csv(s.truth.bad_rows, Path(out) / "_bad_rows_truth.csv")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    """Render every report of a period (province, fairness audit, one per OPD) into one folder."""
    from merit_lib.report.pipeline import (
        INTERNAL_LOG,
        INTERNAL_SIASN,
        INTERNAL_VALIDATION,
        NOTEBOOKS,
        check_workers,
        compute_opd_codes,
        run_report,
    )

    en = args.lang == "en"
    _period(args.period)
    _window(args.window)
    check_workers(args.workers)
    _data_folder(args.data)
    if args.pdf:                                   # before the long run: no browser, one line with the install step
        from merit_lib.report.pdf import require_browser

        require_browser()
    if not (NOTEBOOKS / "10_opd_report.ipynb").is_file():
        raise InputError(f"notebook laporan tidak ditemukan di {NOTEBOOKS}: `merit report` perlu checkout repositori "
                         "(pip install -e .)",
                         en=f"report notebooks not found in {NOTEBOOKS}: install from the repository checkout (pip install -e .)")
    siasn = _read_siasn(args.data, args.lang)      # a SIASN folder: converted once, into <out>.internal/siasn
    if args.opd:
        codes = set(siasn.tables["pegawai"]["opd_kode"].dropna()) if siasn is not None else compute_opd_codes(args.data)
        unknown = sorted(set(args.opd) - codes)
        if unknown:
            raise ParameterError(f"--opd: OPD tidak dikenal: {', '.join(unknown)}", en=f"--opd: unknown OPD codes: {', '.join(unknown)}")
    result = run_report(args.data, args.period, args.out, opds=args.opd, workers=args.workers, lang=args.lang,
                        internal=args.internal, siasn=siasn, pdf=args.pdf, window=_window(args.window),
                        register=args.register or True)
    print(("Reports written to" if en else "Laporan ditulis ke") + f": {result.out} ({len(result.jobs)} notebook)")
    if result.recorded is not None:
        from merit_lib.domain.text import t

        r = result.recorded
        again = "" if not r.again else t("register.cli_again_new" if r.changed else "register.cli_again_same", args.lang)
        print(t("register.cli_recorded", args.lang, path=result.register, period=r.period, seen=r.seen, new=len(r.new),
                again=again))
    if result.internal is not None:
        print(("Row-level validation listing (data steward only, not for publication)" if en else
               "Daftar validasi per baris (hanya untuk pengelola data, jangan diterbitkan)")
              + f": {result.internal / INTERNAL_VALIDATION}")
        if siasn is not None:
            print(("SIASN tables, mapping report and row ledger (data steward only)" if en else
                   "Tabel, laporan pemetaan dan buku baris SIASN (hanya untuk pengelola data)")
                  + f": {result.internal / INTERNAL_SIASN}")
    for f in result.failures:
        print(("FAILED" if en else "GAGAL") + f": {f.name} — {f.error}", file=sys.stderr)
    warned = [w for w in result.warned if w.status == "ok"]
    if warned and result.internal is not None:      # taken out of the pages; the log in the steward's folder has them
        print((f"{len(warned)} page(s) raised a warning, kept off the page: see " if en else
               f"{len(warned)} halaman memunculkan peringatan (tidak tampil di halaman): lihat ")
              + str(result.internal / INTERNAL_LOG), file=sys.stderr)
    if result.kept_aside:
        print(("The existing folder was kept; this run is at " if en else
               "Folder lama dipertahankan; hasil run ini ada di ") + str(result.kept_aside), file=sys.stderr)
    for w in result.warnings:
        print(w, file=sys.stderr)
    return EXIT_OK if result.ok else EXIT_REJECTED


def cmd_siasn(args: argparse.Namespace) -> int:
    """Convert a SIASN folder (export, ref-unor.json, per-NIP JSON) into the four tables of the data contract."""
    from merit_lib.data.siasn import LEDGER_FILE, MAPPING_FILE, convert, is_siasn_folder
    from merit_lib.domain.contract import TABLES
    from merit_lib.report.targets import Target, claim

    src = Path(args.src).resolve()
    _data_folder(args.src)
    if not is_siasn_folder(src):
        raise InputError(f"{args.src}: bukan folder SIASN (tidak ada berkas ekspor, ref-unor.json, data-utama/ atau rw-jabatan/)",
                         en=f"{args.src}: not a SIASN folder (no export file, ref-unor.json, data-utama/ or rw-jabatan/)")
    [out] = claim([Target(args.out, entries=(*(f"{name}.csv" for name in TABLES), MAPPING_FILE, LEDGER_FILE))], [src])
    from merit_lib.domain import text
    from merit_lib.domain.language import number

    result = convert(src, lang=args.lang)
    result.write(out)
    print("\n".join(result.summary(args.lang)))
    left_out = result.problem_rows()
    print(text.t("siasn.siasn_left_out", args.lang, n=number(left_out, args.lang)) if left_out
          else text.t("siasn.siasn_clean", args.lang))
    print(("Tables written to" if args.lang == "en" else "Tabel ditulis ke") + f": {out}")
    return EXIT_OK if not left_out else EXIT_REJECTED


def cmd_audit(args: argparse.Namespace) -> int:
    """Fairness audit of one period: findings.csv and audit_meta.json in --out, a summary on screen."""
    from merit_lib.analysis.fairness import audit_extract
    from merit_lib.data.extract import load_extract

    reference = {}
    for pair in args.reference or []:
        attribute, sep, group = pair.partition("=")
        if not sep or not attribute or not group:
            raise UserError(f"--reference '{pair}': tulis atribut=kelompok, mis. jenis_kelamin=L",
                            en=f"--reference '{pair}': write attribute=group, e.g. jenis_kelamin=L")
        reference[attribute.strip()] = group.strip()
    from merit_lib.report.targets import Target, claim

    flat = bool(args.flat or args.roles)
    claim([Target(args.out, entries=AUDIT_FILES + (MISSING_FILE,) * flat)], [args.data, args.flat, args.roles])
    if flat:   # a flat table mapped by a roles file (merit_lib.data.flat)
        return run_flat("audit", args.flat, args.roles, args.out, args.lang, reference=reference)
    if not args.data or not args.period:
        raise UserError("--data dan --period wajib diisi (or --flat FILE --roles ROLES.yaml)",
                        en="--data and --period are required (or --flat FILE --roles ROLES.yaml)")
    period = _period(args.period)
    _data_folder(args.data)
    extra = [a.strip() for a in (args.attributes or "").split(",") if a.strip()]
    with contract_data(args.data, args.lang) as (data, _siasn):
        extract = load_extract(data, lang=args.lang)
    # the audit's ValueErrors about columns and reference groups are its checks of --attributes/--reference
    with parameter_check("--attributes/--reference") if extra or reference else contextlib.nullcontext():
        result = audit_extract(extract, str(period), attributes=extra, reference=reference, window=_window(args.window))
    from merit_lib.data.sink import make_folder

    out = result.to_dir(make_folder(args.out))
    print(result.summary(args.lang))
    _print_caveats(result, args.lang)
    print(f"\n{'Findings written to' if args.lang == 'en' else 'Temuan ditulis ke'}: {out / 'findings.csv'}")
    return EXIT_OK


def cmd_model(args: argparse.Namespace) -> int:
    """Readiness models of one period: aggregate tables (model_coefficients.csv …); readiness.csv only with --person-level."""
    from merit_lib.report.targets import Target, claim

    flat = bool(args.flat or args.roles)
    claim([Target(args.out, entries=MODEL_FILES + (PERSON_FILE,) * args.person_level + (MISSING_FILE,) * flat)],
          [args.data, args.flat, args.roles])
    if flat:   # a flat table mapped by a roles file (merit_lib.data.flat)
        if args.person_level:
            raise UserError("--person-level hanya untuk ekstrak ASN --data/--period (only with an ASN extract)")

        return run_flat("model", args.flat, args.roles, args.out, args.lang)
    if not args.data or not args.period:
        raise UserError("--data dan --period wajib diisi (or --flat FILE --roles ROLES.yaml)",
                        en="--data and --period are required (or --flat FILE --roles ROLES.yaml)")
    from merit_lib.analysis.features import analysis_frame
    from merit_lib.analysis.model import fit_readiness, readiness_list
    from merit_lib.data.extract import load_extract
    from merit_lib.data.sink import make_folder, write_csv

    en = args.lang == "en"
    period = _period(args.period)
    _data_folder(args.data)
    controls = [c.strip() for c in args.controls.split(",") if c.strip()] if args.controls is not None else None
    with contract_data(args.data, args.lang) as (data, _siasn):
        extract = load_extract(data, lang=args.lang)
    frame = analysis_frame(extract, period, window=_window(args.window))
    absent = [c for c in controls or [] if c not in frame.columns]
    if absent:
        raise ParameterError(f"--controls: kolom tidak ada di data: {', '.join(absent)}",
                             en=f"--controls: columns not in the data: {', '.join(absent)}")
    models = fit_readiness(frame, controls=controls, lang=args.lang)
    paths = models.to_csv(make_folder(args.out))
    print(models.summary())
    rejected = len(extract.report.issues[["table", "row"]].drop_duplicates())
    if rejected:
        print(f"\n{rejected} " + ("data rows were rejected by validation and are not modelled (see merit validate)." if en
                                  else "baris data ditolak saat validasi dan tidak dimodelkan (lihat merit validate)."))
    print(f"\n{'Aggregate tables written to' if en else 'Tabel agregat ditulis ke'} {Path(args.out)}: "
          + ", ".join(p.name for p in paths.values()))
    if args.person_level:
        path = Path(args.out) / PERSON_FILE
        write_csv(readiness_list(frame, models), path, private=True)
        print(f"\n{'PERSONAL DATA' if en else 'DATA PRIBADI'}: {path.resolve()}\n"
              + ("  one row per person at risk (NIP, name, OPD, box, readiness, failed checks, probability). For BKD's "
                 "talent-pool work only: do not share it and never put it in an aggregate report." if en else
                 "  satu baris per pegawai berisiko (NIP, nama, OPD, kotak, kesiapan, syarat gagal, probabilitas). Hanya "
                 "untuk kerja talent pool BKD: jangan dibagikan dan jangan dimasukkan ke laporan agregat."))
    return EXIT_OK


def cmd_pelantikan(args: argparse.Namespace) -> int:
    """Review one pelantikan: every appointment effective on --date; aggregate CSVs in --out, the per-appointment form
    (restricted) in <out>.internal/."""
    from merit_lib.analysis.pelantikan import parse_date, review_extract
    from merit_lib.data.extract import load_extract
    from merit_lib.domain.text import t
    from merit_lib.report.appointments_out import internal_folder, pelantikan_files, write_pelantikan
    from merit_lib.report.targets import Target, claim

    date = parse_date(args.date)
    published, internal = pelantikan_files(date)
    claim([Target(args.out, entries=published), Target(internal_folder(args.out), entries=(internal,))], [args.data])
    _data_folder(args.data)
    p = review_extract(load_extract(args.data, lang=args.lang), date)
    paths = write_pelantikan(p, args.out, args.lang)
    from merit_lib.domain import language

    kinds = ", ".join(f"{r.jenis_mutasi} {r.level_tujuan} {r.n}" for r in p.summary().itertuples())
    print(t("appt.pel_head", args.lang, date=language.date(date.date(), args.lang), n=len(p.appointments), kinds=kinds))
    print(f"{t('appt.pel_written', args.lang)}: {Path(args.out).resolve()}")
    print(f"{t('appt.pel_internal', args.lang)}: {paths['internal']}")
    return EXIT_OK


def cmd_kandidat(args: argparse.Namespace) -> int:
    """Shortlist for a vacant post: eligible candidates ranked by readiness, with reasons (PERSONAL DATA, into --out)."""
    from merit_lib.analysis.features import analysis_frame
    from merit_lib.analysis.kandidat import check_level, shortlist
    from merit_lib.data.extract import load_extract
    from merit_lib.domain.text import t
    from merit_lib.report.appointments_out import write_shortlist
    from merit_lib.report.targets import Target, claim

    level = check_level(args.level)
    if args.n < 1:
        raise ParameterError(f"--n {args.n}: harus ≥ 1", en=f"--n {args.n}: must be at least 1")
    period = _period(args.period) if args.period else _period(f"{dt.date.today().year}Q{(dt.date.today().month - 1) // 3 + 1}")
    claim([Target(args.out, file=True)], [args.data])
    _data_folder(args.data)
    frame = analysis_frame(load_extract(args.data, lang=args.lang), period, window=1, as_at=True)  # at its start
    s = shortlist(frame, level, opd=args.opd, jabatan=args.jabatan, n=args.n, lang=args.lang)
    path = write_shortlist(s, args.out, args.lang)
    where = f" {args.jabatan}" if args.jabatan else ""
    where += f" ({args.opd})" if args.opd else ""
    print(t("appt.short_head", args.lang, level=level, where=where, n=s.n_eligible, k=len(s.eligible),
            m=len(s.near_miss), total=s.n_candidates))
    print(f"{t('appt.short_written', args.lang)}: {path}  — {t('appt.restricted', args.lang)}")
    return EXIT_OK


def _window(n: int) -> int:
    """`--window`: whole quarters, 1 … MAX_WINDOW (the evidence window, DESIGN §8)."""
    if not 1 <= n <= MAX_WINDOW:
        raise ParameterError(f"--window {n}: tulis jumlah triwulan, 1 sampai {MAX_WINDOW}",
                             en=f"--window {n}: a number of quarters, 1 to {MAX_WINDOW}")
    return n


def _window_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--window", type=int, default=DEFAULT_WINDOW, metavar="N",
                   help=f"evidence window in quarters, ending with --period (default {DEFAULT_WINDOW}: twelve months; "
                        "1 = the quarter alone; shorter where the history is)")


def _input_arguments(p: argparse.ArgumentParser) -> None:
    """The input of `model` and `audit`: an extract and a period, or a flat table and its roles file."""
    p.add_argument("--data", help="the extract folder (or XLSX workbook)")
    p.add_argument("--period", help="quarter, e.g. 2026Q1")
    _window_argument(p)
    p.add_argument("--flat", metavar="FILE", help="instead of --data/--period: a flat table (CSV/XLSX/Parquet) …")
    p.add_argument("--roles", metavar="ROLES.yaml", help="… and the roles file that maps its columns")


def run_flat(command: str, file: Path | str | None, roles_path: Path | str | None, out: Path | str,
             lang: str = "id", reference: dict[str, str] | None = None) -> int:
    """`merit model|audit --flat`: load, fit or audit, write the DESIGN §6 table and missing_report.csv, print a summary.

    `reference` (audit only) overrides reference groups of the roles file; audited attributes are the file's `protected`."""
    from merit_lib.data.extract import LoadError
    from merit_lib.data.flat import load_flat, roles_error

    if not file or not roles_path:
        raise LoadError("--flat dan --roles harus diberikan bersama (--flat FILE --roles ROLES.yaml)")
    data = load_flat(file, roles_path, lang)
    if command == "audit" and not data.roles.protected:
        raise roles_error(data.roles_path, "protected", "audit memerlukan paling sedikit satu atribut yang dilindungi (protected)")
    if command == "model" and not (data.roles.competency and data.roles.kinerja):
        raise roles_error(data.roles_path, "competency/kinerja", "model memerlukan paling sedikit satu ukuran kompetensi dan satu "
                          "ukuran kinerja (the model needs one competency and one kinerja measure; `merit audit` runs without)")
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(exc, out) from exc
    print(data.summary(lang))
    if command == "model":
        from merit_lib.analysis.external import merit_sentences, merit_table
        from merit_lib.analysis.model import fit_readiness

        models = fit_readiness(data.frame, data.roles, lang=lang)
        paths = models.to_csv(out, lang)
        print(models.summary(lang))
        table = merit_table(models.coefficients, data.roles)
        print("\n" + "\n".join(merit_sentences(table, data.roles, data.frame, lang)))
        written = ", ".join(p.name for p in paths.values())
    else:
        from merit_lib.analysis.fairness import PROVINCE, audit

        # without a declared scope the table has no OPDs: the province rows only (its one scope would repeat them)
        scopes = None if data.scoped else [PROVINCE]
        result = audit(data.audit_frame(), data.roles, scopes=scopes, reference=reference, context=data.context())
        result.to_dir(out)
        print(result.summary(lang))
        _print_caveats(result, lang)
        written = "findings.csv, merit_gaps.csv, audit_meta.json"
    data.write_missing(out)
    print(("Ditulis ke" if lang == "id" else "Written to") + f" {out}: {written}, missing_report.csv")
    return 0


def _print_caveats(result: object, lang: str) -> None:
    """The audit's caveats under its summary, as the pages print them (who is in the model, the gaps in merit itself,
    controls left out, what the data could detect)."""
    from merit_lib.domain import text

    caveats = result.caveats(lang)  # type: ignore[attr-defined]
    if caveats:
        print(f"\n{text.label('caveats_title', lang)}:")
        print("\n".join(f"- {c}" for c in caveats))


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    p = argparse.ArgumentParser(prog="merit", description="Merit workbook: ASN profiling, readiness, fairness, reports.")
    sub = p.add_subparsers(dest="command", required=True)

    v = sub.add_parser("validate", help="validate an extract and list rejected rows")
    v.add_argument("path", help="folder of CSV/XLSX/Parquet files, or one XLSX workbook")
    v.add_argument("--out", help="write every rejected row as CSV here")
    v.add_argument("--lang", choices=("id", "en"), default="id")
    v.set_defaults(func=cmd_validate)

    s = sub.add_parser("synth", help="generate the synthetic Banten extract")
    s.add_argument("--out", required=True)
    s.add_argument("--n", type=int, default=3236, help="profiled ASN (default 3236)")
    s.add_argument("--seed", type=int, default=20251117)
    s.add_argument("--period", default="2026Q1")
    s.add_argument("--format", choices=("csv", "xlsx", "parquet", "siasn"), default="csv",
                   help="siasn: as BKN's SIASN delivers it (export, ref-unor.json, per-NIP JSON)")
    s.add_argument("--disparity", action="append", metavar="OPD:ATTR:GROUP:OR[:QUARTERS]",
                   help="planted penalty at equal merit, e.g. DINKES:jenis_kelamin:P:0.3 (repeatable; OPD * = all); "
                        "a one-off in some quarters only: RSUDBTN:jenis_kelamin:P:40:2024Q3")
    s.add_argument("--missing-assessment", action="append", metavar="OPD:ATTR:GROUP:SHARE",
                   help="planted missing competency assessments for a group, e.g. *:jenis_kelamin:P:0.6 (no penalty)")
    s.add_argument("--merit-gap", action="append", metavar="OPD:ATTR:GROUP:SD",
                   help="planted lower merit for a group (no penalty at equal merit)")
    s.add_argument("--ignore-merit", action="append", metavar="OPD", help="an OPD whose promotions ignore merit")
    s.add_argument("--bad-rows", type=int, default=0, help="insert K bad rows (truth in _bad_rows_truth.csv)")
    s.add_argument("--planted", choices=("demo", "none"), default="demo",
                   help="demo (default): the documented planted effects of data/README.md; none: a world without them")
    s.add_argument("--quarters", type=int, default=HISTORY_QUARTERS,
                   help=f"quarters of promotion history, ending with --period (default {HISTORY_QUARTERS}: eight trend points on "
                        "full windows of four)")
    s.set_defaults(func=cmd_synth)

    r = sub.add_parser("report", help="render every report of a period (province, audit, one per OPD)")
    r.add_argument("--data", required=True, help="the extract folder (or XLSX workbook)")
    r.add_argument("--period", required=True, help="quarter, e.g. 2026Q1")
    r.add_argument("--out", required=True, help="the period folder, e.g. reports/2026Q1")
    r.add_argument("--opd", nargs="+", metavar="CODE", help="only these OPDs (default: all)")
    r.add_argument("--workers", type=int, default=None, help="parallel kernels, 1 … the CPU count (default 2)")
    r.add_argument("--internal", metavar="DIR",
                   help="folder for the data steward's row-level validation listing (default: <out>.internal)")
    r.add_argument("--lang", choices=("id", "en"), default="id")
    _window_argument(r)
    r.add_argument("--pdf", action="store_true",
                   help="also an A4 PDF beside each OPD page, printed by headless Chromium (apt-get install -y chromium)")
    r.add_argument("--register", metavar="PATH",
                   help="the auditor's register the run records its findings into (default: register.sqlite beside the "
                        "period folder, e.g. reports/register.sqlite)")
    r.set_defaults(func=cmd_report)

    _temuan_parser(sub)

    a = sub.add_parser("audit", help="fairness audit of promotions: findings.csv (+ audit_meta.json)")
    _input_arguments(a)
    a.add_argument("--out", required=True, help="folder for findings.csv and audit_meta.json")
    a.add_argument("--attributes", metavar="A,B", help="protected attributes audited besides the defaults, e.g. agama")
    a.add_argument("--reference", action="append", metavar="ATTR=GROUP",
                   help="reference group of an attribute (default: its largest group), e.g. jenis_kelamin=L (repeatable)")
    a.add_argument("--lang", choices=("id", "en"), default="id")
    a.set_defaults(func=cmd_audit)

    m = sub.add_parser("model", help="promotion readiness models: model_coefficients.csv (+ readiness.csv with --person-level)")
    _input_arguments(m)
    m.add_argument("--out", required=True, help="folder for model_coefficients.csv and the other aggregate tables")
    m.add_argument("--controls", metavar="A,B,C", help="control columns instead of the default "
                   "(golongan_ordinal,masa_kerja,pendidikan_s1,level_awal); empty = none")
    m.add_argument("--person-level", action="store_true",
                   help="also write readiness.csv: one row per person at risk (PERSONAL DATA, never for aggregate reports)")
    m.add_argument("--lang", choices=("id", "en"), default="id")
    m.set_defaults(func=cmd_model)

    g = sub.add_parser("siasn", help="convert BKN SIASN data (export + ref-unor + per-NIP JSON) into the contract tables")
    g.add_argument("src", help="the SIASN folder as a BKD assembles it")
    g.add_argument("--out", required=True, help="folder for pegawai/profiling/kinerja/riwayat_jabatan.csv and siasn_mapping.csv")
    g.add_argument("--lang", choices=("id", "en"), default="id")
    g.set_defaults(func=cmd_siasn)

    pl = sub.add_parser("pelantikan", help="review one pelantikan: every appointment effective on a date")
    pl.add_argument("--data", required=True, help="the extract folder (or XLSX workbook)")
    pl.add_argument("--date", required=True, help="the effective date, e.g. 2026-01-26")
    pl.add_argument("--out", required=True, help="folder for the aggregate form (the per-appointment form goes to <out>.internal/)")
    pl.add_argument("--lang", choices=("id", "en"), default="id")
    pl.set_defaults(func=cmd_pelantikan)

    k = sub.add_parser("kandidat", help="shortlist for a vacant post, ranked by readiness (PERSONAL DATA)")
    k.add_argument("--data", required=True, help="the extract folder (or XLSX workbook)")
    k.add_argument("--level", required=True, help="the post's level: Pengawas, Administrator or 'JPT Pratama'")
    k.add_argument("--opd", metavar="CODE", help="the post's OPD (eselon III/IV: its candidates first, then the province)")
    k.add_argument("--jabatan", metavar="TEXT", help="the post's title (shown in the header)")
    k.add_argument("--n", type=int, default=10, help="eligible candidates to list (default 10)")
    k.add_argument("--period", help="as at the start of this quarter (default: the current quarter)")
    k.add_argument("--out", required=True, metavar="FILE", help="the CSV to write (never inside a period report folder)")
    k.add_argument("--lang", choices=("id", "en"), default="id")
    k.set_defaults(func=cmd_kandidat)

    for register in _EXTRA_COMMANDS:
        register(sub)
    return p


#: further sub-commands can register here
_EXTRA_COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = []


# --------------------------------------------------------------------------- merit temuan: the auditor's register

#: the register `merit temuan` reads by default (where `merit report --out reports/<period>` keeps it)
DEFAULT_REGISTER = "reports/register.sqlite"
#: how long an import or a response waits for the register while a report run holds it (seconds)
REGISTER_WAIT = 60.0


def _temuan_parser(sub: argparse._SubParsersAction) -> None:
    """`merit temuan` and its sub-commands (list, ekspor, impor, catat, tampil, riwayat)."""
    from merit_lib.domain import codes

    def common(p: argparse.ArgumentParser, top: bool) -> None:
        keep = {} if top else {"default": argparse.SUPPRESS}
        p.add_argument("--register", metavar="PATH", help=f"the register (default {DEFAULT_REGISTER})",
                       **({"default": DEFAULT_REGISTER} if top else keep))
        p.add_argument("--lang", choices=("id", "en"), **({"default": "id"} if top else keep))

    def filters(p: argparse.ArgumentParser, top: bool) -> None:
        keep = {} if top else {"default": argparse.SUPPRESS}
        p.add_argument("--periode", metavar="PERIOD", help="as at this quarter (default: the last recorded)", **keep)
        p.add_argument("--opd", nargs="+", metavar="CODE", help="only these OPDs (PROVINSI: the province's findings)",
                       **keep)
        p.add_argument("--jenis", nargs="+", choices=codes.FINDING_KINDS, help="only these kinds", **keep)
        p.add_argument("--status", nargs="+", choices=codes.SEEN_STATUSES, help="only findings new, recurring or no "
                       "longer seen", **keep)
        p.add_argument("--tindak-lanjut", dest="follow", nargs="+", choices=codes.FOLLOW_UPS,
                       help="only these follow-up statuses", **keep)
        p.add_argument("--semua", action="store_true", help="closed findings too (default: open ones)",
                       **({} if top else {"default": argparse.SUPPRESS}))

    t = sub.add_parser("temuan", help="the auditor's register: list findings, export to Excel, import responses, history")
    common(t, True)
    filters(t, True)
    t.set_defaults(func=cmd_temuan, temuan="daftar")
    ts = t.add_subparsers(dest="temuan", metavar="{ekspor,impor,catat,tampil,riwayat}")
    e = ts.add_parser("ekspor", help="the findings to an Excel sheet with drop-down lists, for the auditors to fill in")
    e.add_argument("file", metavar="FILE.xlsx")
    common(e, False)
    filters(e, False)
    i = ts.add_parser("impor", help="read a filled sheet back: every cell checked, nothing written on any problem")
    i.add_argument("file", metavar="FILE.xlsx")
    i.add_argument("--oleh", metavar="NAME", help="who records it (for the history; default: this user)")
    i.add_argument("--tunggu", type=float, default=REGISTER_WAIT, metavar="SECONDS",
                   help=f"wait this long for a report run holding the register (default {REGISTER_WAIT:g})")
    common(i, False)
    c = ts.add_parser("catat", help="record one response from the command line")
    c.add_argument("kode", metavar="KODE", help="the finding's code, e.g. T1A2B3C4D")
    c.add_argument("--tanggapan", help="the OPD's response: setuju, setuju sebagian, tidak setuju")
    c.add_argument("--tindakan", help="the action agreed (at most 500 characters)")
    c.add_argument("--batas", help="the deadline, e.g. 2026-03-31 (today or later)")
    c.add_argument("--tindak-lanjut", dest="tindak_lanjut",
                   help="sesuai rekomendasi | belum sesuai / dalam proses | belum ditindaklanjuti | tidak dapat "
                        "ditindaklanjuti dengan alasan sah (or sesuai, proses, belum, tidak_dapat)")
    c.add_argument("--peninjau", help="the reviewer (at most 80 characters)")
    c.add_argument("--oleh", metavar="NAME", help="who records it (for the history; default: this user)")
    c.add_argument("--tunggu", type=float, default=REGISTER_WAIT, metavar="SECONDS")
    common(c, False)
    v = ts.add_parser("tampil", help="one finding: where it stands, its evidence by quarter, its history")
    v.add_argument("kode", metavar="KODE")
    common(v, False)
    h = ts.add_parser("riwayat", help="the append-only history of every change, for the audit file")
    h.add_argument("--out", metavar="FILE.csv", help="write it as CSV (default: print it)")
    common(h, False)


def cmd_temuan(args: argparse.Namespace) -> int:
    """The auditor's register: list, export, import, record one response, show one finding, the history."""
    from merit_lib.data.register import Register

    with Register.open(args.register) as reg:
        return _TEMUAN[args.temuan or "daftar"](reg, args)


def _temuan_filters(args: argparse.Namespace) -> dict:
    period = str(_period(args.periode)) if getattr(args, "periode", None) else None
    return {"period": period, "opds": getattr(args, "opd", None), "kinds": getattr(args, "jenis", None),
            "statuses": getattr(args, "status", None), "follow_ups": getattr(args, "follow", None),
            "everything": bool(getattr(args, "semua", False))}


def _temuan_list(reg, args: argparse.Namespace) -> int:
    from merit_lib.domain.text import t
    from merit_lib.report import register_view
    from merit_lib.report.temuan_xlsx import findings_frame

    if not reg.periods():
        print(t("register.cli_empty", args.lang, path=reg.path))
        return EXIT_OK
    filters = _temuan_filters(args)
    period = filters["period"] or reg.periods()[-1]
    table = findings_frame(reg, **filters)
    if table.empty:
        print(t("register.cli_none", args.lang, path=reg.path, period=period))
        return EXIT_OK
    print(t("register.cli_head", args.lang, n=len(table), period=period, path=reg.path))
    for _, row in table.iterrows():
        print(f"{row['kode']}  {row['scope']}: {register_view.sentence(row, period, args.lang)}")
    return EXIT_OK


def _temuan_export(reg, args: argparse.Namespace) -> int:
    from merit_lib.domain.text import t
    from merit_lib.report.targets import Target, claim
    from merit_lib.report.temuan_xlsx import export

    [target] = claim([Target(args.file, "ekspor", file=True)], [reg.path])
    filters = _temuan_filters(args)
    n = export(reg, target, filters.pop("period"), args.lang, **filters)
    print(t("register.cli_exported", args.lang, n=n, file=target))
    return EXIT_OK


def _temuan_import(reg, args: argparse.Namespace) -> int:
    from merit_lib.domain.text import t
    from merit_lib.report.temuan_xlsx import apply

    done = apply(reg, args.file, who=args.oleh, wait=args.tunggu, lang=args.lang,
                 on_wait=lambda holder: print(t("register.waiting", args.lang, holder=holder), file=sys.stderr))
    if done.problems:
        for problem in done.problems:
            print(problem, file=sys.stderr)
        print(t("register.cli_problems", args.lang, n=len(done.problems)), file=sys.stderr)
        return EXIT_REJECTED
    print(t("register.cli_imported" if done.fields else "register.cli_imported_none", args.lang, rows=done.rows,
            findings=done.findings, fields=done.fields))
    return EXIT_OK


def _temuan_set(reg, args: argparse.Namespace) -> int:
    from merit_lib.domain.text import t
    from merit_lib.report.temuan_xlsx import set_one

    given = {"response": args.tanggapan, "action": args.tindakan, "deadline": args.batas,
             "follow_up": args.tindak_lanjut, "reviewer": args.peninjau}
    raw = {k: v for k, v in given.items() if v is not None}
    if not raw:
        raise ParameterError(t("register.cli_nothing", "id"), en=t("register.cli_nothing", "en"))
    problems, changed = set_one(reg, args.kode, raw, who=args.oleh, wait=args.tunggu, lang=args.lang)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(t("register.cli_problems", args.lang, n=len(problems)), file=sys.stderr)
        return EXIT_REJECTED
    kode = args.kode.strip().upper()
    words = ", ".join(t(f"register.xlsx_{name}", args.lang).lower() for name in changed)
    print(t("register.cli_set", args.lang, kode=kode, fields=words) if changed
          else t("register.cli_unchanged", args.lang, kode=kode))
    return EXIT_OK


def _temuan_show(reg, args: argparse.Namespace) -> int:
    import pandas as pd

    from merit_lib.domain.language import period_label
    from merit_lib.domain.text import t
    from merit_lib.report import register_view
    from merit_lib.report.temuan_xlsx import findings_frame

    kode = args.kode.strip().upper()
    table = findings_frame(reg, everything=True)
    row = table[table["kode"] == kode]
    if row.empty:
        raise ParameterError(t("register.unknown_code", "id", kode=kode), en=t("register.unknown_code", "en", kode=kode))
    period = reg.periods()[-1]
    print(f"{kode}  {row.iloc[0]['scope']}: {register_view.sentence(row.iloc[0], period, args.lang)}")
    print(t("register.cli_evidence", args.lang))
    s = reg.sightings()
    for _, sight in s[s["kode"] == kode].iterrows():
        seen = t("register.yes" if sight["seen"] else "register.no", args.lang)
        evidence = ", ".join(f"{k}={v}" for k, v in sight["evidence"].items() if v is not None)
        print(f"  {period_label(sight['period'], args.lang)}  {t('register.xlsx_seen', args.lang)}: {seen}  {evidence}")
    print(t("register.cli_changes", args.lang))
    h = reg.history()
    for _, e in h[h["kode"] == kode].iterrows():
        old, new = ("–" if pd.isna(v) or v == "" else v for v in (e["old"], e["new"]))
        print(f"  {e['at']}  {e['who']}  ({e['source']})  {e['field']}: {old} → {new}")
    return EXIT_OK


def _temuan_history(reg, args: argparse.Namespace) -> int:
    from merit_lib.domain.text import t

    history = reg.history()
    if not args.out:
        print(history.to_csv(index=False), end="")
        return EXIT_OK
    from merit_lib.data.sink import write_csv
    from merit_lib.report.targets import Target, claim

    [target] = claim([Target(args.out, "--out", file=True)], [reg.path])
    write_csv(history, target, private=True)
    print(t("register.cli_history", args.lang, n=len(history), file=target))
    return EXIT_OK


_TEMUAN = {"daftar": _temuan_list, "ekspor": _temuan_export, "impor": _temuan_import, "catat": _temuan_set,
           "tampil": _temuan_show, "riwayat": _temuan_history}


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `merit` command."""
    from merit_lib.data.extract import LoadError

    parser = build_parser()
    args = parser.parse_args(argv)
    lang = getattr(args, "lang", "id")
    try:
        return int(args.func(args))
    except MeritError as exc:
        return _user_error(args.command, exc.message(lang))
    except LoadError as exc:                       # the loader's: missing, unreadable or unusable input
        return _user_error(args.command, " ".join(str(exc).split()))
    except OSError as exc:
        if not is_output_oserror(exc):             # a full disk or a missing permission is the user's to fix
            return _bug(args.command, exc, lang)
        return _user_error(args.command, output_error(exc).message(lang))
    except KeyboardInterrupt as exc:               # Ctrl-C, or SIGTERM/SIGHUP during a report run
        print(f"merit {args.command}: " + ("stopped" if lang == "en" else "dihentikan"), file=sys.stderr)
        return 128 + int(getattr(exc, "signum", 2))
    except Exception as exc:  # noqa: BLE001 - anything else is a bug: say so, keep the traceback
        return _bug(args.command, exc, lang)


def _user_error(command: str, message: str) -> int:
    print(f"merit {command}: {message}", file=sys.stderr)
    return EXIT_UNUSABLE


def _bug(command: str, exc: BaseException, lang: str) -> int:
    """A short message on stderr, the full traceback in a file of the temp folder; exit 3."""
    text = "".join(traceback.format_exception(exc))
    try:
        fd, name = tempfile.mkstemp(prefix=f"merit-{command}-{dt.datetime.now():%Y%m%d-%H%M%S}-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(f"merit {' '.join(sys.argv[1:])}\n\n{text}")
        where = name
    except OSError:
        where = None
    kind = type(exc).__name__
    if lang == "en":
        msg = f"internal error ({kind}) — a bug, not a problem with your input; " + (
            f"full traceback saved to {where}" if where else "the traceback could not be saved") + "; please report it"
    else:
        msg = f"kesalahan internal ({kind}) — cacat program, bukan kesalahan masukan Anda; " + (
            f"jejak lengkap disimpan di {where}" if where else "jejak tidak dapat disimpan") + "; mohon laporkan"
    print(f"merit {command}: {msg}", file=sys.stderr)
    return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
