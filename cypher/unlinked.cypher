// Unlinked activities: activities that support no goal (of any document), each thing by its
// latest statement.
// A statement "holds" in $year when its years (holds_from..holds_to, written by the load)
// cover $year; with $year null, when no later statement has taken over from it
// (superseded_in is null). Money "covers" $year when covers_from..covers_to does.
// Parameters: $year (null: each thing's latest statement).

// name: unlinked
MATCH (a:Activity)
WHERE (($year IS NULL AND a.superseded_in IS NULL) OR ($year IS NOT NULL AND coalesce(a.holds_from, $year) <= $year AND coalesce(a.holds_to, $year) >= $year))
OPTIONAL MATCH (a)-[s:SUPPORTS]->(:Goal)
WITH a, count(s) AS goals
WHERE goals = 0
RETURN a.id AS id, a.title AS title, a.status AS status, a.start_year AS start_year,
       a.end_year AS end_year, a.end_kind AS end_kind, a.document AS document, a.line AS line
ORDER BY id;

// name: activities
MATCH (a:Activity)
WHERE (($year IS NULL AND a.superseded_in IS NULL) OR ($year IS NOT NULL AND coalesce(a.holds_from, $year) <= $year AND coalesce(a.holds_to, $year) >= $year))
RETURN count(a) AS activities;
