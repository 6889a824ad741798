// Unfunded goals: goals with no secured funding on themselves, on the goals beneath them or
// on the activities beneath them (at any depth), with what is known instead: the funding
// statuses found, whether an activity beneath states a cost of zero, the activities beneath,
// the money recorded (funds) and the stated costs.
// Parameters: none.

// name: unfunded
MATCH (g:Goal)
OPTIONAL MATCH (x:Node)-[:SUPPORTS*0..]->(g)
WITH g, collect(DISTINCT x) AS under
UNWIND under AS u
OPTIONAL MATCH (f:Funding)-[r:FUNDS]->(u)
WITH g, under, collect(r.status) AS statuses,
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
MATCH (g:Goal) RETURN count(g) AS goals;
