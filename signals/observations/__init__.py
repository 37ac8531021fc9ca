"""Observations: what a professional noticed, recorded once and corrected by new versions."""
