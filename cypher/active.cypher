// Active: activities and funding sources that run in a year, because a stated period covers
// it ('full') or because they go on after their end ('reduced' or 'continues'); each thing
// once, by the statement that holds in $year.
// Activities and sources without any stated year are not listed.
// A statement "holds" in $year when its years (holds_from..holds_to, written by the load)
// cover $year; with $year null, when no later statement has taken over from it
// (superseded_in is null). Money "covers" $year when covers_from..covers_to does.
// Parameters: $year (integer), e.g. {year: 2013}.

// name: active
MATCH (n:Node)
WHERE (n:Activity OR n:Funding)
  AND (n.start_year IS NOT NULL OR n.end_year IS NOT NULL)
  AND (n.start_year IS NULL OR n.start_year <= $year)
  AND (n.end_year IS NULL OR n.end_year >= $year OR n.end_kind IN ['reduced', 'continues'])
  AND (($year IS NULL AND n.superseded_in IS NULL) OR ($year IS NOT NULL AND coalesce(n.holds_from, $year) <= $year AND coalesce(n.holds_to, $year) >= $year))
RETURN n.id AS id, n.kind AS kind, n.title AS title, n.start_year AS start_year,
       n.end_year AS end_year, n.end_kind AS end_kind,
       CASE WHEN n.end_year IS NOT NULL AND n.end_year < $year THEN n.end_kind ELSE 'full' END AS scale
ORDER BY kind, id;
