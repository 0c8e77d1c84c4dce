"""The quarterly run: compute once, then execute and render every report notebook in warm kernels.

`run_report` validates the extract, builds the analysis frame, fits the models, runs the audit and the
compliance table, writes them to `tables/`, then executes the province, audit and per-OPD notebooks
with papermill in a few long-lived kernels (each notebook is still a real executed notebook, kept in
`notebooks/`), renders them to HTML with our nbconvert template, and writes `index.html`,
`ringkasan.xlsx` and `manifest.json`. Everything is written to a staging folder first and swapped in
at the end, so an interrupted or failed run never replaces a good period folder.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import uuid
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from merit_lib.analysis import summaries
from merit_lib.analysis.compliance import compliance
from merit_lib.analysis.features import analysis_frame, counted_promotions
from merit_lib.analysis.ledger import for_extract as ledger_for_extract
from merit_lib.data.extract import load_extract
from merit_lib.data.provenance import git_commit, package_versions
from merit_lib.domain.period import Period
from merit_lib.domain.roles import ASN, Roles
from merit_lib.report.kernels import JobResult, KernelPool, first_line

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"   # package data (the repository links notebooks/ here)
PACKAGES = ("merit_lib", "pandas", "numpy", "statsmodels", "pandera", "seaborn", "matplotlib", "papermill",
            "nbconvert", "nbclient", "fairlearn", "scipy", "openpyxl")
TABLES = ("compliance", "findings", "model_coefficients", "validation", "promotions_ledger")


@dataclass
class Job:
    """One notebook to execute and render: its output name (e.g. `opd/DINKES`), source and parameters."""

    name: str
    notebook: Path
    parameters: dict
    title: str
    opd: str | None = None


@dataclass
class RunResult:
    """The outcome of a quarterly run: where it went, each notebook's result, the manifest."""

    out: Path
    jobs: list[JobResult]
    manifest: dict = field(default_factory=dict)
    kept_aside: Path | None = None

    @property
    def failures(self) -> list[JobResult]:
        return [j for j in self.jobs if j.status != "ok"]

    @property
    def ok(self) -> bool:
        return not self.failures


# --------------------------------------------------------------------------- compute once

