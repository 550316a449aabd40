"""Vocational institutions, their training programmes, admissions, fees and outcomes."""
