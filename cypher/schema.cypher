// Schema: an index on the id of every graph node and of every source document, and where
// the server supports it, a uniqueness constraint on node ids.
// Parameters: none. The load command runs these for you.
//
// Neo4j 5 runs the IF NOT EXISTS forms, so running them twice is harmless. FalkorDB has
// neither IF NOT EXISTS nor Cypher constraints: the load command then runs the plain
// CREATE INDEX forms, and a second run of those fails because the index exists already,
// which the load command expects.

// name: index-node-id
CREATE INDEX node_id IF NOT EXISTS FOR (n:Node) ON (n.id);

// name: index-document-id
CREATE INDEX document_id IF NOT EXISTS FOR (d:Document) ON (d.id);

// name: constraint-node-id
CREATE CONSTRAINT node_id_unique IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE;

// name: index-node-id-plain
CREATE INDEX FOR (n:Node) ON (n.id);

// name: index-document-id-plain
CREATE INDEX FOR (d:Document) ON (d.id);
