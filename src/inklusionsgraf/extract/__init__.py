"""Extraction: read new action plans, status forms, agreements and reports into the tables."""
