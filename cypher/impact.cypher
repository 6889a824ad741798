// Impact of a funding source's expiry: the activities it funds or that require it (a depends-on
// edge with condition 'requires'; a condition for starting or cooperation is no dependency
// here), the activities that require those, and what happens to each when the source
// expires in $year, each thing by the statement that holds in $year:
//   over      its own period ended before $year;
//   its own end_kind if its statement says it ends in $year (a later document's words win);
//   ends      it requires the source, or no other secured or planned money covers $year;
//   reduced   other secured or planned money covers $year.
// A statement "holds" in $year when its years (holds_from..holds_to, written by the load)
// cover $year; money "covers" $year when covers_from..covers_to does.
// Parameters: $source (a funding id) and $year (integer),
//   e.g. {source: 'funding:etnisk-erhvervsfremme', year: 2013}.

// name: affected
MATCH (src:Funding {id: $source})
OPTIONAL MATCH (src)-[fr:FUNDS]->(fa:Activity)
WHERE (($year IS NULL AND fa.superseded_in IS NULL) OR ($year IS NOT NULL AND coalesce(fa.holds_from, $year) <= $year AND coalesce(fa.holds_to, $year) >= $year))
WITH src, fa, fr ORDER BY fr.seq
WITH src, [x IN collect({id: fa.id, status: fr.status}) WHERE x.id IS NOT NULL] AS funded
OPTIONAL MATCH (ca:Activity)-[dr:DEPENDS_ON]->(src)
WHERE dr.condition = 'requires' AND (($year IS NULL AND ca.superseded_in IS NULL) OR ($year IS NOT NULL AND coalesce(ca.holds_from, $year) <= $year AND coalesce(ca.holds_to, $year) >= $year))
WITH src, funded, ca, dr ORDER BY dr.seq_in
WITH src, funded, [x IN collect({id: ca.id, condition: dr.condition}) WHERE x.id IS NOT NULL] AS conditional
WITH src, funded, conditional, [x IN funded | x.id] + [x IN conditional | x.id] AS roots
OPTIONAL MATCH p = (d:Activity)-[:DEPENDS_ON*1..]->(root:Activity)
WHERE root.id IN roots AND NOT d.id IN roots
  AND all(r IN relationships(p) WHERE r.condition = 'requires')
  AND all(n IN nodes(p) WHERE (($year IS NULL AND n.superseded_in IS NULL) OR ($year IS NOT NULL AND coalesce(n.holds_from, $year) <= $year AND coalesce(n.holds_to, $year) >= $year)))
WITH src, funded, conditional, roots, d, p ORDER BY length(p), nodes(p)[1].id
WITH src, funded, conditional, roots,
     [x IN collect({id: d.id, on: nodes(p)[1].id}) WHERE x.id IS NOT NULL] AS dependents
UNWIND roots + [x IN dependents | x.id] AS id
WITH DISTINCT src, funded, conditional, dependents, id
MATCH (a:Activity {id: id})
OPTIONAL MATCH (other:Funding)-[o:FUNDS]->(a)
WHERE other <> src AND o.status IN ['secured', 'planned'] AND ($year IS NULL OR (coalesce(o.covers_from, $year) <= $year AND coalesce(o.covers_to, $year) >= $year))
WITH src, funded, conditional, dependents, a, count(o) AS other_money
OPTIONAL MATCH (src)-[m:FUNDS]->(a)
WHERE ($year IS NULL OR (coalesce(m.covers_from, $year) <= $year AND coalesce(m.covers_to, $year) >= $year))
WITH a, other_money,
     [x IN conditional WHERE x.id = a.id | 'conditional on it (' + x.condition + ')'] AS why_conditional,
     [x IN funded WHERE x.id = a.id | 'funded by it (' + x.status + ')'] AS why_funded,
     [x IN dependents WHERE x.id = a.id | 'depends on ' + x.on] AS why_dependent,
     collect(CASE WHEN m IS NULL THEN NULL ELSE {source: $source, target: a.id, data: properties(m)} END) AS money
WITH a, money, coalesce(head(why_conditional), head(why_funded), head(why_dependent)) AS why,
     CASE
       WHEN a.end_year IS NOT NULL AND a.end_year < $year THEN 'over'
       WHEN a.end_year = $year AND a.end_kind IS NOT NULL THEN a.end_kind
       WHEN size(why_conditional) > 0 THEN 'ends'
       WHEN other_money > 0 THEN 'reduced'
       ELSE 'ends'
     END AS effect
RETURN a.id AS id, a.title AS title, effect, why, a.start_year AS start_year,
       a.end_year AS end_year, a.end_kind AS end_kind, money
ORDER BY id;

// name: goals_reached
// The goals with any of $touched (activity ids) beneath them, through statements that hold
// in $year. Run once per chunk of ids.
UNWIND $touched AS touched
MATCH p = (:Activity {id: touched})-[:SUPPORTS*1..]->(g:Goal)
WHERE all(n IN nodes(p) WHERE (($year IS NULL AND n.superseded_in IS NULL) OR ($year IS NOT NULL AND coalesce(n.holds_from, $year) <= $year AND coalesce(n.holds_to, $year) >= $year)))
RETURN DISTINCT g.id AS id;

// name: goals_under
// For each of $ids (goal ids), every activity beneath it that holds in $year, one row each
// (not one list: a record of many kilobytes stalls FalkorDB's Bolt); the client compares
// those with the touched and ending activities: left without support if all are ending,
// weakened if all are touched, else still supported by other work.
UNWIND $ids AS goal
MATCH p = (a:Activity)-[:SUPPORTS*1..]->(g:Goal {id: goal})
WHERE all(n IN nodes(p) WHERE (($year IS NULL AND n.superseded_in IS NULL) OR ($year IS NOT NULL AND coalesce(n.holds_from, $year) <= $year AND coalesce(n.holds_to, $year) >= $year)))
RETURN DISTINCT g.id AS id, a.id AS activity;

// name: areas_reached
UNWIND $touched AS touched
MATCH (:Activity {id: touched})-[:LOCATED_IN*1..]->(p:Area)
RETURN DISTINCT p.id AS id;

// name: areas_under
// Left without support if every activity beneath that holds in $year is ending, else it
// still has other work.
UNWIND $ids AS area
MATCH (a:Activity)-[:LOCATED_IN*1..]->(p:Area {id: area})
WHERE (($year IS NULL AND a.superseded_in IS NULL) OR ($year IS NOT NULL AND coalesce(a.holds_from, $year) <= $year AND coalesce(a.holds_to, $year) >= $year))
RETURN DISTINCT p.id AS id, a.id AS activity;

// name: source
MATCH (src:Funding {id: $source})
RETURN src.id AS id, src.title AS title, src.start_year AS start_year, src.end_year AS end_year,
       src.end_kind AS end_kind;
