"""Headings and labels for views and reports, in Danish (the default) and English.

One dict per language with the same keys; :func:`labels` picks one, :func:`term` translates a
coded value (a node kind, a goal level, a funding status) and falls back to the value itself.

>>> labels("da")["kind.goal"]
'Mål'
>>> term("en", "status", "sought")
'sought'
"""

from __future__ import annotations

import re

from inklusionsgraf.errors import InklusionsgrafError

LANGUAGES = ("da", "en")

DA = {
    # node kinds, edge kinds, goal levels
    "kind.administration": "Forvaltning", "kind.goal": "Mål", "kind.activity": "Aktivitet",
    "kind.funding": "Finansieringskilde", "kind.area": "Område",
    "edge.supports": "understøtter", "edge.funds": "finansierer", "edge.located-in": "ligger i",
    "edge.responsible": "ansvarlig for", "edge.depends-on": "afhænger af",
    "edge.same-as": "samme som", "edge.continues": "viderefører", "edge.part-of": "del af",
    "level.focus_area": "indsatsområde", "level.policy_goal": "politikmål",
    "level.initiative": "initiativ", "level.administration_goal": "forvaltningsmål",
    "level.sub_goal": "delmål",
    "level.administration": "forvaltning", "level.unit": "enhed", "level.committee": "udvalg",
    "level.council": "Borgerrepræsentationen", "level.external": "ekstern partner",
    # coded values
    "status.secured": "sikret", "status.planned": "planlagt", "status.sought": "søgt",
    "status.uncertain": "usikker", "status.ongoing": "igangværende", "status.proposed": "foreslået",
    "status.ended": "afsluttet", "status.option": "mulighed (ikke besluttet)", "status.unstated": "status ikke angivet",
    "end_kind.ends": "ophører", "end_kind.reduced": "fortsætter reduceret",
    "end_kind.continues": "fortsætter", "end_kind.unknown": "ukendt",
    "role.lead": "ansvarlig", "role.partner": "partner", "role.oversight": "tilsyn",
    "role.adopted": "vedtaget (politik eller aftale)", "level.municipality": "kommune",
    "condition.provided": "forudsat at den gennemføres", "condition.requires": "kræver",
    "condition.starts_if": "starter kun hvis den gennemføres", "condition.cooperates": "samarbejder med",
    "change.continued": "videreført", "change.reworded": "omformuleret", "change.moved": "flyttet",
    "change.narrowed": "indsnævret", "change.widened": "udvidet", "change.merged": "lagt sammen",
    "change.split": "delt",
    "basis.once": "engangsbeløb", "basis.per_year": "årligt", "basis.whole_period": "hele perioden",
    "basis.unstated": "grundlag ikke angivet",
    # fields in tooltips and reports
    "field.kind": "Type", "field.level": "Niveau", "field.code": "Nummer",
    "field.administration": "Forvaltning", "field.period": "Periode", "field.status": "Status",
    "field.cost": "Udgift", "field.amount": "Beløb", "field.role": "Rolle",
    "field.condition": "Betingelse", "field.type": "Art", "field.controller": "Styres af",
    "field.document": "Dokument", "field.line": "Linje", "field.quote": "Citat",
    "field.aliases": "Andre navne", "field.gaps": "Huller", "field.id": "Id",
    "field.title": "Titel", "field.from": "Fra", "field.to": "Til", "field.change": "Ændring",
    "period.unknown": "ikke angivet",
    # gaps
    "gap.orphan": "Mål uden aktivitet", "gap.unfunded": "Mål uden sikret finansiering",
    "gap.ending": "Aktivitet udløber i {year}", "gap.ending_any": "Aktivitet udløber i det valgte år",
    # the view's page
    "view.title": "Inklusionsgraf", "view.search": "Søg", "view.search_hint": "titel, id eller andet navn",
    "view.all": "Alle", "view.year": "År", "view.reset": "Nulstil", "view.depth": "Naboskab, dybde",
    "view.legend": "Signaturforklaring", "view.kinds": "Typer", "view.gaps": "Huller",
    "view.showing": "Viser {nodes} af {all_nodes} knuder og {edges} af {all_edges} kanter",
    "view.matches": "{count} fundet", "view.focus": "Fokus: {title} (dybde {depth})",
    "view.click_hint": "Klik på en knude for at se dens naboskab; hold musen over en knude eller kant for kilden.",
    "view.made_with": "Lavet med filtre: {filters}", "view.no_filters": "ingen",
    "view.aggregated": ("Grafen har {nodes} knuder, flere end de {threshold} en browser kan lægge ud; "
                        "den vises samlet med én knude pr. forvaltning og type. "
                        "Afgræns med --admin, --area, --year, --kind eller --focus."),
    "view.group": "{kind} i {admin}: {count}", "view.group_edges": "{count} kanter",
    "view.several_admins": "flere forvaltninger", "view.no_admin": "ingen forvaltning",
    "view.filter_off": "(ikke i samlet visning)",
    "view.edges": "Kanter", "view.save_png": "Gem som PNG", "view.export_csv": "Eksportér udvalg (CSV)",
    "view.keep": "Gem og del", "view.link_hint": "Adressen i browseren gemmer filtre, fokus og udvalg: del den som link.",
    "view.open_groups": "Åbne grupper", "view.open_hint": "Klik på en gruppe for at åbne den.",
    "view.close": "Luk", "view.too_many": "{title} har {count} knuder; åbnet ville visningen have over {limit}.",
    "view.gap_share": "{gap}: {count} af {total}", "view.gap_share_hint": "I samlet visning: andelen af gruppens knuder.",
    "view.shown_of": "{shown} af {count}",
    # reports
    "report.unfunded": "Mål uden sikret finansiering", "report.orphans": "Mål uden aktiviteter",
    "report.summary": "Oversigt", "report.by_admin": "Antal pr. forvaltning",
    "report.by_policy_goal": "Antal pr. politikmål", "report.policy_goal": "Politikmål", "report.goals": "Mål",
    "report.entries": "Målene", "report.activity_rows": "Aktiviteter og finansiering",
    "report.count": "Antal", "report.total": "I alt: {listed} af {goals} mål",
    "report.why": "Hvorfor listet", "report.activities": "Aktiviteter under målet",
    "report.funding": "Finansiering kendt", "report.costs": "Udgifter kendt",
    "report.sub_goals": "Delmål under målet", "report.policy_goals": "Under politikmål",
    "report.activity": "Aktivitet", "report.funding_source": "Finansieringskilde",
    "report.min_dkk": "Mindst (kr.)", "report.max_dkk": "Højst (kr.)", "report.basis": "Grundlag",
    "report.amount_text": "Beløb som skrevet", "report.start_year": "Startår", "report.end_year": "Slutår",
    "report.none": "ingen", "report.amount_unknown": "beløb ikke angivet", "report.none_recorded": "(ingen angivet)",
    "report.no_policy_goal": "(under intet politikmål)",
    "report.source": "Kilde: {document}, linje {line}",
    "report.count_note": "Et mål med flere forvaltninger eller politikmål tælles under hver.",
    "report.written": "Skrevet {date}", "report.version": "Dataversion {version}",
    "report.newest_document": "nyeste kildedokument {when}", "report.only_admins": "Kun mål under {admins}",
    "report.method": "Metode",
    "report.method.unfunded": ("Et mål står her, når hverken målet selv, dets delmål eller aktiviteterne under det "
                               "har sikret finansiering efter dokumenternes seneste udsagn; det er de samme mål "
                               "og grunde som kommandoen »gaps unfunded« giver."),
    "report.method.orphans": ("Et mål står her, når ingen aktivitet understøtter det, hverken direkte eller "
                              "gennem delmål, efter dokumenternes seneste udsagn; det er de samme mål som "
                              "kommandoen »gaps orphans« giver."),
    "report.method.statuses": ("»Sikret« betyder, at dokumentet siger, at pengene er bevilget, afsat eller "
                               "budgetlagt; »søgt«, at der er søgt om dem; »planlagt«, at de er planlagt eller "
                               "forventet, men ikke bevilget; »usikker«, at dokumentet selv tager forbehold."),
    "report.method.sums": ("Beløb lægges kun sammen, når de har samme status, samme grundlag (engangsbeløb, "
                           "årligt, hele perioden) og samme år; alt andet står side om side, og et delbeløb "
                           "lægges ikke til det beløb, det er en del af. Et beløb, der ikke er angivet, "
                           "forbliver ukendt."),
    "report.method.groups": ("Målene står under den forvaltning eller det organ, der er ansvarlig for dem; et mål "
                             "med flere står under hver. Aktiviteter, beløb og citater står i bilaget."),
    "report.appendix": "Bilag: aktiviteter, beløb og kilder", "report.see_appendix": "bilag",
    "report.back": "til oversigten", "report.goal_count": "{count} mål",
    "report.source_short": "Kilde", "report.no_entries": "Ingen mål er listet.",
    "report.amount_column": "{status} (kr.)", "report.amount_notes": "Beløb ikke vist som tal",
    "report.amount_several": "{status}: {count} beløb for forskellige år eller grundlag, ikke lagt sammen",
    "report.amount_range": "{status}: interval {figure} kr.",
    "report.amount_not_stated": "{status}: beløb ikke angivet",
    "report.one_activity": "1 aktivitet", "report.n_activities": "{count} aktiviteter",
    "report.goal_id": "Mål-id", "report.activity_id": "Aktivitets-id", "report.page": "Side",
    "report.chart_admin": "Mål pr. forvaltning", "report.chart_policy": "Mål pr. politikmål",
    "why.orphan": "ingen aktivitet under målet, hverken direkte eller gennem delmål",
    "why.unfunded": "ingen sikret finansiering under målet: {reasons}",
    "why.nothing recorded": "intet registreret", "why.only": "kun {what}",
    "why.uncertain": "usikker", "why.zero cost stated": "udgift angivet som 0 kr.",
    "why.secured only in other years": "kun sikret i andre år",
    "why.secured, years not stated": "sikret, men årene er ikke angivet",
}

