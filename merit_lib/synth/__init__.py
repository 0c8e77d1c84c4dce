"""The synthetic Banten extract (with planted effects) and the shapes real extracts take; uses `domain` only."""

from merit_lib.synth.generator import Disparity, MeritGap, SynthExtract, demo_path, synthesize, write_tables

__all__ = ["Disparity", "MeritGap", "SynthExtract", "demo_path", "synthesize", "write_tables"]
