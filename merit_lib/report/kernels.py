"""Warm kernels for the quarterly run: a few long-lived Python kernels that execute notebooks one after another.

Papermill starts a kernel per notebook, and nbclient opens a fresh kernel client (and waits 0.2 s to
flush it) even when handed a running kernel. `KernelPool` starts `n` kernels once, does the heavy
imports in them while the main process computes, and runs each notebook through papermill with the
`merit-warm` engine, which reuses the pool's connected client. Each notebook is still a real
papermill execution, with its parameters cell and per-cell metadata.
"""

from __future__ import annotations

import queue
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines

PRELOAD = """%matplotlib inline
%config InlineBackend.print_figure_kwargs = {"bbox_inches": None}
import io, merit_lib, merit_lib.report.views, merit_lib.report.page_figures, merit_lib.analysis.fairness, merit_lib.analysis.compliance
import pandas, pandas.io.formats.style, seaborn, statsmodels.api, matplotlib.pyplot as _plt
_f = _plt.figure(); _f.text(0.5, 0.5, "warm"); _f.savefig(io.BytesIO(), format="png"); _plt.close(_f)
pandas.DataFrame({"a": [1]}).style.hide(axis="index").to_html()
import merit_lib.report.alt_text as _alt; _alt.install()
del _f, _plt, _alt"""


class _ConnectedClient(PapermillNotebookClient):
    """papermill's notebook client on a kernel client that is already connected and ready."""

    def __init__(self, nb_man: object, kc: object, **kw: object):
        super().__init__(nb_man, **kw)
        self.kc = kc            # nbclient then skips opening (and flushing) a new client


class WarmEngine(NBClientEngine):
    """Papermill engine `merit-warm`: like the default nbclient engine, on the caller's kernel client `kc`."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, kc=None, km=None, start_timeout=60,  # type: ignore[override]
                                 execution_timeout=None, log_output=False, **kwargs):
        from papermill.log import logger

        client = _ConnectedClient(nb_man, kc, km=km, kernel_name=kernel_name, startup_timeout=start_timeout,
                                  timeout=execution_timeout, log=logger, log_output=log_output)
        return client.execute()


papermill_engines.register("merit-warm", WarmEngine)


@dataclass
class JobResult:
    """How one notebook went."""

    name: str
    status: str            # "ok" or "failed"
    seconds: float
    error: str | None = None
    stderr: str | None = None   # what the notebook wrote to stderr (warnings), in one line without paths (report.capture)


class KernelPool:
    """A few long-lived Python kernels, started once, with the heavy imports done, lent out one job at a time.

    Kernels warm up in background threads, so they import while the main process computes the tables.
    """

    def __init__(self, n: int, cwd: Path):
        from jupyter_client.manager import KernelManager

        self._free: queue.Queue = queue.Queue()
        self._kms = []
        # the sockets live in a short private folder: a Unix socket path may not exceed ~100 characters,
        # and the report folder's path can be as long as a user likes
        self._sockets = Path(tempfile.mkdtemp(prefix="merit-"))
        for i in range(n):
            km = KernelManager(kernel_name="python3", transport="ipc", ip=str(self._sockets / f"k{i}"))
            km.start_kernel(cwd=str(cwd))
            self._kms.append(km)
        self._warmers = [threading.Thread(target=lambda km=km: self._free.put(self._ready(km)), daemon=True) for km in self._kms]
        for t in self._warmers:
            t.start()

    @staticmethod
    def _ready(km: object) -> tuple:
        kc = km.client()  # type: ignore[attr-defined]
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=120)
            kc.execute_interactive(PRELOAD, timeout=300, output_hook=lambda msg: None)
        except Exception:  # noqa: BLE001 - a kernel that cannot start fails its jobs, with the reason
            pass
        return km, kc

    def run(self, name: str, notebook: Path, parameters: dict, output: Path) -> JobResult:
        """Execute one notebook with papermill in a free warm kernel; a dead kernel is restarted for the next job."""
        import papermill as pm

        from merit_lib.report.capture import RESET

        km, kc = self._free.get()
        t0 = time.perf_counter()
        try:
            kc.execute_interactive(RESET, timeout=60, output_hook=lambda msg: None)   # each notebook shows its own warnings
            pm.execute_notebook(literal(notebook), literal(output), parameters=parameters, km=km, kc=kc,
                                engine_name="merit-warm",
                                progress_bar=False, start_timeout=120, request_save_on_cell_execute=False)
            return JobResult(name, "ok", time.perf_counter() - t0)
        except Exception as exc:  # a failing notebook must not stop the others
            return JobResult(name, "failed", time.perf_counter() - t0, first_line(exc))
        finally:
            if not km.is_alive():
                kc.stop_channels()
                km.restart_kernel(now=True)
                km, kc = self._ready(km)
            self._free.put((km, kc))

    def close(self) -> None:
        for t in self._warmers:
            t.join(timeout=300)
        while not self._free.empty():
            km, kc = self._free.get()
            kc.stop_channels()
        for km in self._kms:
            km.shutdown_kernel(now=True)
        shutil.rmtree(self._sockets, ignore_errors=True)


def literal(path: Path) -> str:
    """A path as papermill takes it literally: it formats the paths it is given with the notebook's parameters
    (`str.format`), so the braces of a folder name like `laporan {lama}` are doubled."""
    return str(path).replace("{", "{{").replace("}", "}}")


def first_line(exc: BaseException) -> str:
    """The exception's type and its last three non-empty lines, for the manifest and the console."""
    text = str(exc).strip().splitlines()
    lines = [line for line in text if line.strip() and not set(line.strip()) <= {"-"}]
    return (type(exc).__name__ + ": " + " | ".join(lines[-3:]))[:500]
