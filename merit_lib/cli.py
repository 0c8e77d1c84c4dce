"""The `merit` command: validate, synth (and, as they land, model, audit, report).

Errors a user can cause print one clear line and exit 2; they never show a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

EXIT_OK, EXIT_REJECTED, EXIT_UNUSABLE = 0, 1, 2


class UserError(Exception):
    """A problem with the command's input that the user can fix."""


def cmd_validate(args: argparse.Namespace) -> int:
    """Load and validate an extract; print a summary; write rejected rows as CSV."""
    from merit_lib.data.extract import load_extract

    extract = load_extract(args.path, lang=args.lang)
    report = extract.report
    print(report.render(args.lang))
    if args.out:
        path = report.to_csv(args.out)
        print(f"\n{'Laporan baris yang ditolak ditulis ke' if args.lang == 'id' else 'Rejected rows written to'}: {path}")
    return EXIT_OK if report.ok else EXIT_REJECTED


def cmd_synth(args: argparse.Namespace) -> int:
    """Generate the synthetic Banten extract into a folder."""
    from merit_lib.synth import Disparity, MeritGap, synthesize

    try:
        disparities = [Disparity.parse(d) for d in args.disparity or []]
        gaps = [MeritGap.parse(g) for g in args.merit_gap or []]
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    if args.n < 50:
        raise UserError("--n harus paling sedikit 50 (at least 50 ASN)")
    s = synthesize(n=args.n, seed=args.seed, period=args.period, disparities=disparities, merit_gaps=gaps,
                   ignore_merit=args.ignore_merit or [], bad_rows=args.bad_rows)
    out = s.write(args.out, args.format)
    counts = ", ".join(f"{k} {len(v)}" for k, v in s.tables.items())
    print(f"Ekstrak sintetis ditulis ke {out} ({counts}); promosi {s.truth.period}: {s.truth.n_promoted}")
    if args.bad_rows:
        s.truth.bad_rows.to_csv(Path(out) / "_bad_rows_truth.csv", index=False)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    """Render every report of a period (province, fairness audit, one per OPD) into one folder."""
    from merit_lib.report.pipeline import NOTEBOOKS, compute_opd_codes, run_report

    if not Path(args.data).exists():
        raise UserError(f"folder data '{args.data}' tidak ada (data folder not found)")
    if not (NOTEBOOKS / "10_opd_report.ipynb").is_file():
        raise UserError(f"notebook laporan tidak ditemukan di {NOTEBOOKS}: `merit report` perlu checkout repositori "
                        "(pip install -e .) (report notebooks not found: install from the repository checkout)")
    if args.opd:
        known = compute_opd_codes(args.data)
        unknown = sorted(set(args.opd) - known)
        if unknown:
            raise UserError(f"OPD tidak dikenal: {', '.join(unknown)} (unknown OPD codes)")
    result = run_report(args.data, args.period, args.out, opds=args.opd, workers=args.workers, lang=args.lang)
    en = args.lang == "en"
    print(("Reports written to" if en else "Laporan ditulis ke") + f": {result.out} ({len(result.jobs)} notebook)")
    for f in result.failures:
        print(("FAILED" if en else "GAGAL") + f": {f.name} — {f.error}", file=sys.stderr)
    if result.kept_aside:
        print(("The existing folder was kept; this run is at " if en else
               "Folder lama dipertahankan; hasil run ini ada di ") + str(result.kept_aside), file=sys.stderr)
    return EXIT_OK if result.ok else EXIT_REJECTED


def cmd_audit(args: argparse.Namespace) -> int:
    """Fairness audit of one period: findings.csv and audit_meta.json in --out, a summary on screen."""
    from merit_lib.analysis.fairness import audit_extract
    from merit_lib.data.extract import load_extract
    from merit_lib.domain.period import Period

    reference = {}
    for pair in args.reference or []:
        attribute, sep, group = pair.partition("=")
        if not sep or not attribute or not group:
            raise UserError(f"--reference '{pair}': tulis atribut=kelompok, mis. jenis_kelamin=L")
        reference[attribute.strip()] = group.strip()
    if args.flat or args.roles:   # a flat table mapped by a roles file (merit_lib.data.flat)

        return run_flat("audit", args.flat, args.roles, args.out, args.lang, reference=reference)
    if not args.data or not args.period:
        raise UserError("--data dan --period wajib diisi (or --flat FILE --roles ROLES.yaml)")
    if not Path(args.data).exists():
        raise UserError(f"folder data '{args.data}' tidak ada (data folder not found)")
    period = Period.parse(args.period)
    extra = [a.strip() for a in (args.attributes or "").split(",") if a.strip()]
    result = audit_extract(load_extract(args.data, lang=args.lang), str(period), attributes=extra, reference=reference)
    out = result.to_dir(args.out)
    print(result.summary(args.lang))
    print(f"\n{'Findings written to' if args.lang == 'en' else 'Temuan ditulis ke'}: {out / 'findings.csv'}")
    return EXIT_OK


