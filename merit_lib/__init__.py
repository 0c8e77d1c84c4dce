"""merit_lib: the ASN merit workbook of Pemprov Banten — the few verbs a notebook needs.

    import merit_lib as ml
    extract = ml.load_extract(PATH)              # files → validated tables + validation report
    frame = ml.analysis_frame(extract, "2026Q1")  # person-quarters of the window (4 quarters ending with 2026Q1)
    ml.fit_readiness(frame).summary()            # how competency and kinerja predict promotion
    ml.audit(frame).summary()                    # fairness at equal merit, per OPD and province
    ml.compliance(frame)                         # meritocracy compliance per OPD
    ml.compare(fit_a, fit_b)                     # two readiness fits (or two audits) side by side

Each result shows itself in a notebook (sizes, provenance, readable terms; never a NIP or a name) in the language its
extract was loaded in (`ml.load_extract(PATH, lang="en")`); the frame carries the data's fingerprint to every result.
A period is checked once, at `analysis_frame`: malformed, outside the data's history or after its last date is one
clear message.

The layers behind them: `domain` ← `data` ← `analysis` ← `report` ← `cli`, and `synth` beside.
"""

from __future__ import annotations

import importlib
from typing import Any

#: public name → the module that holds it (imported on first use, so `import merit_lib` stays quick)
_VERBS = {
    "load_extract": "merit_lib.data.extract", "Extract": "merit_lib.data.extract",
    "ValidationReport": "merit_lib.data.extract", "LoadError": "merit_lib.data.extract",
    "Period": "merit_lib.domain.period", "PeriodError": "merit_lib.domain.period",
    "FrameError": "merit_lib.analysis.door",
    "analysis_frame": "merit_lib.analysis.features",
    "fit_readiness": "merit_lib.analysis.model",
    "audit": "merit_lib.analysis.fairness",
    "compliance": "merit_lib.analysis.compliance",
    "compare": "merit_lib.analysis.compare",
    "promotion_ledger": "merit_lib.analysis.ledger",
    "synthesize": "merit_lib.synth", "Disparity": "merit_lib.synth", "MeritGap": "merit_lib.synth",
    "run_report": "merit_lib.report.pipeline",
    "Register": "merit_lib.data.register",
}
__all__ = sorted(_VERBS)
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in _VERBS:
        return getattr(importlib.import_module(_VERBS[name]), name)
    raise AttributeError(f"module 'merit_lib' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_VERBS])
