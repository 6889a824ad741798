// Orphan goals: goals that no activity supports, directly or through the goals beneath them,
// with the number of goals beneath each; only statements that hold in $year count.
// A statement "holds" in $year when its years (holds_from..holds_to, written by the load)
// cover $year; with $year null, when no later statement has taken over from it
// (superseded_in is null). Money "covers" $year when covers_from..covers_to does.
// Parameters: $year (integer, or null for each thing's latest statement), e.g. {year: 2013}.

// name: orphans
MATCH (g:Goal)
WHERE (($year IS NULL AND g.superseded_in IS NULL) OR ($year IS NOT NULL AND coalesce(g.holds_from, $year) <= $year AND coalesce(g.holds_to, $year) >= $year))
OPTIONAL MATCH p = (a:Activity)-[:SUPPORTS*1..]->(g)
WHERE all(n IN nodes(p) WHERE (($year IS NULL AND n.superseded_in IS NULL) OR ($year IS NOT NULL AND coalesce(n.holds_from, $year) <= $year AND coalesce(n.holds_to, $year) >= $year)))
WITH g, count(a) AS activities
WHERE activities = 0
OPTIONAL MATCH q = (s:Goal)-[:SUPPORTS*1..]->(g)
WHERE all(n IN nodes(q) WHERE (($year IS NULL AND n.superseded_in IS NULL) OR ($year IS NOT NULL AND coalesce(n.holds_from, $year) <= $year AND coalesce(n.holds_to, $year) >= $year)))
RETURN g.id AS id, g.title AS title, g.level AS level, count(DISTINCT s) AS sub_goals,
       g.document AS document, g.line AS line
ORDER BY id;

// name: goals
MATCH (g:Goal)
WHERE (($year IS NULL AND g.superseded_in IS NULL) OR ($year IS NOT NULL AND coalesce(g.holds_from, $year) <= $year AND coalesce(g.holds_to, $year) >= $year))
RETURN count(g) AS goals;
