"""inklusionsgraf: Copenhagen's inclusion policy as one graph of goals, work and money.

A notebook session::

    from inklusionsgraf import load_graph, queries
    graph = load_graph()                 # the bundled dataset, validated
    result = queries.unfunded_goals(graph)
    result.rows[:3]
"""

__all__ = ["build_graph", "load_graph", "read_dataset"]
__version__ = "0.1.0"


def __getattr__(name: str):
    """load_graph, build_graph and read_dataset, imported when first asked for: networkx
    loads only with a graph (a columnar answer and the CLI's start need none)."""
    if name in ("build_graph", "load_graph"):
        from inklusionsgraf import build

        return getattr(build, name)
    if name == "read_dataset":
        from inklusionsgraf.tables import read_dataset

        return read_dataset
    raise AttributeError(f"module 'inklusionsgraf' has no attribute {name!r}")
