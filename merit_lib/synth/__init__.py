"""The synthetic Banten extract (with planted effects) and the shapes real extracts take; uses `domain` only."""

from merit_lib.synth.generator import (
    Disparity,
    MeritGap,
    MissingAssessment,
    SynthExtract,
    demo_path,
    synthesize,
    write_tables,
)
from merit_lib.synth.siasn import to_siasn

__all__ = ["Disparity", "MeritGap", "MissingAssessment", "SynthExtract", "demo_path", "synthesize", "to_siasn", "write_tables"]
