// Changes between two plan years: the goals and activities stated in the documents of a
// year, and the funding stated in the documents of either year. A document's year is its
// year, else the year of its date. Python then follows their lines (cypher/lineage.cypher)
// to say what continued (and how), was dropped or is new, and whose funding changed status.
// Parameters: $year, $from_year, $to_year (whole years), e.g. {from_year: 2010, to_year: 2013}.

// name: stated
// Goals and activities stated in the documents of $year.
MATCH (n:Node)
WHERE n:Goal OR n:Activity
MATCH (d:Document {id: n.document})
WITH n, coalesce(d.year, toInteger(substring(d.date, 0, 4))) AS year
WHERE year = $year
RETURN n.id AS id
ORDER BY id;

// name: funds
// Funds edges stated in the documents of $from_year or $to_year.
MATCH (f:Funding)-[r:FUNDS]->(n:Node)
MATCH (d:Document {id: r.document})
WITH f, r, n, coalesce(d.year, toInteger(substring(d.date, 0, 4))) AS year
WHERE year = $from_year OR year = $to_year
RETURN f.id AS source, n.id AS target, properties(r) AS data
ORDER BY r.seq;
