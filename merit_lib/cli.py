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
    from .load import load_extract

    extract = load_extract(args.path, lang=args.lang)
    report = extract.report
    print(report.render(args.lang))
    if args.out:
        path = report.to_csv(args.out)
        print(f"\n{'Laporan baris yang ditolak ditulis ke' if args.lang == 'id' else 'Rejected rows written to'}: {path}")
    return EXIT_OK if report.ok else EXIT_REJECTED


def cmd_synth(args: argparse.Namespace) -> int:
    """Generate the synthetic Banten extract into a folder."""
    from .synth import Disparity, MeritGap, synthesize

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

    for register in _EXTRA_COMMANDS:
        register(sub)
    return p


#: later modules add their sub-commands here (model, audit, report)
_EXTRA_COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = []


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `merit` command."""
    from .load import LoadError

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
