// Cross-administration dependencies: the edges that can join the work, goals or money of two
// administrations. Each statement returns one relation; the CLI then credits each end to its
// lead administrations (a unit to the administration that housed it in the document's year,
// see context.cypher) and keeps the rows where the two differ.
//   serves    an activity or goal supports a goal
//   funds     a funding source controlled by an administration funds an activity or goal
//   partners  an administration is partner in another's activity or goal
//   houses    an administration leads a unit (with the period)
//   depends   an activity depends on another activity or a funding source (with its condition)
// Only goals and activities whose statement holds in $year count.
// A statement "holds" in $year when its years (holds_from..holds_to, written by the load)
// cover $year; with $year null, when no later statement has taken over from it.
// Parameters: $year (integer or null for each thing's latest statement).

// name: serves
MATCH (u:Node)-[r:SUPPORTS]->(v:Goal)
WHERE (($year IS NULL AND u.superseded_in IS NULL) OR ($year IS NOT NULL AND coalesce(u.holds_from, $year) <= $year AND coalesce(u.holds_to, $year) >= $year)) AND (($year IS NULL AND v.superseded_in IS NULL) OR ($year IS NOT NULL AND coalesce(v.holds_from, $year) <= $year AND coalesce(v.holds_to, $year) >= $year))
RETURN u.id AS source, v.id AS target, u.title AS via, v.title AS target_title,
       r.document AS document, r.line AS line
ORDER BY r.seq;

// name: funds
MATCH (f:Funding)-[r:FUNDS]->(v:Node)
WHERE f.controller IS NOT NULL AND (($year IS NULL AND v.superseded_in IS NULL) OR ($year IS NOT NULL AND coalesce(v.holds_from, $year) <= $year AND coalesce(v.holds_to, $year) >= $year))
RETURN f.id AS source, f.controller AS controller, v.id AS target, f.title AS via,
       v.title AS target_title, r.document AS document, r.line AS line
ORDER BY r.seq;

// name: partners
MATCH (p:Administration)-[r:RESPONSIBLE]->(v:Node)
WHERE r.role = 'partner' AND (v:Activity OR v:Goal) AND (($year IS NULL AND v.superseded_in IS NULL) OR ($year IS NOT NULL AND coalesce(v.holds_from, $year) <= $year AND coalesce(v.holds_to, $year) >= $year))
RETURN p.id AS partner, v.id AS target, v.title AS via, r.document AS document, r.line AS line
ORDER BY r.seq;

// name: houses
MATCH (a:Administration)-[r:RESPONSIBLE]->(u:Administration)
WHERE r.role = 'lead'
RETURN a.id AS source, u.id AS target, r.start_year AS start_year, r.end_year AS end_year,
       r.document AS document, r.line AS line
ORDER BY r.seq;

// name: depends
MATCH (u:Node)-[r:DEPENDS_ON]->(v:Node)
WHERE (($year IS NULL AND u.superseded_in IS NULL) OR ($year IS NOT NULL AND coalesce(u.holds_from, $year) <= $year AND coalesce(u.holds_to, $year) >= $year)) AND (($year IS NULL AND v.superseded_in IS NULL) OR ($year IS NOT NULL AND coalesce(v.holds_from, $year) <= $year AND coalesce(v.holds_to, $year) >= $year))
RETURN u.id AS source, v.id AS target, u.title AS via, v.title AS target_title, v.controller AS controller,
       r.condition AS condition, r.document AS document, r.line AS line
ORDER BY r.seq;
