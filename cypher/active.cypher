// Active: activities and funding sources that run in a year, because a stated period covers
// it ('full') or because they go on after their end ('reduced' or 'continues').
// Activities and sources without any stated year are not listed.
// Parameters: $year (integer), e.g. {year: 2013}.

// name: active
MATCH (n:Node)
WHERE (n:Activity OR n:Funding)
  AND (n.start_year IS NOT NULL OR n.end_year IS NOT NULL)
  AND (n.start_year IS NULL OR n.start_year <= $year)
  AND (n.end_year IS NULL OR n.end_year >= $year OR n.end_kind IN ['reduced', 'continues'])
RETURN n.id AS id, n.kind AS kind, n.title AS title, n.start_year AS start_year,
       n.end_year AS end_year, n.end_kind AS end_kind,
       CASE WHEN n.end_year IS NOT NULL AND n.end_year < $year THEN n.end_kind ELSE 'full' END AS scale
ORDER BY kind, id;