EN = {
    "kind.administration": "Administration", "kind.goal": "Goal", "kind.activity": "Activity",
    "kind.funding": "Funding source", "kind.area": "Area",
    "edge.supports": "supports", "edge.funds": "funds", "edge.located-in": "located in",
    "edge.responsible": "responsible for", "edge.depends-on": "depends on",
    "edge.same-as": "same as", "edge.continues": "continues", "edge.part-of": "part of",
    "level.focus_area": "focus area", "level.policy_goal": "policy goal",
    "level.initiative": "initiative", "level.administration_goal": "administration goal",
    "level.sub_goal": "sub-goal",
    "level.administration": "administration", "level.unit": "unit", "level.committee": "committee",
    "level.council": "city council", "level.external": "external partner",
    "status.secured": "secured", "status.planned": "planned", "status.sought": "sought",
    "status.uncertain": "uncertain", "status.ongoing": "ongoing", "status.proposed": "proposed",
    "status.ended": "ended", "status.option": "option (not decided)", "status.unstated": "status not stated",
    "end_kind.ends": "ends", "end_kind.reduced": "continues reduced",
    "end_kind.continues": "continues", "end_kind.unknown": "unknown",
    "role.lead": "lead", "role.partner": "partner", "role.oversight": "oversight",
    "role.adopted": "adopted (policy or agreement)", "level.municipality": "municipality",
    "condition.provided": "provided it goes ahead", "condition.requires": "requires",
    "condition.starts_if": "starts only if it goes ahead", "condition.cooperates": "cooperates with",
    "change.continued": "continued", "change.reworded": "reworded", "change.moved": "moved",
    "change.narrowed": "narrowed", "change.widened": "widened", "change.merged": "merged",
    "change.split": "split",
    "basis.once": "once", "basis.per_year": "per year", "basis.whole_period": "whole period",
    "basis.unstated": "basis unstated",
    "field.kind": "Kind", "field.level": "Level", "field.code": "Code",
    "field.administration": "Administration", "field.period": "Period", "field.status": "Status",
    "field.cost": "Cost", "field.amount": "Amount", "field.role": "Role",
    "field.condition": "Condition", "field.type": "Category", "field.controller": "Controlled by",
    "field.document": "Document", "field.line": "Line", "field.quote": "Quote",
    "field.aliases": "Other names", "field.gaps": "Gaps", "field.id": "Id",
    "field.title": "Title", "field.from": "From", "field.to": "To", "field.change": "Change",
    "period.unknown": "not stated",
    "gap.orphan": "Goal without activity", "gap.unfunded": "Goal without secured funding",
    "gap.ending": "Activity ending in {year}", "gap.ending_any": "Activity ending in the chosen year",
    "view.title": "Inclusion graph", "view.search": "Search", "view.search_hint": "title, id or other name",
    "view.all": "All", "view.year": "Year", "view.reset": "Reset", "view.depth": "Neighbourhood depth",
    "view.legend": "Legend", "view.kinds": "Kinds", "view.gaps": "Gaps",
    "view.showing": "Showing {nodes} of {all_nodes} nodes and {edges} of {all_edges} edges",
    "view.matches": "{count} found", "view.focus": "Focus: {title} (depth {depth})",
    "view.click_hint": "Click a node to see its neighbourhood; hover a node or edge for its source.",
    "view.made_with": "Made with filters: {filters}", "view.no_filters": "none",
    "view.aggregated": ("The graph has {nodes} nodes, more than the {threshold} a browser lays out "
                        "comfortably; it is shown aggregated, one node per administration and kind. "
                        "Narrow it with --admin, --area, --year, --kind or --focus."),
    "view.group": "{kind} in {admin}: {count}", "view.group_edges": "{count} edges",
    "view.several_admins": "several administrations", "view.no_admin": "no administration",
    "view.filter_off": "(not in the aggregated view)",
    "view.edges": "Edges", "view.save_png": "Save as PNG", "view.export_csv": "Export selection (CSV)",
    "view.keep": "Keep and share", "view.link_hint": "The address in the browser keeps filters, focus and selection: share it as a link.",
    "view.open_groups": "Open groups", "view.open_hint": "Click a group to open it.",
    "view.close": "Close", "view.too_many": "{title} has {count} nodes; opened, the view would hold more than {limit}.",
    "view.gap_share": "{gap}: {count} of {total}", "view.gap_share_hint": "In the aggregated view: the share of the group's nodes.",
    "view.shown_of": "{shown} of {count}",
    "report.unfunded": "Goals without secured funding", "report.orphans": "Goals without activities",
    "report.summary": "Summary", "report.by_admin": "Count by administration",
    "report.by_policy_goal": "Count by policy goal", "report.policy_goal": "Policy goal", "report.goals": "Goals",
    "report.entries": "The goals", "report.activity_rows": "Activities and funding",
    "report.count": "Count", "report.total": "Total: {listed} of {goals} goals",
    "report.why": "Why listed", "report.activities": "Activities under the goal",
    "report.funding": "Funding known", "report.costs": "Costs known",
    "report.sub_goals": "Sub-goals under the goal", "report.policy_goals": "Under policy goal",
    "report.activity": "Activity", "report.funding_source": "Funding source",
    "report.min_dkk": "Min (DKK)", "report.max_dkk": "Max (DKK)", "report.basis": "Basis",
    "report.amount_text": "Amount as written", "report.start_year": "Start year", "report.end_year": "End year",
    "report.none": "none", "report.amount_unknown": "amount not stated", "report.none_recorded": "(none recorded)",
    "report.no_policy_goal": "(under no policy goal)",
    "report.source": "Source: {document}, line {line}",
    "report.count_note": "A goal with several administrations or policy goals counts under each.",
    "report.written": "Written {date}", "report.version": "Data version {version}",
    "report.newest_document": "newest source document {when}", "report.only_admins": "Only goals under {admins}",
    "report.method": "Method",
    "report.method.unfunded": ("A goal is listed when neither the goal, its sub-goals nor the activities under "
                               "it have secured funding by the documents' latest statements; these are the goals "
                               "and reasons the command \"gaps unfunded\" gives."),
    "report.method.orphans": ("A goal is listed when no activity supports it, directly or through sub-goals, "
                              "by the documents' latest statements; these are the goals the command "
                              "\"gaps orphans\" gives."),
    "report.method.statuses": ("\"Secured\" (sikret) means the document says the money is granted, set aside or "
                               "budgeted; \"sought\" (søgt) that it has been applied for; \"planned\" (planlagt) "
                               "that it is planned or expected but not granted; \"uncertain\" (usikker) that the "
                               "document itself has reservations."),
    "report.method.sums": ("Amounts are added only when they share a status, a basis (once, per year, whole "
                           "period) and the same years; everything else stands side by side, and a part is not "
                           "added to the whole it belongs to. An amount not stated stays unknown."),
    "report.method.groups": ("Goals stand under the administration or body responsible for them; a goal with "
                             "several stands under each. Activities, amounts and quotes are in the appendix."),
    "report.appendix": "Appendix: activities, amounts and sources", "report.see_appendix": "appendix",
    "report.back": "to the summary", "report.goal_count": "{count} goals",
    "report.source_short": "Source", "report.no_entries": "No goals are listed.",
    "report.amount_column": "{status} (DKK)", "report.amount_notes": "Amounts not shown as numbers",
    "report.amount_several": "{status}: {count} amounts for different years or bases, not added",
    "report.amount_range": "{status}: range {figure} DKK",
    "report.amount_not_stated": "{status}: amount not stated",
    "report.one_activity": "1 activity", "report.n_activities": "{count} activities",
    "report.goal_id": "Goal id", "report.activity_id": "Activity id", "report.page": "Page",
    "report.chart_admin": "Goals by administration", "report.chart_policy": "Goals by policy goal",
    "why.orphan": "no activity under the goal, directly or through sub-goals",
    "why.unfunded": "no secured funding under the goal: {reasons}",
    "why.nothing recorded": "nothing recorded", "why.only": "only {what}",
    "why.uncertain": "uncertain", "why.zero cost stated": "zero cost stated",
    "why.secured only in other years": "secured only in other years",
    "why.secured, years not stated": "secured, years not stated",
}

