"""The quarterly run: compute once, then execute and render every report notebook in warm kernels.

`run_report` validates the extract, builds the analysis frame, fits the models, runs the audit and the
compliance table, writes them to `tables/`, then executes the province, audit and per-OPD notebooks
with papermill in a few long-lived kernels (each notebook is still a real executed notebook, kept in
`notebooks/`), renders them to HTML with our nbconvert template, and writes `index.html`,
`ringkasan.xlsx` and `manifest.json`. The `--out` policy (staging folder, lock, swap, refusals, cleanup
after a signal) is `merit_lib.report.output.PeriodFolder`'s; every file goes through `merit_lib.data.sink`,
every page name made from data through `safe_name` and checked to lie inside the staging folder. The
row-level validation listing goes to the steward's `<out>.internal/validasi.csv`, never into the period
folder, whose `tables/validation.csv` holds counts per table and rule. A SIASN folder as `data` is converted once
into `<out>.internal/siasn/` (the contract tables, the full mapping report, the row ledger); the period folder gets
its counts (`tables/siasn_mapping.csv`) and the meta its persons kept/left out and input fingerprints.
"""

from __future__ import annotations

import datetime as dt
import os
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from merit_lib.analysis import summaries
from merit_lib.analysis.compliance import audited_compliance
from merit_lib.analysis.features import analysis_frame, counted_promotions, current, window_of
from merit_lib.analysis.ledger import for_extract as ledger_for_extract
from merit_lib.data.extract import load_extract
from merit_lib.data.provenance import code_version, git_commit, package_versions
from merit_lib.data.register import Recorded
from merit_lib.data.siasn import SiasnResult, convert, is_siasn_folder
from merit_lib.data.sink import inside, safe_name, write_csv, write_json, write_text
from merit_lib.domain import text
from merit_lib.domain.errors import OutputError, ParameterError, output_error
from merit_lib.domain.period import DEFAULT_WINDOW, Period
from merit_lib.domain.roles import ASN, Roles
from merit_lib.report import capture
from merit_lib.report.kernels import JobResult, KernelPool, first_line
from merit_lib.report.output import PeriodFolder, page_names

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"   # package data (the repository links notebooks/ here)
PACKAGES = ("merit_lib", "pandas", "numpy", "statsmodels", "pandera", "seaborn", "matplotlib", "papermill",
            "nbconvert", "nbclient", "fairlearn", "scipy", "openpyxl")
TABLES = ("compliance", "findings", "bypassed_by_level", "model_coefficients", "validation", "promotions_ledger", "trend",
          "merit_gaps", "tier_sensitivity")
#: tables a run publishes beside TABLES when it has them: the register as at the period (report.temuan), written by
#: `run_report` (not by `compute`, which records into no register)
OPTIONAL_TABLES = ("register",)
REGISTER_NAME = "register.sqlite"        # the register's default name, beside the period folders
INTERNAL_VALIDATION = "validasi.csv"   # the row-level listing, in the steward's folder only
INTERNAL_SIASN = "siasn"                # a SIASN input converted: tables, mapping report, ledger (steward's folder)
INTERNAL_LOG = "run.log"                # the run's log: each notebook's status and what it wrote to stderr (steward's folder)
SIASN_MAPPING = "siasn_mapping"         # its published counts, tables/siasn_mapping.csv (a SIASN run only)


@dataclass
class Job:
    """One notebook to execute and render: its output name (e.g. `opd/DINKES`, made safe), source and parameters."""

    name: str
    notebook: Path
    parameters: dict
    title: str
    opd: str | None = None


