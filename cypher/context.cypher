// Context the CLI needs to present answers the same way on both backends: nodes by id with
// all their properties, who is responsible for them, which administration housed each unit,
// the source documents, and the names a user may type.
// Parameters: $ids (list of node ids), $kinds (list of node kinds), $probe (text).

// name: nodes
UNWIND $ids AS id
MATCH (n:Node {id: id})
RETURN properties(n) AS props;

// name: responsible
// Responsible edges into the nodes.
UNWIND $ids AS id
MATCH (a:Administration)-[r:RESPONSIBLE]->(n:Node {id: id})
RETURN properties(a) AS admin, properties(n) AS target_props, properties(r) AS data;

// name: units
// Every administration -> unit edge: which administration housed a unit, and when.
MATCH (a:Administration)-[r:RESPONSIBLE]->(u:Administration)
RETURN properties(a) AS admin, properties(u) AS target_props, properties(r) AS data;

// name: probe
// Sent once on connecting, to learn how the server passes parameters.
RETURN $probe AS probe;

// name: owners
// The administrations named as owners of the nodes (the goals' administration column).
UNWIND $ids AS id
MATCH (n:Node {id: id})
MATCH (a:Administration {id: n.administration})
RETURN properties(a) AS admin;

// name: documents
MATCH (d:Document)
RETURN properties(d) AS props;

// name: names
MATCH (n:Node)
WHERE n.kind IN $kinds
RETURN n.id AS id, n.kind AS kind, n.title AS title, n.abbreviation AS abbreviation,
       n.code AS code, n.aliases AS aliases, n.thing AS thing;

// name: funds-into
UNWIND $ids AS id
MATCH (f:Funding)-[r:FUNDS]->(n:Node {id: id})
RETURN f.id AS source, n.id AS target, properties(r) AS data;