def compute(data: Path | str, period: str, tables_dir: Path | str, lang: str = "id", roles: Roles = ASN) -> dict:
    """Validate, build the frame, fit models, audit, compliance; write every table to `tables_dir`. Returns facts for the manifest."""
    from merit_lib.analysis.fairness import audit
    from merit_lib.analysis.model import fit_readiness

    tables_dir = Path(tables_dir)
    tables_dir.mkdir(parents=True, exist_ok=True)
    extract = load_extract(data, lang=lang)
    frame = analysis_frame(extract, period)
    models = fit_readiness(frame, roles)
    result = audit(frame, roles)
    comp = compliance(frame, result.findings)
    ledger = ledger_for_extract(extract, frame, period)
    ledger.to_csv(tables_dir / "promotions_ledger.csv", index=False)
    extract.report.to_csv(tables_dir / "validation.csv")
    models.coefficients.to_csv(tables_dir / "model_coefficients.csv", index=False)
    result.to_dir(tables_dir)
    comp.to_csv(tables_dir / "compliance.csv", index=False)
    for name, table in summaries.all_tables(frame).items():
        table.to_csv(tables_dir / f"{name}.csv", index=False)
    meta = {"period": str(Period.parse(period)), "fingerprint": extract.fingerprint(), "lang": lang,
            "rows_read": {k: int(v) for k, v in extract.report.rows_read.items()},
            "rows_rejected": {t: len(extract.report.rejected_rows(t)) for t in extract.report.rows_read},
            "n_pegawai": int(len(frame)), "n_promosi": int(counted_promotions(frame).sum()),
            "promotion_events": {str(k): int(v) for k, v in
                                 ledger[ledger["jenis"] == "promosi"].groupby("alasan")["n_peristiwa"].sum().items()},
            "model_notes": list(getattr(models, "notes", [])),
            "inputs": {name: {"file": src.describe(), "sha256": extract.fingerprints.get(src.describe())}
                       for name, src in extract.sources.items()}}
    (tables_dir / "run_meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
    return meta


def compute_opd_codes(data: Path | str) -> set[str]:
    """The OPD codes present in an extract's pegawai table (to check `--opd` before a long run)."""
    return set(load_extract(data).pegawai["opd_kode"].dropna())


# --------------------------------------------------------------------------- the run

def plan(tables_dir: Path, period: str, lang: str, opds: list[str] | None) -> list[Job]:
    """The notebooks of a period: province, fairness audit, one per OPD (all OPDs, or those asked for)."""
    comp = pd.read_csv(tables_dir / "compliance.csv", dtype={"opd_kode": str})
    codes = opds or comp["opd_kode"].tolist()
    names = dict(zip(comp["opd_kode"], comp["opd_nama"]))
    base = {"tables_dir": "tables", "period": period, "lang": lang}
    en = lang == "en"
    jobs = [Job("provinsi", NOTEBOOKS / "11_province.ipynb", {**base, "history_dir": ".."},
                "Province summary" if en else "Ringkasan Provinsi"),
            Job("audit_keadilan", NOTEBOOKS / "03_fairness_audit.ipynb",
                {"results_dir": "tables", "period": period, "lang": lang},
                "Fairness audit" if en else "Audit Keadilan Promosi")]
    for code in codes:
        title = f"{'Report' if en else 'Laporan'} {names.get(code, code)}"
        jobs.append(Job(f"opd/{code}", NOTEBOOKS / "10_opd_report.ipynb", {**base, "opd_kode": code}, title, code))
    return jobs


def run_report(data: Path | str, period: str, out: Path | str, opds: list[str] | None = None, workers: int = 2,
               lang: str = "id", progress: bool = True) -> RunResult:
    """Render every report of a period into `out` (written aside, then swapped in)."""
    from tqdm import tqdm

    from merit_lib.report.html import render_index, render_notebook
    from merit_lib.report.workbook import write_workbook

    period = str(Period.parse(period))
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = out.with_name(f".{out.name}.partial-{uuid.uuid4().hex[:8]}")
    started = dt.datetime.now().astimezone()
    pool = None
    try:
        (stage / "notebooks" / "opd").mkdir(parents=True)
        (stage / "opd").mkdir()
        pool = KernelPool(max(1, workers), stage)       # warms up while we compute
        meta = compute(data, period, stage / "tables", lang)
        jobs = plan(stage / "tables", period, lang, opds)
        results: list[JobResult] = []
        with ThreadPoolExecutor(max_workers=max(1, workers)) as ex:
            futures = {ex.submit(_run_and_render, pool, job, stage, meta, render_notebook, lang): job for job in jobs}
            bar = tqdm(total=len(jobs), desc="laporan" if lang == "id" else "reports", disable=not progress, unit="nb")
            for fut in as_completed(futures):
                results.append(fut.result())
                bar.update(1)
            bar.close()
        pool.close()
        pool = None
        order = {j.name: i for i, j in enumerate(jobs)}
        results.sort(key=lambda r: order[r.name])
        render_index(stage, jobs, results, meta, lang)
        write_workbook(stage / "tables", stage / "ringkasan.xlsx", lang)
        manifest = _manifest(data, period, opds, workers, lang, meta, results, started)
        (stage / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
        kept = _swap(stage, out, failed=any(r.status != "ok" for r in results))
        return RunResult(out if kept is None else kept, results, manifest, kept)
    except BaseException:
        if pool is not None:
            pool.close()
        shutil.rmtree(stage, ignore_errors=True)
        raise


def _run_and_render(pool: KernelPool, job: Job, stage: Path, meta: dict, render, lang: str) -> JobResult:
    executed = stage / "notebooks" / f"{job.name}.ipynb"
    result = pool.run(job.name, job.notebook, job.parameters, executed)
    if result.status == "ok":
        try:
            render(executed, stage / f"{job.name}.html", job, meta, lang)
        except Exception as exc:  # rendering problems count as a failure of this page only
            result = JobResult(job.name, "failed", result.seconds, "render: " + first_line(exc))
    return result


def _swap(stage: Path, out: Path, failed: bool) -> Path | None:
    """Put the finished staging folder in place; a run with failures never replaces an existing folder."""
    if failed and out.exists():
        aside = out.with_name(f"{out.name}.gagal-{dt.datetime.now():%Y%m%d-%H%M%S}")
        stage.rename(aside)
        return aside
    old = out.with_name(f".{out.name}.old-{uuid.uuid4().hex[:8]}")
    if out.exists():
        out.rename(old)
    stage.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    return None


def _manifest(data: Path | str, period: str, opds: list[str] | None, workers: int, lang: str, meta: dict,
              results: list[JobResult], started: dt.datetime) -> dict:
    return {"period": period, "parameters": {"data": str(data), "opd": opds, "workers": workers, "lang": lang},
            "data_fingerprint": meta["fingerprint"], "inputs": meta["inputs"], "rows_read": meta["rows_read"],
            "rows_rejected": meta["rows_rejected"], "packages": package_versions(PACKAGES), "git_commit": git_commit(),
            "started": started.isoformat(timespec="seconds"),
            "finished": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "notebooks": [{**asdict(r), "seconds": round(r.seconds, 2)} for r in results]}