@dataclass
class RunResult:
    """The outcome of a quarterly run: where it went, each notebook's result, the manifest, the steward's folder."""

    out: Path
    jobs: list[JobResult]
    manifest: dict = field(default_factory=dict)
    kept_aside: Path | None = None
    internal: Path | None = None
    warnings: list[str] = field(default_factory=list)
    #: the auditor's register the run recorded into, and what it recorded (None: no register, or the run kept aside)
    register: Path | None = None
    recorded: Recorded | None = None

    @property
    def failures(self) -> list[JobResult]:
        return [j for j in self.jobs if j.status != "ok"]

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def warned(self) -> list[JobResult]:
        """The notebooks that wrote to stderr (a warning): their pages were rendered without it (see the run's log)."""
        return [j for j in self.jobs if j.stderr]


def check_period(period: str | Period) -> str:
    """The period as `2026Q1`; a ParameterError for anything else."""
    try:
        return str(Period.parse(period))
    except ValueError as exc:
        raise ParameterError(str(exc), en=f"period '{period}' is not valid: write year and quarter, e.g. 2026Q1") from exc


def check_workers(workers: int | None) -> int:
    """Parallel kernels: 1 … the machine's CPU count (None: 2, or 1 on a one-core machine)."""
    cpus = os.cpu_count() or 1
    if workers is None:
        return min(2, cpus)
    if isinstance(workers, bool) or not isinstance(workers, int) or not 1 <= workers <= cpus:
        raise ParameterError(f"--workers {workers}: harus bilangan bulat 1 sampai {cpus} (jumlah inti CPU mesin ini)",
                             en=f"--workers {workers}: must be a whole number from 1 to {cpus} (this machine's CPU count)")
    return workers


def validation_counts(issues: pd.DataFrame) -> pd.DataFrame:
    """The published validation table: rejected rows per table and rule (table, rule, n), no row-level detail."""
    if issues.empty:
        return pd.DataFrame({"table": pd.Series(dtype=object), "rule": pd.Series(dtype=object), "n": pd.Series(dtype=int)})
    return (issues.groupby(["table", "rule"])["row"].nunique().rename("n").reset_index()
            .sort_values(["table", "n", "rule"], ascending=[True, False, True], kind="stable").reset_index(drop=True))


# --------------------------------------------------------------------------- compute once