# --- the terminal: column headings, summary lines, values and messages of the query commands
_TERMINAL_DA = {
    "col.id": "Id", "col.title": "Titel", "col.level": "Niveau", "col.administration": "Forvaltning",
    "col.why": "Hvorfor", "col.activities": "Aktiviteter", "col.funding_known": "Kendt finansiering",
    "col.costs_known": "Kendte udgifter", "col.document": "Dokument", "col.line": "Linje",
    "col.sub_goals": "Delmål", "col.status": "Status", "col.period": "Periode", "col.effect": "Virkning",
    "col.from_source": "Fra kilden", "col.kind": "Type", "col.end": "Slut", "col.end_kind": "Ved udløb",
    "col.scale": "Omfang", "col.area": "Område", "col.role": "Rolle", "col.via": "Via",
    "col.admin.via": "Via enhed", "col.category": "Art", "col.name": "Navn", "col.count": "Antal",
    "col.direction": "Retning", "col.edge": "Kant", "col.attributes": "Egenskaber", "col.code": "Nummer",
    "col.abbreviation": "Forkortelse", "col.aliases": "Andre navne",
    "col.year": "År", "col.stated": "Skrevet", "col.link": "Led", "col.linked_to": "Knyttet til",
    "col.quote": "Citat", "col.reason": "Begrundelse", "col.where": "Hvor", "col.change": "Ændring",
    "col.from_id": "Fra id", "col.from_title": "Fra", "col.to_id": "Til id", "col.to_title": "Til",
    "col.funder": "Finansierer", "col.detail": "Detalje", "col.cites": "Kilder",
    "col.condition": "Betingelse", "col.relation": "Hvordan",
    "col.deps.provider": "Leverer", "col.deps.receiver": "Modtager",
    "col.deps.via": "Gennem", "col.deps.target": "Til", "col.names.code": "Nummer",
    "sum.year": "år", "sum.goals": "mål", "sum.unfunded": "uden sikret finansiering",
    "sum.by_reason": "efter årsag", "sum.orphans": "uden aktivitet", "sum.activities": "aktiviteter",
    "sum.unlinked": "uden mål", "sum.source": "kilde", "sum.title": "titel",
    "sum.source_period": "kildens periode", "sum.ending": "ophører",
    "sum.already_over_before_year": "allerede afsluttet før året", "sum.areas": "områder",
    "sum.administrations": "forvaltninger", "sum.dkk_from_source": "kr. fra kilden",
    "sum.dkk_cost_of_affected": "udgifter for de berørte", "sum.count": "antal", "sum.note": "bemærk",
    "sum.area": "område", "sum.sub_areas": "delområder", "sum.by_administration": "efter forvaltning",
    "sum.funding_known": "kendt finansiering", "sum.costs_known": "kendte udgifter",
    "sum.administration": "forvaltning", "sum.units": "enheder", "sum.edges": "forbindelser",
    "sum.pairs": "par", "sum.nodes": "knuder", "sum.documents": "dokumenter",
    "sum.documents_covered": "dokumenter med fakta", "sum.node": "knude", "sum.kind": "type",
    "sum.first": "første", "sum.latest": "seneste", "sum.steps": "trin", "sum.from_year": "fra år",
    "sum.to_year": "til år", "sum.earlier": "tidligere", "sum.later": "senere",
    "sum.by_change": "efter ændring", "sum.id": "id", "sum.names": "navne",
    "sum.start_year": "startår", "sum.end_year": "slutår", "sum.end_date": "slutdato",
    "sum.end_kind": "ved udløb", "sum.municipality": "kommune", "sum.start_date": "startdato",
    "sum.abbreviation": "forkortelse", "sum.controller": "styres af", "sum.type": "art",
    "value.latest": "seneste", "value.none": "ingen", "value.none_recorded": "(ingen angivet)",
    "value.statements": "{count} udsagn", "value.line": "linje {line}",
    "rows.many": "({count} rækker)", "rows.one": "(1 række)", "rows.none": "(ingen rækker)",
    "state.left without support": "står uden støtte", "state.weakened": "svækket",
    "state.still supported by other work": "støttes stadig af andet arbejde",
    "state.still has other work": "har stadig andet arbejde",
    "impact.funded": "finansieret af den ({status})", "impact.conditional": "betinget af den ({condition})",
    "impact.depends": "afhænger af {what}", "end_kind.over": "allerede afsluttet",
    "scale.full": "fuldt", "role.owner": "ejer",
    "note.undated": "aktiviteter uden angivne år er ikke med",
    "relation.serves": "leverer arbejde til mål hos", "relation.funds": "finansierer arbejde hos",
    "relation.partners": "er partner i arbejde hos", "relation.houses": "huser enheden",
    "relation.depends_on": "indgår i betingelser for arbejde hos",
    "relation.depends_on.requires": "er forudsætning for arbejde hos",
    "relation.depends_on.starts_if": "er startbetingelse for arbejde hos",
    "relation.depends_on.cooperates": "samarbejder med arbejde hos",
    "a.committee": "et udvalg", "a.council": "kommunalbestyrelsen", "a.unit": "en enhed",
    "direction.out": "ud", "direction.in": "ind",
    "category.node": "knude", "category.edge": "kant", "category.document": "dokument",
    "change.dropped": "udgået", "change.new": "ny", "change.funding": "finansiering ændret",
    "change.same_as": "samme som",
    "a.area": "et område", "a.funding": "en finansieringskilde", "a.administration": "en forvaltning",
    "a.goal": "et mål", "a.activity": "en aktivitet",
    "msg.error": "fejl", "msg.warning": "advarsel", "msg.note": "bemærk",
    "msg.problems": "{count} problem(er) i data; intet blev gjort.",
    "msg.years": "data dækker {first}–{last}; {year} ligger uden for",
    "msg.wrong_kind": "{name} er {kind}; prøv: {command}",
    "msg.counterpart": "{name} er {level} ({title}); mente du {other} ({other_title})? prøv: {command}",
    "msg.unknown": "intet hedder '{name}'", "msg.unknown_kind": "{no} hedder '{name}'",
    "no.area": "intet område", "no.goal": "intet mål", "no.administration": "ingen forvaltning",
    "no.activity": "ingen aktivitet", "no.funding": "ingen finansieringskilde",
    "msg.ambiguous": "'{name}' passer på {count} knuder; brug et af disse id'er",
    "msg.validate_ok": "ok: {rows} rækker i {tables} tabeller i {directory}",
    "msg.wrote": "skrev {path}", "msg.created_folder": "oprettede mappen {folder}",
    "msg.no_chromium": "kan ikke skrive PDF: ingen Chromium fundet (søgte INKLUSIONSGRAF_CHROMIUM, så {browsers} "
                       "på PATH); skriv .html og udskriv den, eller installér chromium; intet blev skrevet",
    "msg.neo4j_municipality": "--municipality virker indtil videre kun med den indbyggede backend",
}

