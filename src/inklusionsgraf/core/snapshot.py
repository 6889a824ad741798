"""Snapshot cache (placeholder)."""


def cached(directory, build):
    return build()