def compute(data: Path | str, period: str, tables_dir: Path | str, lang: str = "id", roles: Roles = ASN,
            internal_dir: Path | str | None = None, siasn: SiasnResult | None = None,
            window: int = DEFAULT_WINDOW, history_dir: Path | str | None = None) -> dict:
    """Validate, build the person-quarters of the evidence window (`window` quarters ending with `period`), fit models,
    audit, compliance; write every table to `tables_dir` (and the row-level validation listing to `internal_dir`, when
    given). Returns facts for the manifest. With `siasn` (the conversion `data` was written from), also its published
    counts and its facts in the meta. The trend (`tables/trend.csv`) reads earlier report folders in `history_dir`
    where they exist (report.trend)."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):   # the tables are small: BLAS threads only add overhead (and the kernels use the cores)
        return _compute(data, period, Path(tables_dir), lang, roles, internal_dir, siasn, window, history_dir)


def _compute(data: Path | str, period: str, tables_dir: Path, lang: str, roles: Roles, internal_dir: Path | str | None,
             siasn: SiasnResult | None, window: int, history_dir: Path | str | None) -> dict:
    from merit_lib.analysis.model import fit_readiness
    from merit_lib.report import privacy

    tables_dir.mkdir(parents=True, exist_ok=True)
    extract = load_extract(data, lang=lang)
    quarters: dict[str, pd.DataFrame] = {}      # each quarter's rows, built once for this window and the trend's
    frame = analysis_frame(extract, period, window=window, cache=quarters)
    now = current(frame)
    models = fit_readiness(frame, roles)
    result, comp = audited_compliance(frame, roles)
    # rotations and mutations of the period (DESIGN §4): their columns join compliance.csv, their events the ledger
    from merit_lib.analysis import rotations

    moves = rotations.review_moves(now, extract.tables["riwayat_jabatan"], extract.pegawai, period)
    comp = rotations.merge_into_compliance(comp, rotations.rotation_table(moves, comp["opd_kode"]))
    ledger = ledger_for_extract(extract, frame, period, moves)
    if internal_dir is not None:
        write_csv(extract.report.issues, inside(internal_dir, INTERNAL_VALIDATION), private=True)
    tables = {"promotions_ledger": ledger, "validation": validation_counts(extract.report.issues),
              "model_coefficients": models.coefficients, "compliance": comp, **summaries.all_tables(frame),
              "findings": result.findings}
    # every published table passes the disclosure door (DESIGN §5, §6), planned as a whole with the period folders
    # beside this one (report.linked); to_dir writes audit_meta.json and the full findings, which the published
    # findings then replace
    from merit_lib.report.linked import beside

    win = window_of(frame).as_dict()
    totals = {"n_pegawai": float(len(now)), "n_promosi": float(counted_promotions(frame).sum()),
              "jf_jenjang": bool("jenjang_jf" in frame and frame["jenjang_jf"].notna().any())}
    published, plan_warnings = privacy.publish_all(tables, period, win["quarters"], totals,
                                                   beside(history_dir, check_period(period)))
    for name in tables:
        if name != "findings":
            write_csv(published[name], inside(tables_dir, f"{safe_name(name)}.csv"))
    result.to_dir(tables_dir)
    write_csv(published["findings"], inside(tables_dir, "findings.csv"))
    # the group gaps in the merit measures (hidden where the published findings hide their group), and how the tiers
    # rest on the index's weights (from the published compliance.csv alone)
    write_csv(privacy.publish(privacy.MERIT_GAPS, result.merit_gaps, {"findings": published["findings"]}),
              inside(tables_dir, f"{privacy.MERIT_GAPS}.csv"))
    from merit_lib.analysis.compliance import tier_sensitivity

    write_csv(privacy.publish("tier_sensitivity", tier_sensitivity(published["compliance"])),
              inside(tables_dir, "tier_sensitivity.csv"))
    from merit_lib.report.trend import trend_table

    write_csv(trend_table(extract, period, window, published["compliance"], history_dir, cache=quarters,
                          roles=roles), inside(tables_dir, "trend.csv"))
    meta = {"period": check_period(period), "fingerprint": extract.fingerprint(), "lang": lang,
            "rows_read": {k: int(v) for k, v in extract.report.rows_read.items()},
            "rows_rejected": {t: len(extract.report.rejected_rows(t)) for t in extract.report.rows_read},
            "window": win,
            "n_pegawai": int(totals["n_pegawai"]), "n_promosi": int(totals["n_promosi"]),
            "n_promosi_triwulan": int(counted_promotions(now).sum()), "jf_jenjang": totals["jf_jenjang"],
            "promotion_events": {str(k): int(v) for k, v in
                                 ledger[ledger["jenis"] == "promosi"].groupby("alasan")["n_peristiwa"].sum().items()},
            "model_notes": list(getattr(models, "notes", [])), "code": code_version(),
            "inputs": {name: {"file": src.describe(), "sha256": extract.fingerprints.get(src.describe())}
                       for name, src in extract.sources.items()}}
    if siasn is not None:      # the SIASN input's counts and facts; converted files named without their folder
        write_csv(privacy.publish(SIASN_MAPPING, siasn.mapping_counts(lang)), inside(tables_dir, f"{SIASN_MAPPING}.csv"))
        meta["siasn"] = siasn.run_meta(lang)
        meta["inputs"] = {name: {"file": f"{INTERNAL_SIASN}/{src.path.name}",
                                 "sha256": extract.fingerprints.get(src.describe())}
                          for name, src in extract.sources.items()}
    write_json(meta, inside(tables_dir, "run_meta.json"))
    meta["privacy_warnings"] = plan_warnings       # for the steward (the run's warnings), never in the period folder
    return meta


def compute_opd_codes(data: Path | str) -> set[str]:
    """The OPD codes present in an extract's pegawai table (to check `--opd` before a long run)."""
    return set(load_extract(data).pegawai["opd_kode"].dropna())