def cmd_model(args: argparse.Namespace) -> int:
    """Readiness models of one period: aggregate tables (model_coefficients.csv …); readiness.csv only with --person-level."""
    if args.flat or args.roles:   # a flat table mapped by a roles file (merit_lib.data.flat)
        if args.person_level:
            raise UserError("--person-level hanya untuk ekstrak ASN --data/--period (only with an ASN extract)")

        return run_flat("model", args.flat, args.roles, args.out, args.lang)
    if not args.data or not args.period:
        raise UserError("--data dan --period wajib diisi (or --flat FILE --roles ROLES.yaml)")
    if not Path(args.data).exists():
        raise UserError(f"folder data '{args.data}' tidak ada (data folder not found)")
    from merit_lib.analysis.features import analysis_frame
    from merit_lib.analysis.model import fit_readiness, readiness_list
    from merit_lib.data.extract import load_extract
    from merit_lib.domain.period import Period

    en = args.lang == "en"
    period = Period.parse(args.period)
    controls = [c.strip() for c in args.controls.split(",") if c.strip()] if args.controls is not None else None
    extract = load_extract(args.data, lang=args.lang)
    frame = analysis_frame(extract, period)
    models = fit_readiness(frame, controls=controls, lang=args.lang)
    paths = models.to_csv(args.out)
    print(models.summary())
    rejected = len(extract.report.issues[["table", "row"]].drop_duplicates())
    if rejected:
        print(f"\n{rejected} " + ("data rows were rejected by validation and are not modelled (see merit validate)." if en
                                  else "baris data ditolak saat validasi dan tidak dimodelkan (lihat merit validate)."))
    print(f"\n{'Aggregate tables written to' if en else 'Tabel agregat ditulis ke'} {Path(args.out)}: "
          + ", ".join(p.name for p in paths.values()))
    if args.person_level:
        path = Path(args.out) / "readiness.csv"
        readiness_list(frame, models).to_csv(path, index=False)
        print(f"\n{'PERSONAL DATA' if en else 'DATA PRIBADI'}: {path.resolve()}\n"
              + ("  one row per person at risk (NIP, name, OPD, box, readiness, failed checks, probability). For BKD's "
                 "talent-pool work only: do not share it and never put it in an aggregate report." if en else
                 "  satu baris per pegawai berisiko (NIP, nama, OPD, kotak, kesiapan, syarat gagal, probabilitas). Hanya "
                 "untuk kerja talent pool BKD: jangan dibagikan dan jangan dimasukkan ke laporan agregat."))
    return EXIT_OK


def _input_arguments(p: argparse.ArgumentParser) -> None:
    """The input of `model` and `audit`: an extract and a period, or a flat table and its roles file."""
    p.add_argument("--data", help="the extract folder (or XLSX workbook)")
    p.add_argument("--period", help="quarter, e.g. 2026Q1")
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
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
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
        from merit_lib.analysis.fairness import audit

        result = audit(data.frame, data.roles, reference=reference, context=data.context())
        result.to_dir(out)
        print(result.summary(lang))
        written = "findings.csv, audit_meta.json"
    data.write_missing(out)
    print(("Ditulis ke" if lang == "id" else "Written to") + f" {out}: {written}, missing_report.csv")
    return 0


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
    s.add_argument("--format", choices=("csv", "xlsx", "parquet"), default="csv")
    s.add_argument("--disparity", action="append", metavar="OPD:ATTR:GROUP:OR",
                   help="planted penalty at equal merit, e.g. DINKES:jenis_kelamin:P:0.3 (repeatable; OPD * = all)")
    s.add_argument("--merit-gap", action="append", metavar="OPD:ATTR:GROUP:SD",
                   help="planted lower merit for a group (no penalty at equal merit)")
    s.add_argument("--ignore-merit", action="append", metavar="OPD", help="an OPD whose promotions ignore merit")
    s.add_argument("--bad-rows", type=int, default=0, help="insert K bad rows (truth in _bad_rows_truth.csv)")
    s.set_defaults(func=cmd_synth)

    r = sub.add_parser("report", help="render every report of a period (province, audit, one per OPD)")
    r.add_argument("--data", required=True, help="the extract folder (or XLSX workbook)")
    r.add_argument("--period", required=True, help="quarter, e.g. 2026Q1")
    r.add_argument("--out", required=True, help="the period folder, e.g. reports/2026Q1")
    r.add_argument("--opd", nargs="+", metavar="CODE", help="only these OPDs (default: all)")
    r.add_argument("--workers", type=int, default=2, help="parallel kernels (default 2)")
    r.add_argument("--lang", choices=("id", "en"), default="id")
    r.set_defaults(func=cmd_report)

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

    for register in _EXTRA_COMMANDS:
        register(sub)
    return p


#: further sub-commands can register here
_EXTRA_COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = []


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `merit` command."""
    from merit_lib.data.extract import LoadError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except (LoadError, UserError, ValueError, FileNotFoundError, PermissionError) as exc:
        print(f"merit {args.command}: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        print(f"merit {args.command}: dihentikan (interrupted)", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
