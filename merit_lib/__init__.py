"""merit_lib: load, validate and analyse the ASN profiling extract of Pemprov Banten."""

from .load import Extract, LoadError, ValidationReport, load_extract
from .period import Period
from .synth import Disparity, MeritGap, synthesize

__all__ = ["Extract", "LoadError", "ValidationReport", "load_extract", "Period", "synthesize",
           "Disparity", "MeritGap"]
__version__ = "0.1.0"