# --------------------------------------------------------------------------- the run

def plan(tables_dir: Path, period: str, lang: str, opds: list[str] | None) -> list[Job]:
    """The notebooks of a period: province, fairness audit, one per OPD (all OPDs, or those asked for)."""
    comp = pd.read_csv(tables_dir / "compliance.csv", dtype={"opd_kode": str})
    codes = list(dict.fromkeys(opds or comp["opd_kode"].tolist()))
    names = dict(zip(comp["opd_kode"], comp["opd_nama"]))
    stems = page_names(codes)
    base = {"tables_dir": "tables", "period": period, "lang": lang}
    jobs = [Job("provinsi", NOTEBOOKS / "11_province.ipynb", {**base, "opd_pages": codes},
                text.t("site.page_province", lang)),
            Job("audit_keadilan", NOTEBOOKS / "03_fairness_audit.ipynb",
                {"results_dir": "tables", "period": period, "lang": lang}, text.t("site.page_audit", lang))]
    for code in codes:
        title = text.t("site.page_opd", lang, opd=names.get(code, code))
        jobs.append(Job(f"opd/{stems[code]}", NOTEBOOKS / "10_opd_report.ipynb", {**base, "opd_kode": code}, title, code))
    return jobs


def register_target(register: Path | str | bool | None, out: Path | str, internal: Path | str | None,
                    inputs: tuple[Path | str, ...]) -> Path | None:
    """Where a run's register lives: beside the period folders (`<out>/../register.sqlite`) for True, the path given,
    or None (False/None: no register). Refused like any output (report.targets): inside a period folder (this run's
    own included) or its steward's folder, onto or into the input."""
    from merit_lib.report.targets import Target, claim

    if register is None or register is False:
        return None
    out = Path(out).expanduser().resolve()
    path = out.parent / REGISTER_NAME if register is True else Path(register).expanduser().resolve()
    steward = Path(internal).expanduser().resolve() if internal else out.parent / f"{out.name}.internal"
    for folder in (out, steward):
        if path == folder or path.is_relative_to(folder):
            raise OutputError(text.t("door.period", "id", option="--register", path=path, folder=folder),
                              en=text.t("door.period", "en", option="--register", path=path, folder=folder))
    [path] = claim([Target(path, "--register", file=True)], inputs)
    return path


