// Expiring: activities, funding sources and goals whose period ends in a year, and what the
// source says happens then (end_kind: ends, reduced, continues); each thing once, by the
// statement that holds in $year.
// A statement "holds" in $year when its years (holds_from..holds_to, written by the load)
// cover $year; with $year null, when no later statement has taken over from it
// (superseded_in is null). Money "covers" $year when covers_from..covers_to does.
// Parameters: $year (integer), e.g. {year: 2013}.

// name: expiring
MATCH (n:Node)
WHERE n.end_year = $year AND NOT n:Administration AND (($year IS NULL AND n.superseded_in IS NULL) OR ($year IS NOT NULL AND coalesce(n.holds_from, $year) <= $year AND coalesce(n.holds_to, $year) >= $year))
RETURN n.id AS id, n.kind AS kind, n.title AS title, coalesce(n.end_date, n.end_year) AS end,
       coalesce(n.end_kind, '') AS end_kind, n.document AS document, n.line AS line
ORDER BY kind, id;
