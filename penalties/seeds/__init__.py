"""Seed data: the reference data of SPEC §5 and a demo district."""
