// Expiring: activities, funding sources and goals whose period ends in a year, and what the
// source says happens then (end_kind: ends, reduced, continues).
// Parameters: $year (integer), e.g. {year: 2013}.

// name: expiring
MATCH (n:Node)
WHERE n.end_year = $year AND NOT n:Administration
RETURN n.id AS id, n.kind AS kind, n.title AS title, coalesce(n.end_date, n.end_year) AS end,
       coalesce(n.end_kind, '') AS end_kind, n.document AS document, n.line AS line
ORDER BY kind, id;
