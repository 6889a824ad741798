// Administration profile: the goals and activities an administration is responsible for,
// directly or through a unit it led at the time of the goal's or activity's document, and
// the goals its own plans state; only statements that hold in $year count.
// A statement "holds" in $year when its years (holds_from..holds_to, written by the load)
// cover $year; with $year null, when no later statement has taken over from it.
// Parameters: $admin (an administration id) and $year (integer or null),
//   e.g. {admin: 'admin:tmf', year: null}.

// name: direct
MATCH (a:Administration {id: $admin})-[r:RESPONSIBLE]->(n:Node)
WHERE NOT n:Administration AND (($year IS NULL AND n.superseded_in IS NULL) OR ($year IS NOT NULL AND coalesce(n.holds_from, $year) <= $year AND coalesce(n.holds_to, $year) >= $year))
RETURN n.id AS id, n.kind AS kind, n.title AS title, r.role AS role, '' AS via
ORDER BY r.seq;

// name: via-units
MATCH (a:Administration {id: $admin})-[h:RESPONSIBLE]->(u:Administration)
MATCH (u)-[r:RESPONSIBLE]->(n:Node)
WHERE NOT n:Administration AND (($year IS NULL AND n.superseded_in IS NULL) OR ($year IS NOT NULL AND coalesce(n.holds_from, $year) <= $year AND coalesce(n.holds_to, $year) >= $year))
OPTIONAL MATCH (d:Document {id: n.document})
WITH h, u, r, n, d
WHERE d.year IS NULL OR ((h.start_year IS NULL OR h.start_year <= d.year) AND (h.end_year IS NULL OR h.end_year >= d.year))
RETURN n.id AS id, n.kind AS kind, n.title AS title, r.role AS role, coalesce(u.abbreviation, u.id) AS via
ORDER BY h.seq, r.seq;

// name: owned
MATCH (g:Goal {administration: $admin})
WHERE (($year IS NULL AND g.superseded_in IS NULL) OR ($year IS NOT NULL AND coalesce(g.holds_from, $year) <= $year AND coalesce(g.holds_to, $year) >= $year))
RETURN g.id AS id, g.kind AS kind, g.title AS title, 'owner' AS role, '' AS via
ORDER BY id;

// name: units
MATCH (a:Administration {id: $admin})-[h:RESPONSIBLE]->(u:Administration)
RETURN u.id AS id, h.start_year AS start_year, h.end_year AS end_year, h.end_kind AS end_kind
ORDER BY h.seq;
