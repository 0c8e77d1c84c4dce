"""Nothing but the report reaches a page (issue 23, item 1): what a report notebook writes to stderr — a warning, a
print — is taken out of the executed notebook and the page, kept for the run's log and named in the manifest without
paths; in strict mode (the test suite's) the page fails. Warm kernels show a warning again in every notebook."""

from __future__ import annotations

import nbformat
import pytest

from merit_lib.report import capture, pipeline
from merit_lib.report.html import render_notebook
from merit_lib.report.kernels import KernelPool

KERNEL = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}


def _notebook(path, *cells):
    nb = nbformat.v4.new_notebook(metadata=KERNEL)
    nb.cells = [nbformat.v4.new_code_cell("lang = 'id'", metadata={"tags": ["parameters"]}),
                *(nbformat.v4.new_code_cell(c) for c in cells)]
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def pool(tmp_path_factory):
    stage = tmp_path_factory.mktemp("stage")
    (stage / "notebooks").mkdir()
    p = KernelPool(1, stage)
    yield p, stage
    p.close()


def test_a_warning_is_kept_off_the_page_logged_and_named(pool, tmp_path):
    p, stage = pool
    src = _notebook(tmp_path / "w.ipynb",
                    "from IPython.display import HTML, display\ndisplay(HTML('<p>isi laporan</p>'))",
                    "import numpy as np\nx = np.mean([])",                      # RuntimeWarning: Mean of empty slice
                    "import sys\nprint('catatan di stderr', file=sys.stderr)")
    job = pipeline.Job("w", src, {"lang": "id"}, "Halaman uji")
    meta = {"period": "2026Q1", "fingerprint": "sidik-jari-uji"}
    log: dict[str, str] = {}
    results = [pipeline._run_and_render(p, job, stage, meta, render_notebook, "id", strict, log) for strict in (False, True)]

    ok, failed = results
    assert ok.status == "ok" and ok.stderr.startswith("RuntimeWarning: Mean of empty slice") and ok.stderr.endswith("(+1)")
    assert "/" not in ok.stderr                                  # the manifest's line names no path
    assert failed.status == "failed" and failed.error == f"stderr: {failed.stderr}"   # strict: the second run fails
    page = (stage / "w.html").read_text(encoding="utf-8")        # rendered by the first (non-strict) run
    assert "isi laporan" in page and "Warning" not in page and "catatan di stderr" not in page
    kept = (stage / "notebooks" / "w.ipynb").read_text(encoding="utf-8")
    assert '"name": "stderr"' not in kept and "Mean of empty slice" not in kept
    assert "Mean of empty slice" in log["w"] and "catatan di stderr" in log["w"] and "numpy" in log["w"]   # in full


def test_a_clean_notebook_reports_nothing(pool, tmp_path):
    p, stage = pool
    src = _notebook(tmp_path / "c.ipynb", "print('ke stdout')")
    log: dict[str, str] = {}
    r = pipeline._run_and_render(p, pipeline.Job("c", src, {}, "C"), stage, {"period": "2026Q1", "fingerprint": "x"},
                                 render_notebook, "id", True, log)
    assert r.status == "ok" and r.stderr is None and log == {}


def test_summary_line_cuts_paths_and_counts_streams():
    c = [capture.Captured(2, "/srv/app/.venv/lib/python3.11/site-packages/pandas/core/x.py:12: FutureWarning: "
                             "Downcasting is deprecated\n  y = z\n"),
         capture.Captured(3, "C:\\Users\\bkd\\merit_lib\\report\\views.py:142: RuntimeWarning: invalid value\n")]
    assert capture.summary_line(c) == "FutureWarning: Downcasting is deprecated (+1)"
    assert capture.without_paths(c[1].text).startswith("views.py:142: RuntimeWarning")
    assert capture.summary_line([capture.Captured(0, "\nplain words\n")]) == "plain words"
    assert capture.summary_line([]) == ""


def test_strict_mode_reads_the_environment(monkeypatch):
    for value, strict in (("1", True), ("true", True), ("", False), ("0", False)):
        monkeypatch.setenv(capture.STRICT_ENV, value)
        assert capture.strict_default() is strict
