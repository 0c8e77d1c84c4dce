"""merit_lib: load, validate and analyse the ASN profiling extract of Pemprov Banten."""

from merit_lib.data.extract import Extract, LoadError, ValidationReport, load_extract
from merit_lib.domain.period import Period
from merit_lib.synth import Disparity, MeritGap, synthesize

__all__ = ["Extract", "LoadError", "ValidationReport", "load_extract", "Period", "synthesize",
           "Disparity", "MeritGap"]
__version__ = "0.1.0"