def run_report(data: Path | str, period: str, out: Path | str, opds: list[str] | None = None, workers: int | None = None,
               lang: str = "id", progress: bool = True, internal: Path | str | None = None,
               siasn: SiasnResult | None = None, pdf: bool = False, window: int = DEFAULT_WINDOW,
               strict: bool | None = None, register: Path | str | bool | None = True) -> RunResult:
    """Render every report of a period into `out` under the `--out` policy of DESIGN §5 (see `report.output`).
    With `pdf`, also an A4 PDF beside each OPD page (`report.pdf`; Chromium is required up front).

    Nothing but the report reaches a page: what a notebook wrote to stderr (a warning) is taken out of it, written to
    the run's log (`<internal>/run.log`) and named in the manifest; with `strict` (default: `MERIT_STRICT=1` in the
    environment, as the test suite runs) that page fails the run (`report.capture`).

    `data` may be a SIASN folder as it comes: converted here (or `siasn`, its conversion done by the caller) into the
    steward's folder, `<internal>/siasn/`, and read from there.

    The period's findings go to the auditor's register (`register`: True = `register.sqlite` beside the period folders,
    a path, or False for none; report.temuan): recorded in one transaction once the tables are published, read by the
    pages from `tables/register.csv`, committed only when the period folder is swapped in."""
    from merit_lib.report.html import render_index, render_notebook, write_assets
    from merit_lib.report.temuan import recording
    from merit_lib.report.workbook import write_workbook

    period = check_period(period)
    workers = check_workers(workers)
    strict = capture.strict_default() if strict is None else strict
    log: dict[str, str] = {}
    browser = _pdf_browser() if pdf else None
    started = dt.datetime.now().astimezone()
    if siasn is None and is_siasn_folder(data):
        siasn = convert(data, lang=lang)
    if siasn is not None:
        siasn.require_tables()
    register_path = register_target(register, out, internal, (data,))
    with PeriodFolder(out, opds=opds, internal=internal, inputs=(data,),
                      internal_entries=(INTERNAL_VALIDATION, INTERNAL_SIASN, INTERNAL_LOG)) as folder, ExitStack() as held:
        stage = folder.stage
        for sub in ("notebooks/opd", "opd", "tables"):
            try:
                (stage / sub).mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise output_error(exc, stage / sub) from exc
        write_assets(stage)                          # the one stylesheet every page links
        with _Workers(workers, stage) as work:      # kernels warm up while we compute
            source = data if siasn is None else siasn.write(inside(folder.internal, INTERNAL_SIASN))
            meta = compute(source, period, stage / "tables", lang, internal_dir=folder.internal, siasn=siasn,
                           window=window, history_dir=folder.out.parent)
            meta = {**meta, "run": {"opds": list(opds) if opds else None, "out": folder.out.name}}   # for each page's trail
            record = None if register_path is None else held.enter_context(
                recording(register_path, stage / "tables", period, meta, lang, progress))
            jobs = plan(stage / "tables", period, lang, opds)
            results = work.run(jobs, lambda job: _run_and_render(work.pool, job, stage, meta, render_notebook, lang,
                                                                 strict, log),
                               "laporan" if lang == "id" else "reports", progress)
        results, pdfs = _print_pdfs(stage, jobs, results, browser, workers) if browser else (results, frozenset())
        _write_log(folder.internal, period, results, log)
        render_index(stage, jobs, results, meta, lang, pdfs)
        write_workbook(stage / "tables", stage / "ringkasan.xlsx", lang)
        manifest = folder.seal(_manifest(data, period, opds, workers, lang, meta, results, started))
        kept = folder.commit(failed=any(r.status != "ok" for r in results),
                             before_swap=None if record is None else record.commit)
        done = record is not None and kept is None
        return RunResult(folder.out if kept is None else kept, results, manifest, kept, folder.internal,
                         folder.warnings + meta.get("privacy_warnings", []),
                         record.path if done else None, record.result if done else None)


def _write_log(internal: Path, period: str, results: list[JobResult], log: dict[str, str]) -> Path:
    """The run's log in the steward's folder (restricted: stderr may name server paths): each notebook's status, time
    and error, then what each wrote to stderr."""
    lines = [f"merit report {period}: {sum(r.status == 'ok' for r in results)}/{len(results)} ok"]
    lines += [f"{r.name}: {r.status} {r.seconds:.1f} s" + (f" — {r.error}" if r.error else "")
              + (f" [stderr: {r.stderr}]" if r.stderr and not r.error else "") for r in results]
    body = "\n".join(lines) + "\n" + "".join(f"\n{log[r.name]}" for r in results if r.name in log)
    return write_text(body, inside(internal, INTERNAL_LOG), private=True)


def _pdf_browser() -> str:
    from merit_lib.report.pdf import require_browser

    return require_browser()


def _print_pdfs(stage: Path, jobs: list[Job], results: list[JobResult], browser: str, workers: int
                ) -> tuple[list[JobResult], frozenset[str]]:
    """An A4 PDF beside every OPD page that rendered; a page whose PDF failed counts as failed (its error named)."""
    from merit_lib.report.pdf import print_pages

    ok = {r.name for r in results if r.status == "ok"}
    pages = {j.name: inside(stage, f"{j.name}.html") for j in jobs if j.opd is not None and j.name in ok}
    errors = print_pages(pages, browser, workers)
    results = [JobResult(r.name, "failed", r.seconds, errors[r.name]) if errors.get(r.name) else r for r in results]
    return results, frozenset(name for name, error in errors.items() if error is None)


