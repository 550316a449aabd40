"""Faceted search over occupations and programmes: one contract, two engines."""