_TERMINAL_EN = {
    "col.id": "Id", "col.title": "Title", "col.level": "Level", "col.administration": "Administration",
    "col.why": "Why", "col.activities": "Activities", "col.funding_known": "Funding known",
    "col.costs_known": "Costs known", "col.document": "Document", "col.line": "Line",
    "col.sub_goals": "Sub-goals", "col.status": "Status", "col.period": "Period", "col.effect": "Effect",
    "col.from_source": "From the source", "col.kind": "Kind", "col.end": "End", "col.end_kind": "At the end",
    "col.scale": "Scale", "col.area": "Area", "col.role": "Role", "col.via": "Via",
    "col.admin.via": "Via unit", "col.category": "Category", "col.name": "Name", "col.count": "Count",
    "col.direction": "Direction", "col.edge": "Edge", "col.attributes": "Attributes", "col.code": "Code",
    "col.abbreviation": "Abbreviation", "col.aliases": "Other names",
    "col.year": "Year", "col.stated": "Stated", "col.link": "Link", "col.linked_to": "Linked to",
    "col.quote": "Quote", "col.reason": "Reason", "col.where": "Where", "col.change": "Change",
    "col.from_id": "From id", "col.from_title": "From", "col.to_id": "To id", "col.to_title": "To",
    "col.funder": "Funder", "col.detail": "Detail", "col.cites": "Sources",
    "col.condition": "Condition", "col.relation": "How",
    "col.deps.provider": "Provides", "col.deps.receiver": "Receives",
    "col.deps.via": "Through", "col.deps.target": "For", "col.names.code": "Code",
    "sum.year": "year", "sum.goals": "goals", "sum.unfunded": "unfunded",
    "sum.by_reason": "by reason", "sum.orphans": "orphans", "sum.activities": "activities",
    "sum.unlinked": "unlinked", "sum.source": "source", "sum.title": "title",
    "sum.source_period": "source period", "sum.ending": "ending",
    "sum.already_over_before_year": "already over before year", "sum.areas": "areas",
    "sum.administrations": "administrations", "sum.dkk_from_source": "DKK from source",
    "sum.dkk_cost_of_affected": "cost of those affected", "sum.count": "count", "sum.note": "note",
    "sum.area": "area", "sum.sub_areas": "sub-areas", "sum.by_administration": "by administration",
    "sum.funding_known": "funding known", "sum.costs_known": "costs known",
    "sum.administration": "administration", "sum.units": "units", "sum.edges": "edges",
    "sum.pairs": "pairs", "sum.nodes": "nodes", "sum.documents": "documents",
    "sum.documents_covered": "documents covered", "sum.node": "node", "sum.kind": "kind",
    "sum.first": "first", "sum.latest": "latest", "sum.steps": "steps", "sum.from_year": "from year",
    "sum.to_year": "to year", "sum.earlier": "earlier", "sum.later": "later",
    "sum.by_change": "by change", "sum.id": "id", "sum.names": "names",
    "sum.start_year": "start year", "sum.end_year": "end year", "sum.end_date": "end date",
    "sum.end_kind": "end kind", "sum.municipality": "municipality", "sum.start_date": "start date",
    "sum.abbreviation": "abbreviation", "sum.controller": "controlled by", "sum.type": "type",
    "value.latest": "latest", "value.none": "none", "value.none_recorded": "(none recorded)",
    "value.statements": "{count} statements", "value.line": "line {line}",
    "rows.many": "({count} rows)", "rows.one": "(1 row)", "rows.none": "(no rows)",
    "state.left without support": "left without support", "state.weakened": "weakened",
    "state.still supported by other work": "still supported by other work",
    "state.still has other work": "still has other work",
    "impact.funded": "funded by it ({status})", "impact.conditional": "conditional on it ({condition})",
    "impact.depends": "depends on {what}", "end_kind.over": "already over",
    "scale.full": "full", "role.owner": "owner",
    "note.undated": "activities without any stated year are not listed",
    "relation.serves": "does work for goals of", "relation.funds": "funds work of",
    "relation.partners": "is partner in work of", "relation.houses": "houses the unit",
    "relation.depends_on": "is in the conditions of work of",
    "relation.depends_on.requires": "is required by work of",
    "relation.depends_on.starts_if": "is a condition for starting work of",
    "relation.depends_on.cooperates": "cooperates with work of",
    "a.committee": "a committee", "a.council": "the city council", "a.unit": "a unit",
    "direction.out": "out", "direction.in": "in",
    "category.node": "node", "category.edge": "edge", "category.document": "document",
    "change.dropped": "dropped", "change.new": "new", "change.funding": "funding changed",
    "change.same_as": "same as",
    "a.area": "an area", "a.funding": "a funding source", "a.administration": "an administration",
    "a.goal": "a goal", "a.activity": "an activity",
    "msg.error": "error", "msg.warning": "warning", "msg.note": "note",
    "msg.problems": "{count} problem(s) in the data; nothing was done.",
    "msg.years": "the data covers {first}–{last}; {year} is outside",
    "msg.wrong_kind": "{name} is {kind}; try: {command}",
    "msg.counterpart": "{name} is {level} ({title}); did you mean {other} ({other_title})? try: {command}",
    "msg.unknown": "nothing is called '{name}'", "msg.unknown_kind": "{no} is called '{name}'",
    "no.area": "no area", "no.goal": "no goal", "no.administration": "no administration",
    "no.activity": "no activity", "no.funding": "no funding source",
    "msg.ambiguous": "'{name}' names {count} nodes; use one of these ids",
    "msg.validate_ok": "ok: {rows} rows in {tables} tables in {directory}",
    "msg.wrote": "wrote {path}", "msg.created_folder": "created the folder {folder}",
    "msg.no_chromium": "cannot write a PDF: no Chromium found (looked for INKLUSIONSGRAF_CHROMIUM, then {browsers} "
                       "on the PATH); write .html and print that, or install chromium; nothing was written",
    "msg.neo4j_municipality": "--municipality works with the embedded backend only, so far",
}

