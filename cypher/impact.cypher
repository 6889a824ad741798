// Impact of a funding source's expiry: the activities it funds or that are conditional on it
// ("Såfremt X gennemføres"), the activities that depend on those, and what happens to each
// when the source expires in $year:
//   ends      conditional on the source, or no other secured or planned money;
//   reduced   other secured or planned money exists;
//   the activity's own end_kind if it ends in $year anyway.
// Activities that ended before $year are listed as over (effect 'over').
// Parameters: $source (a funding id) and $year (integer),
//   e.g. {source: 'funding:etnisk-erhvervsfremme', year: 2013}.

// name: affected
MATCH (src:Funding {id: $source})
OPTIONAL MATCH (src)-[fr:FUNDS]->(fa:Activity)
WITH src, fa, fr ORDER BY fr.seq
WITH src, [x IN collect({id: fa.id, status: fr.status}) WHERE x.id IS NOT NULL] AS funded
OPTIONAL MATCH (ca:Activity)-[dr:DEPENDS_ON]->(src)
WITH src, funded, ca, dr ORDER BY dr.seq_in
WITH src, funded, [x IN collect({id: ca.id, condition: dr.condition}) WHERE x.id IS NOT NULL] AS conditional
WITH src, funded, conditional, [x IN funded | x.id] + [x IN conditional | x.id] AS roots
OPTIONAL MATCH p = (d:Activity)-[:DEPENDS_ON*1..]->(root:Activity)
WHERE root.id IN roots AND NOT d.id IN roots
WITH src, funded, conditional, roots, d, p ORDER BY length(p), nodes(p)[1].id
WITH src, funded, conditional, roots,
     [x IN collect({id: d.id, on: nodes(p)[1].id}) WHERE x.id IS NOT NULL] AS dependents
UNWIND roots + [x IN dependents | x.id] AS id
WITH DISTINCT src, funded, conditional, dependents, id
MATCH (a:Activity {id: id})
OPTIONAL MATCH (other:Funding)-[o:FUNDS]->(a)
WHERE other <> src AND o.status IN ['secured', 'planned']
WITH src, funded, conditional, dependents, a, count(o) AS other_money
OPTIONAL MATCH (src)-[m:FUNDS]->(a)
WITH a, other_money,
     [x IN conditional WHERE x.id = a.id | 'conditional on it (' + x.condition + ')'] AS why_conditional,
     [x IN funded WHERE x.id = a.id | 'funded by it (' + x.status + ')'] AS why_funded,
     [x IN dependents WHERE x.id = a.id | 'depends on ' + x.on] AS why_dependent,
     collect(CASE WHEN m IS NULL THEN NULL ELSE {source: $source, target: a.id, data: properties(m)} END) AS money
WITH a, money, coalesce(head(why_conditional), head(why_funded), head(why_dependent)) AS why,
     CASE
       WHEN a.end_year IS NOT NULL AND a.end_year < $year THEN 'over'
       WHEN size(why_conditional) > 0 THEN 'ends'
       WHEN a.end_year = $year AND a.end_kind IS NOT NULL THEN a.end_kind
       WHEN other_money > 0 THEN 'reduced'
       ELSE 'ends'
     END AS effect
RETURN a.id AS id, a.title AS title, effect, why, a.start_year AS start_year,
       a.end_year AS end_year, a.end_kind AS end_kind, money
ORDER BY id;

// name: goals_reached
// The goals with any of $touched (activity ids) beneath them. Run once per chunk of ids.
UNWIND $touched AS touched
MATCH (:Activity {id: touched})-[:SUPPORTS*1..]->(g:Goal)
RETURN DISTINCT g.id AS id;

// name: goals_under
// For each of $ids (goal ids), every activity beneath it, one row each (not one list: a
// record of many kilobytes stalls FalkorDB's Bolt); the client compares those with the
// touched and ending activities: left without support if all are ending, weakened if all are
// touched, else still supported by other work.
UNWIND $ids AS goal
MATCH (a:Activity)-[:SUPPORTS*1..]->(g:Goal {id: goal})
RETURN DISTINCT g.id AS id, a.id AS activity;

// name: areas_reached
UNWIND $touched AS touched
MATCH (:Activity {id: touched})-[:LOCATED_IN*1..]->(p:Area)
RETURN DISTINCT p.id AS id;

// name: areas_under
// Left without support if every activity beneath is ending, else it still has other work.
UNWIND $ids AS area
MATCH (a:Activity)-[:LOCATED_IN*1..]->(p:Area {id: area})
RETURN DISTINCT p.id AS id, a.id AS activity;

// name: source
MATCH (src:Funding {id: $source})
RETURN src.id AS id, src.title AS title, src.start_year AS start_year, src.end_year AS end_year,
       src.end_kind AS end_kind;
