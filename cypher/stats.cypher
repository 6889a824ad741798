// Stats: how many nodes and edges of each kind, and how many facts (nodes and edges) each
// source document gave.
// Parameters: none.

// name: nodes
MATCH (n:Node) RETURN n.kind AS name, count(n) AS count ORDER BY name;

// name: edges
MATCH (:Node)-[r]->(:Node) RETURN r.kind AS name, count(r) AS count ORDER BY name;

// name: documents
MATCH (d:Document)
OPTIONAL MATCH (n:Node)
WHERE n.document = d.id
WITH d, count(n) AS nodes
OPTIONAL MATCH (:Node)-[r]->(:Node)
WHERE r.document = d.id
WITH d, nodes, count(r) AS edges
RETURN d.id AS name, nodes + edges AS count
ORDER BY name;
