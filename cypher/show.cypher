// Show one node: its properties (provenance included) and every edge in or out.
// Parameters: $id (a node id), e.g. {id: 'funding:etnisk-erhvervsfremme'}.

// name: node
MATCH (n:Node {id: $id}) RETURN properties(n) AS props;

// name: out
MATCH (n:Node {id: $id})-[r]->(m:Node)
RETURN m.id AS id, m.title AS title, properties(r) AS data
ORDER BY r.seq;

// name: in
MATCH (m:Node)-[r]->(n:Node {id: $id})
RETURN m.id AS id, m.title AS title, properties(r) AS data
ORDER BY r.seq_in;
