// Load statements: each takes $rows, a list of maps, and merges them, so loading the same
// graph twice leaves the same graph. Every node gets the label Node and its kind's label;
// every property (title, period, amounts, provenance: document, line, quote) is in row.props.
// Identity edges (SAME_AS, CONTINUES, PART_OF) may have a reason instead of a source line.
// Edges are keyed by row.key (kind, ends, document, line and an ordinal) and carry seq and
// seq_in, their position among the edges out of their source and into their target, which
// keeps answers in the same order as the embedded backend.
// Parameters: $rows.

// name: clear
MATCH (n) DETACH DELETE n;

// name: documents
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d = row.props;

// name: node-administration
UNWIND $rows AS row
MERGE (n:Node:Administration {id: row.id})
SET n = row.props;

// name: node-goal
UNWIND $rows AS row
MERGE (n:Node:Goal {id: row.id})
SET n = row.props;

// name: node-activity
UNWIND $rows AS row
MERGE (n:Node:Activity {id: row.id})
SET n = row.props;

// name: node-funding
UNWIND $rows AS row
MERGE (n:Node:Funding {id: row.id})
SET n = row.props;

// name: node-area
UNWIND $rows AS row
MERGE (n:Node:Area {id: row.id})
SET n = row.props;

// name: edge-supports
UNWIND $rows AS row
MATCH (a:Node {id: row.source})
MATCH (b:Node {id: row.target})
MERGE (a)-[r:SUPPORTS {key: row.key}]->(b)
SET r = row.props;

// name: edge-funds
UNWIND $rows AS row
MATCH (a:Node {id: row.source})
MATCH (b:Node {id: row.target})
MERGE (a)-[r:FUNDS {key: row.key}]->(b)
SET r = row.props;

// name: edge-located-in
UNWIND $rows AS row
MATCH (a:Node {id: row.source})
MATCH (b:Node {id: row.target})
MERGE (a)-[r:LOCATED_IN {key: row.key}]->(b)
SET r = row.props;

// name: edge-responsible
UNWIND $rows AS row
MATCH (a:Node {id: row.source})
MATCH (b:Node {id: row.target})
MERGE (a)-[r:RESPONSIBLE {key: row.key}]->(b)
SET r = row.props;

// name: edge-depends-on
UNWIND $rows AS row
MATCH (a:Node {id: row.source})
MATCH (b:Node {id: row.target})
MERGE (a)-[r:DEPENDS_ON {key: row.key}]->(b)
SET r = row.props;

// name: edge-same-as
// Identity, succession and parts: a row gives its source line (document, line, quote), a
// reason a reviewer can check, or both; props holds what is given (continues: its change).
UNWIND $rows AS row
MATCH (a:Node {id: row.source})
MATCH (b:Node {id: row.target})
MERGE (a)-[r:SAME_AS {key: row.key}]->(b)
SET r = row.props;

// name: edge-continues
UNWIND $rows AS row
MATCH (a:Node {id: row.source})
MATCH (b:Node {id: row.target})
MERGE (a)-[r:CONTINUES {key: row.key}]->(b)
SET r = row.props;

// name: edge-part-of
UNWIND $rows AS row
MATCH (a:Node {id: row.source})
MATCH (b:Node {id: row.target})
MERGE (a)-[r:PART_OF {key: row.key}]->(b)
SET r = row.props;

// name: count
MATCH (n:Node)
WITH count(n) AS nodes
OPTIONAL MATCH (:Node)-[r]->(:Node)
RETURN nodes, count(r) AS edges;
