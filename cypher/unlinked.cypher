// Unlinked activities: activities that support no goal.
// Parameters: none.

// name: unlinked
MATCH (a:Activity)
OPTIONAL MATCH (a)-[s:SUPPORTS]->(:Goal)
WITH a, count(s) AS goals
WHERE goals = 0
RETURN a.id AS id, a.title AS title, a.status AS status, a.start_year AS start_year,
       a.end_year AS end_year, a.end_kind AS end_kind, a.document AS document, a.line AS line
ORDER BY id;

// name: activities
MATCH (a:Activity) RETURN count(a) AS activities;
