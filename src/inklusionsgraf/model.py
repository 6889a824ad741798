"""The vocabulary: node and edge kinds, ids with a kind prefix, and the coded values.

>>> NodeKind.from_id("area:mjolnerparken")
<NodeKind.AREA: 'area'>
"""

from __future__ import annotations

from enum import StrEnum


class NodeKind(StrEnum):
    ADMINISTRATION = "administration"
    GOAL = "goal"
    ACTIVITY = "activity"
    FUNDING = "funding"
    AREA = "area"

    @property
    def prefix(self) -> str:
        return ID_PREFIXES[self]

    @classmethod
    def from_id(cls, node_id: str) -> "NodeKind | None":
        prefix, _, rest = node_id.partition(":")
        return _KIND_BY_PREFIX.get(prefix) if rest else None


ID_PREFIXES = {
    NodeKind.ADMINISTRATION: "admin",
    NodeKind.GOAL: "goal",
    NodeKind.ACTIVITY: "activity",
    NodeKind.FUNDING: "funding",
    NodeKind.AREA: "area",
}
_KIND_BY_PREFIX = {prefix: kind for kind, prefix in ID_PREFIXES.items()}


class EdgeKind(StrEnum):
    SUPPORTS = "supports"
    FUNDS = "funds"
    LOCATED_IN = "located-in"
    RESPONSIBLE = "responsible"
    DEPENDS_ON = "depends-on"
    SAME_AS = "same-as"
    CONTINUES = "continues"
    PART_OF = "part-of"


# Edge kinds that say how statements relate (identity, succession, parts), not how the work is
# carried: both ends are of one node kind.
IDENTITY_EDGES = frozenset({EdgeKind.SAME_AS, EdgeKind.CONTINUES, EdgeKind.PART_OF})


class GoalLevel(StrEnum):
    """From the top of the policy down to an administration's sub-goals."""

    FOCUS_AREA = "focus_area"
    POLICY_GOAL = "policy_goal"
    INITIATIVE = "initiative"
    ADMINISTRATION_GOAL = "administration_goal"
    SUB_GOAL = "sub_goal"


class FundingStatus(StrEnum):
    """How sure the money is, most sure first."""

    SECURED = "secured"
    PLANNED = "planned"
    SOUGHT = "sought"
    UNCERTAIN = "uncertain"


class EndKind(StrEnum):
    """What happens when a period ends."""

    ENDS = "ends"
    REDUCED = "reduced"
    CONTINUES = "continues"
    UNKNOWN = "unknown"


class Condition(StrEnum):
    """What a depends-on edge says of its target ("provided" is the older name of starts_if)."""

    STARTS_IF = "starts_if"    # a condition for starting ("Såfremt X gennemføres")
    REQUIRES = "requires"      # needs it to keep running
    COOPERATES = "cooperates"  # works with it ("i samarbejde med"): not a dependency


class Change(StrEnum):
    """How a later goal or activity continues an earlier one (a continues edge's ``change``)."""

    CONTINUED = "continued"
    REWORDED = "reworded"
    MOVED = "moved"          # to another administration
    NARROWED = "narrowed"
    WIDENED = "widened"
    MERGED = "merged"
    SPLIT = "split"


class Basis(StrEnum):
    """What an amount covers: a one-off sum, a sum each year, or the whole period."""

    ONCE = "once"
    PER_YEAR = "per_year"
    WHOLE_PERIOD = "whole_period"


# Which node kinds each edge kind may join (source kinds, target kinds).
EDGE_ENDPOINTS: dict[EdgeKind, tuple[frozenset[NodeKind], frozenset[NodeKind]]] = {
    EdgeKind.SUPPORTS: (frozenset({NodeKind.ACTIVITY, NodeKind.GOAL}), frozenset({NodeKind.GOAL})),
    EdgeKind.FUNDS: (frozenset({NodeKind.FUNDING}), frozenset({NodeKind.ACTIVITY, NodeKind.GOAL})),
    EdgeKind.LOCATED_IN: (frozenset({NodeKind.ACTIVITY, NodeKind.AREA}), frozenset({NodeKind.AREA})),
    EdgeKind.RESPONSIBLE: (
        frozenset({NodeKind.ADMINISTRATION}),
        frozenset({NodeKind.GOAL, NodeKind.ACTIVITY, NodeKind.ADMINISTRATION}),
    ),
    EdgeKind.DEPENDS_ON: (
        frozenset({NodeKind.ACTIVITY}),
        frozenset({NodeKind.FUNDING, NodeKind.ACTIVITY}),
    ),
    # identity edges: both ends of one kind (checked by tables.References)
    EdgeKind.SAME_AS: (frozenset(NodeKind), frozenset(NodeKind)),
    EdgeKind.CONTINUES: (frozenset({NodeKind.GOAL, NodeKind.ACTIVITY, NodeKind.FUNDING}),
                         frozenset({NodeKind.GOAL, NodeKind.ACTIVITY, NodeKind.FUNDING})),
    EdgeKind.PART_OF: (frozenset({NodeKind.GOAL, NodeKind.ACTIVITY, NodeKind.FUNDING}),
                       frozenset({NodeKind.GOAL, NodeKind.ACTIVITY, NodeKind.FUNDING})),
}