DA.update(_TERMINAL_DA)
EN.update(_TERMINAL_EN)

_BY_LANGUAGE = {"da": DA, "en": EN}


def labels(lang: str) -> dict[str, str]:
    """The labels of one language; an unknown language is an error the CLI reports."""
    try:
        return _BY_LANGUAGE[lang]
    except KeyError:
        raise InklusionsgrafError(f"unknown language '{lang}'; use one of {', '.join(LANGUAGES)}") from None


def term(lang: str, group: str, value: str | None) -> str:
    """A coded value in words: term('da', 'kind', 'goal') -> 'Mål'; unknown values stay as they are."""
    if value is None or value == "":
        return ""
    return labels(lang).get(f"{group}.{value}", str(value))


def unfunded_reason(lang: str, why: str) -> str:
    """The unfunded query's ``why`` ('only planned/sought; uncertain') in words of ``lang``."""
    return labels(lang)["why.unfunded"].format(reasons=unfunded_why(lang, why))


def unfunded_why(lang: str, why: str) -> str:
    """The unfunded query's reasons in words, without the preamble: 'kun søgt; usikker'."""
    words = labels(lang)
    parts = []
    for part in why.split("; "):
        if part.startswith("only "):
            what = "/".join(term(lang, "status", s) for s in part[len("only "):].split("/"))
            parts.append(words["why.only"].format(what=what))
        else:
            parts.append(words.get(f"why.{part}", part))
    return "; ".join(parts)


_SUM = re.compile(r" kr (once|per year|whole period|unstated)(?=;|$| [\d-])")
_STATUS = re.compile(r"(^|; )(secured|planned|sought|uncertain|ongoing|proposed|option|ended|unstated): ")


def money(lang: str, sums_text: str) -> str:
    """rollup.format_sums' text ('secured: 600.000 kr per year 2010') with the status and the
    basis in words of ``lang``."""
    def basis(match: re.Match) -> str:
        return " kr. " + term(lang, "basis", match.group(1).replace(" ", "_"))

    def status(match: re.Match) -> str:
        return match.group(1) + term(lang, "status", match.group(2)) + ": "
    return _STATUS.sub(status, _SUM.sub(basis, sums_text))
