// Lineage: a goal's, activity's or funding source's line through the documents: every node
// joined to it by SAME_AS and CONTINUES edges, either way and transitively, and those edges
// with their change, reason and provenance. Python puts the steps in document order and
// picks the link that joins each step to the one before.
// Parameters: $ids (node ids: the node asked for, or the nodes a name picks), e.g.
// {ids: ['goal:okf-2010-1a']}.

// name: line
// The nodes on the lines of $ids (each id itself too).
UNWIND $ids AS id
MATCH (n:Node {id: id})-[:SAME_AS|CONTINUES*0..]-(m:Node)
RETURN DISTINCT m.id AS id;

// name: links
// The SAME_AS and CONTINUES edges out of $ids (all of a line's edges when $ids is the line).
UNWIND $ids AS id
MATCH (a:Node {id: id})-[r:SAME_AS|CONTINUES]->(b:Node)
RETURN a.id AS source, b.id AS target, properties(r) AS data;
