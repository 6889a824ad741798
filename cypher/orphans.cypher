// Orphan goals: goals that no activity supports, directly or through the goals beneath them,
// with the number of goals beneath each.
// Parameters: none.

// name: orphans
MATCH (g:Goal)
OPTIONAL MATCH (a:Activity)-[:SUPPORTS*1..]->(g)
WITH g, count(a) AS activities
WHERE activities = 0
OPTIONAL MATCH (s:Goal)-[:SUPPORTS*1..]->(g)
RETURN g.id AS id, g.title AS title, g.level AS level, count(DISTINCT s) AS sub_goals,
       g.document AS document, g.line AS line
ORDER BY id;

// name: goals
MATCH (g:Goal) RETURN count(g) AS goals;
