// Area profile: the activities located in an area or in any area inside it, each with the
// nearest of those places it is located in (fewest steps from the area; ties by id), and the
// sub-areas of the area, nearest first. Only activities whose statement holds in $year count,
// and no option a template lists (status 'option') is work.
// A statement "holds" in $year when its years (holds_from..holds_to, written by the load)
// cover $year; with $year null, when no later statement has taken over from it.
// Parameters: $area (an area id) and $year (integer or null),
//   e.g. {area: 'area:mjolnerparken', year: null}.

// name: activities
MATCH p = (place:Area)-[:LOCATED_IN*0..]->(top:Area {id: $area})
WITH place, min(length(p)) AS depth
MATCH (a:Activity)-[:LOCATED_IN]->(place)
WHERE coalesce(a.status, '') <> 'option' AND (($year IS NULL AND a.superseded_in IS NULL) OR ($year IS NOT NULL AND coalesce(a.holds_from, $year) <= $year AND coalesce(a.holds_to, $year) >= $year))
WITH a, place, depth
ORDER BY depth, place.id
WITH a, collect(place)[0] AS place
RETURN a.id AS id, a.title AS title, place.id AS place, place.title AS area, a.status AS status,
       a.start_year AS start_year, a.end_year AS end_year, a.end_kind AS end_kind
ORDER BY id;

// name: sub-areas
MATCH p = (place:Area)-[:LOCATED_IN*1..]->(top:Area {id: $area})
WITH place, min(length(p)) AS depth
WHERE place.id <> $area
RETURN place.id AS id, place.title AS title, depth
ORDER BY depth, id;
