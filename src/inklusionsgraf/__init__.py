"""inklusionsgraf: Copenhagen's inclusion policy as one graph of goals, work and money.

A notebook session::

    from inklusionsgraf import load_graph, queries
    graph = load_graph()                 # the bundled dataset, validated
    result = queries.unfunded_goals(graph)
    result.rows[:3]
"""

from inklusionsgraf.build import build_graph, load_graph
from inklusionsgraf.tables import read_dataset

__all__ = ["build_graph", "load_graph", "read_dataset"]
__version__ = "0.1.0"
