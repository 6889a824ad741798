// Unfunded goals: goals with no secured funding on themselves, on the goals beneath them or
// on the activities beneath them (at any depth), with what is known instead: the funding
// statuses found ('secured_elsewhen' for secured money for other years than $year,
// 'secured_unstated' for secured money whose years are not stated), whether an
// activity beneath states a cost of zero, the activities beneath, the money recorded (funds)
// and the stated costs. Only statements that hold in $year count, and only secured money
// covering $year funds a goal.
// A statement "holds" in $year when its years (holds_from..holds_to, written by the load)
// cover $year; with $year null, when no later statement has taken over from it
// (superseded_in is null). Money "covers" $year when covers_from..covers_to does.
// Parameters: $year (integer, or null for each thing's latest statement), e.g. {year: 2013}.

// name: unfunded
MATCH (g:Goal)
WHERE (($year IS NULL AND g.superseded_in IS NULL) OR ($year IS NOT NULL AND coalesce(g.holds_from, $year) <= $year AND coalesce(g.holds_to, $year) >= $year))
OPTIONAL MATCH p = (x:Node)-[:SUPPORTS*0..]->(g)
WHERE all(n IN nodes(p) WHERE (($year IS NULL AND n.superseded_in IS NULL) OR ($year IS NOT NULL AND coalesce(n.holds_from, $year) <= $year AND coalesce(n.holds_to, $year) >= $year)))
WITH g, collect(DISTINCT x) AS under
UNWIND under AS u
OPTIONAL MATCH (f:Funding)-[r:FUNDS]->(u)
WITH g, under,
     collect(CASE WHEN r IS NULL THEN NULL
                  WHEN r.status = 'secured' AND NOT ($year IS NULL OR (coalesce(r.covers_from, $year) <= $year AND coalesce(r.covers_to, $year) >= $year))
                    THEN CASE WHEN r.years_unstated THEN 'secured_unstated' ELSE 'secured_elsewhen' END
                  ELSE r.status END) AS statuses,
     collect(CASE WHEN r IS NULL THEN NULL ELSE {source: f.id, target: u.id, data: properties(r)} END) AS funds
WHERE NOT 'secured' IN statuses
WITH g, statuses, funds, [a IN under WHERE a:Activity] AS activities
RETURN g.id AS id, g.title AS title, g.level AS level, statuses,
       any(a IN activities WHERE a.cost_max_dkk = 0 AND coalesce(a.cost_min_dkk, 0) = 0) AS zero_cost,
       size(activities) AS activities,
       [a IN activities | a.id] AS activity_ids,
       funds,
       g.document AS document, g.line AS line
ORDER BY id;

// name: goals
MATCH (g:Goal)
WHERE (($year IS NULL AND g.superseded_in IS NULL) OR ($year IS NOT NULL AND coalesce(g.holds_from, $year) <= $year AND coalesce(g.holds_to, $year) >= $year))
RETURN count(g) AS goals;