class _Workers:
    """The warm kernels and the threads that lend them out; on an error or a signal, pending notebooks are
    cancelled, running ones finish, then the kernels stop (so none is left behind)."""

    def __init__(self, n: int, cwd: Path):
        self.n, self.cwd = n, cwd
        self.pool: KernelPool | None = None
        self.executor: ThreadPoolExecutor | None = None

    def __enter__(self) -> _Workers:
        self.executor = ThreadPoolExecutor(max_workers=self.n)
        try:
            self.pool = KernelPool(self.n, self.cwd)
        except BaseException:
            self.executor.shutdown(wait=True)
            raise
        return self

    def run(self, jobs: list[Job], work, desc: str, progress: bool) -> list[JobResult]:
        """Run `work(job)` for every job; results in the jobs' order."""
        from tqdm import tqdm

        assert self.executor is not None
        futures: dict[Future, Job] = {self.executor.submit(work, job): job for job in jobs}
        results: list[JobResult] = []
        with tqdm(total=len(jobs), desc=desc, disable=not progress, unit="nb") as bar:
            for fut in as_completed(futures):
                results.append(fut.result())
                bar.update(1)
        order = {j.name: i for i, j in enumerate(jobs)}
        return sorted(results, key=lambda r: order[r.name])

    def __exit__(self, *exc: object) -> None:
        try:
            if self.executor is not None:
                self.executor.shutdown(wait=True, cancel_futures=True)
        finally:
            if self.pool is not None:
                self.pool.close()


def _run_and_render(pool: KernelPool | None, job: Job, stage: Path, meta: dict, render, lang: str, strict: bool = False,
                    log: dict[str, str] | None = None) -> JobResult:
    """Execute one notebook, take what it wrote to stderr out of it (into `log`, by page name; named in its result; a
    failure in `strict` mode), then render its page."""
    assert pool is not None
    executed = inside(stage, "notebooks", f"{job.name}.ipynb")
    result = pool.run(job.name, job.notebook, job.parameters, executed)
    captured = capture.take_stderr(executed) if executed.is_file() else []
    if captured:
        if log is not None:
            log[job.name] = capture.log_text(job.name, captured)
        line = capture.summary_line(captured)
        result = JobResult(result.name, result.status, result.seconds, result.error, line)
        if strict and result.status == "ok":
            result = JobResult(job.name, "failed", result.seconds, f"stderr: {line}", line)
    if result.status == "ok":
        try:
            render(executed, inside(stage, f"{job.name}.html"), job, meta, lang)
        except Exception as exc:  # rendering problems count as a failure of this page only
            result = JobResult(job.name, "failed", result.seconds, "render: " + first_line(exc))
    return result


def _manifest(data: Path | str, period: str, opds: list[str] | None, workers: int, lang: str, meta: dict,
              results: list[JobResult], started: dt.datetime) -> dict:
    return {"period": period, "window": meta["window"],
            "parameters": {"data": str(data), "opd": opds, "workers": workers, "lang": lang,
                           "window": meta["window"]["requested"]},
            "data_fingerprint": meta["fingerprint"], "inputs": meta["inputs"], "rows_read": meta["rows_read"],
            "rows_rejected": meta["rows_rejected"], "packages": package_versions(PACKAGES), "git_commit": git_commit(),
            "started": started.isoformat(timespec="seconds"),
            "finished": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "notebooks": [{**asdict(r), "seconds": round(r.seconds, 2)} for r in results],
            **({"siasn": meta["siasn"]} if "siasn" in meta else {})}
