"""Synthetic datasets with the shape of the real one, for measuring speed at scale.

Municipalities × administrations × plan years: each municipality has its council,
committees, seven administrations with their units, nested areas, its own policy (focus
areas, six policy goals, initiatives) and each year every administration's action plan
(goals → sub-goals → activities). Funding sources are shared: the year's budget, each
administration's frame, local funds and national pools that fund work in many
municipalities. Some goals get no activity, some activities no goal or no money, and work
crosses administrations (partners, support for another administration's goal,
dependencies), in shares near the bundled data's.

Everything is drawn from ``random.Random(seed)``: the same size and seed give the same
files. Titles and documents are made up and say so ("syntetisk"); no figure comes from a
source.

>>> counts = write_synthetic(tmp_dir, nodes=1000, seed=1)   # doctest: +SKIP
"""

from __future__ import annotations

import csv
import os
import random
import shutil
import tempfile
from collections import Counter
from pathlib import Path

from inklusionsgraf.errors import InklusionsgrafError
from inklusionsgraf.tables import SPECS
from inklusionsgraf.values import slugify

MIN_NODES = 100
MAX_NODES = 2_000_000
NODES_PER_MUNICIPALITY = 10_000
FIRST_YEAR = 2011
PLAN_YEARS = 10
NATIONAL_DOCUMENT = "syntetisk-nationale-puljer.txt"

# Denmark's 98 municipalities; a dataset uses as many as its size asks for.
MUNICIPALITIES = (
    "København", "Aarhus", "Odense", "Aalborg", "Frederiksberg", "Esbjerg", "Randers", "Kolding",
    "Horsens", "Vejle", "Roskilde", "Herning", "Helsingør", "Silkeborg", "Næstved", "Gentofte",
    "Fredericia", "Viborg", "Køge", "Holbæk", "Slagelse", "Hillerød", "Sønderborg", "Svendborg",
    "Hjørring", "Holstebro", "Frederikshavn", "Haderslev", "Skive", "Ringsted", "Furesø", "Greve",
    "Gladsaxe", "Lyngby-Taarbæk", "Ballerup", "Rødovre", "Hvidovre", "Brøndby", "Albertslund",
    "Glostrup", "Høje-Taastrup", "Ishøj", "Vallensbæk", "Tårnby", "Dragør", "Herlev", "Rudersdal",
    "Hørsholm", "Fredensborg", "Allerød", "Egedal", "Frederikssund", "Halsnæs", "Gribskov",
    "Bornholm", "Solrød", "Lejre", "Stevns", "Faxe", "Vordingborg", "Guldborgsund", "Lolland",
    "Sorø", "Kalundborg", "Odsherred", "Middelfart", "Assens", "Faaborg-Midtfyn", "Kerteminde",
    "Nyborg", "Nordfyns", "Langeland", "Ærø", "Fanø", "Varde", "Vejen", "Billund", "Tønder",
    "Aabenraa", "Hedensted", "Ikast-Brande", "Ringkøbing-Skjern", "Lemvig", "Struer", "Morsø",
    "Thisted", "Jammerbugt", "Vesthimmerlands", "Rebild", "Mariagerfjord", "Norddjurs", "Syddjurs",
    "Favrskov", "Skanderborg", "Odder", "Samsø", "Brønderslev", "Læsø",
)

ADMINISTRATIONS = (
    ("OKF", "Økonomiforvaltningen"), ("KFF", "Kultur- og Fritidsforvaltningen"),
    ("BUF", "Børne- og Ungdomsforvaltningen"), ("SUF", "Sundheds- og Omsorgsforvaltningen"),
    ("SOF", "Socialforvaltningen"), ("TMF", "Teknik- og Miljøforvaltningen"),
    ("BIF", "Beskæftigelses- og Integrationsforvaltningen"),
)
UNIT_KINDS = ("Center for Integration", "Jobcenter", "Sekretariat", "Erhvervsservice", "Ungeenhed")
FOCUS_AREAS = ("Uddannelse og beskæftigelse", "Medborgerskab og fællesskab", "Byen for alle",
               "Sundhed og trivsel", "Tryghed og forebyggelse")
GROUPS = ("unge", "nyankomne", "kvinder", "ledige", "forældre", "ældre", "børn", "iværksættere")
AIMS = ("Flere {g} i job", "Flere {g} gennemfører en uddannelse", "Bedre dansk blandt {g}",
        "Flere {g} i foreningslivet", "Bedre sundhed blandt {g}", "Færre {g} på offentlig forsørgelse",
        "Flere {g} deltager i lokalsamfundet", "Styrket samarbejde med {g}")
ACTIONS = ("Mentorordning", "Brobyggerforløb", "Lektiecafé", "Virksomhedspraktik", "Sprogcafé",
           "Forældrekursus", "Idrætsprojekt", "Rådgivning", "Netværksgruppe", "Jobmesse",
           "Opsøgende indsats", "Sundhedsformidling")
PLACES = ("Nord", "Syd", "Øst", "Vest", "Centrum", "Havn", "Bakke", "Mark", "Strand", "Skov")
ESTATES = ("parken", "gården", "vænget", "haven", "byen", "højene", "engen", "lunden")
FUNDERS = ("Fonden for Lokal Udvikling", "Boligselskabernes Pulje", "Erhvervspartnerskabet")
POOLS = ("Satspuljen for integration", "Pulje til beskæftigelse", "Pulje til boligsociale indsatser",
         "Pulje til uddannelse", "Socialfonden", "Pulje til sundhedsfremme")

CLAUSES = ("skal styrkes i den kommende planperiode", "gennemføres i samarbejde med lokale aktører",
           "videreføres med fokus på de mest udsatte", "forankres i den almindelige drift",
           "evalueres ved udgangen af perioden", "sker i tæt dialog med boligorganisationerne",
           "koordineres på tværs af forvaltningerne", "udvikles sammen med civilsamfundet")
FUNDING_STATUSES = (("secured", 55), ("planned", 20), ("sought", 15), ("uncertain", 10))
END_KINDS = (("ends", 50), ("reduced", 15), ("continues", 15), ("", 20))


def municipality_count(nodes: int) -> int:
    """About 10,000 nodes a municipality, at least one and at most Denmark's 98."""
    return max(1, min(len(MUNICIPALITIES), round(nodes / NODES_PER_MUNICIPALITY)))


def write_synthetic(directory: str | Path, nodes: int, seed: int = 0) -> Counter:
    """Write a dataset of exactly ``nodes`` nodes to ``directory`` (new or empty) and return
    the number of rows per table. Written to a temporary directory and renamed at the end,
    so a failure leaves nothing half-written."""
    if not MIN_NODES <= nodes <= MAX_NODES:
        raise InklusionsgrafError(f"--nodes must be between {MIN_NODES:,} and {MAX_NODES:,}, not {nodes:,}")
    directory = Path(directory)
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise InklusionsgrafError(f"{directory} exists and is not an empty directory; "
                                  "choose a new one (nothing was written)")
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=directory.parent))
    try:
        with _Tables(staging) as tables:
            _Generator(tables, nodes, random.Random(seed)).run()
        if directory.exists():
            directory.rmdir()
        os.replace(staging, directory)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return tables.counts


class _Tables:
    """One CSV writer per table, rows written as they come (memory stays flat)."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.counts: Counter = Counter()
        self._files = {}
        self._writers = {}
        self._columns = {}

    def __enter__(self):
        for spec in SPECS:
            handle = open(self.directory / spec.file, "w", newline="", encoding="utf-8")
            self._files[spec.name] = handle
            self._writers[spec.name] = csv.writer(handle)
            self._columns[spec.name] = spec.column_names
            self._writers[spec.name].writerow(spec.column_names)
        return self

    def __exit__(self, *exc):
        for handle in self._files.values():
            handle.close()

    def write(self, table: str, row: dict) -> None:
        self._writers[table].writerow(["" if row.get(c) is None else row[c] for c in self._columns[table]])
        self.counts[table] += 1


class _Full(Exception):
    """The dataset has its nodes."""


class _Generator:
    """Draws the dataset; every node is written before any edge that names it."""

    def __init__(self, tables: _Tables, nodes: int, rng: random.Random):
        self.tables = tables
        self.budget = nodes
        self.rng = rng
        self.nodes = 0
        self.line = Counter()  # next line per document
        self.recent_goals: list[tuple[str, str]] = []  # (administration, sub-goal) of this municipality
        self.last_plan: dict[str, tuple[set[int], list[str]]] = {}  # plan key -> (goal numbers, activities)

    # --- writing ----------------------------------------------------------------------

    def node(self, table: str, id_: str, title: str, document: str, **values) -> str:
        if self.nodes >= self.budget:
            raise _Full
        self.nodes += 1
        self.tables.write(table, {"id": id_, "title": title, **values, **self._provenance(document, title)})
        return id_

    def edge(self, table: str, source: str, target: str, document: str, quote: str, **values) -> None:
        self.tables.write(table, {"source": source, "target": target, **values,
                                  **self._provenance(document, quote)})

    def document(self, id_: str, title: str, kind: str, year: int, municipality: str | None,
                 administration: str | None = None) -> str:
        self.tables.write("documents", {"id": id_, "title": title, "kind": kind, "year": year,
                                        "administration": administration, "municipality": municipality,
                                        "line": 1, "quote": title})
        self.line[id_] = 1
        return id_

    def _provenance(self, document: str, text: str) -> dict:
        """The next line of ``document``; its quote is the text, or (as real quotes mostly
        are) the text within a longer sentence."""
        self.line[document] += 1
        quote = text if self.chance(0.4) else f"{text} {self.rng.choice(CLAUSES)}"
        return {"document": document, "line": self.line[document], "quote": quote[:190]}

    # --- drawing ----------------------------------------------------------------------

    def pick(self, weighted) -> str:
        values, weights = zip(*weighted)
        return self.rng.choices(values, weights)[0]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def run(self) -> None:
        count = municipality_count(self.budget)
        shares = [self.budget // count + (i < self.budget % count) for i in range(count)]
        try:
            pools = self.national_pools(count)
            for index, share in enumerate(shares):
                self.budget = self.nodes + share if index < count - 1 else sum(shares)
                try:
                    self.municipality(MUNICIPALITIES[index], pools)
                except _Full:
                    continue
        except _Full:
            pass

    def national_pools(self, municipalities: int) -> list[dict]:
        """State and EU pools, shared by every municipality; stated in a national document
        (no municipality)."""
        doc = self.document(NATIONAL_DOCUMENT, "Nationale puljer (syntetisk)", "other", FIRST_YEAR, None)
        pools = []
        for index in range(max(4, municipalities // 2)):
            title = f"{POOLS[index % len(POOLS)]} {index // len(POOLS) + 1}"
            start = FIRST_YEAR + self.rng.randrange(PLAN_YEARS - 2)
            end = start + self.rng.randrange(2, 5)
            pools.append({"id": self.node(
                "funding_sources", f"funding:national-{slugify(title)}", title, doc,
                type="eu" if title.startswith("Socialfonden") else "state",
                start_year=start, end_year=end, end_kind=self.pick((("ends", 80), ("", 20)))),
                "start": start, "end": end})
        return pools

    def municipality(self, name: str, pools: list[dict]) -> None:
        m = slugify(name)
        self.recent_goals = []
        policy = self.document(f"syntetisk-{m}-politik.txt", f"{name} Kommunes inklusionspolitik (syntetisk)",
                               "other", FIRST_YEAR - 1, name)
        council = self.node("administrations", f"admin:{m}-br", f"{name} Byråd", policy, level="council")
        admins, units = [], {}
        for abbreviation, title in ADMINISTRATIONS:
            admin = self.node("administrations", f"admin:{m}-{abbreviation.lower()}", title, policy,
                              abbreviation=abbreviation, level="administration")
            committee = self.node("administrations", f"admin:{m}-{abbreviation.lower()}-udvalg",
                                  title.replace("forvaltningen", "udvalget"), policy, level="committee")
            self.edge("responsible", council, committee, policy, f"{name} Byråd", role="oversight")
            self.edge("responsible", committee, admin, policy, title, role="oversight")
            admins.append(admin)
            units[admin] = []
            for unit_title in self.rng.sample(UNIT_KINDS, self.rng.randint(1, 3)):
                unit = self.node("administrations", f"{admin}-{slugify(unit_title)}",
                                 f"{unit_title}, {abbreviation}", policy, level="unit")
                self.edge("responsible", admin, unit, policy, unit_title, role="lead")
                units[admin].append(unit)
        # one unit moves to another administration, as Københavns Erhvervsservice did
        mover_from, mover_to = self.rng.sample(admins, 2)
        moved_in = FIRST_YEAR + self.rng.randrange(1, PLAN_YEARS)
        moved = units[mover_from][0]
        self.edge("responsible", mover_to, moved, policy, "overtog enheden", role="lead",
                  start_year=moved_in)

        estates = self.areas(m, name, policy)
        targets = self.policy_goals(m, name, policy)
        frames = {admin: self.node("funding_sources", f"funding:{admin.partition(':')[2]}-ramme",
                                   f"{admin.rsplit('-', 1)[1].upper()}'s ramme, {name}", policy,
                                   type="municipal_frame", controller=admin)
                  for admin in admins}
        local = []
        for title in self.rng.sample(FUNDERS, 2):
            start = FIRST_YEAR + self.rng.randrange(PLAN_YEARS)
            end = start + self.rng.randrange(1, 4)
            local.append(self.node("funding_sources", f"funding:{m}-{slugify(title)}", f"{title}, {name}",
                                   policy, type=self.pick((("fund", 2), ("partnership", 1))),
                                   start_year=start, end_year=end, end_kind="ends"))

        plan_size = max(1, round((self.budget - self.nodes) / (PLAN_YEARS * len(admins) * 6.8)))
        activities: list[str] = []
        for year in range(FIRST_YEAR, FIRST_YEAR + 1000):
            budget = self.node("funding_sources", f"funding:{m}-budget-{year}", f"Budget {year}, {name}",
                               policy, type="municipal_budget", start_year=year, end_year=year,
                               end_kind="ends")
            for admin in admins:
                sources = {"budget": budget, "frame": frames[admin], "local": local,
                           "pools": [p["id"] for p in pools if p["start"] <= year <= p["end"]]}
                self.plan(m, name, admin, units[admin], year, plan_size, targets, admins, sources,
                          estates, activities)

    def areas(self, m: str, name: str, doc: str) -> list[str]:
        """City → districts → urban areas → housing estates (some also in the group of
        deprived estates) → sites."""
        city = self.node("areas", f"area:{m}", name, doc, type="city")
        group = self.node("areas", f"area:{m}-udsatte-boligomrader", f"Udsatte boligområder i {name}",
                          doc, type="group")
        estates = []
        for district_name in self.rng.sample(PLACES, self.rng.randint(4, 8)):
            district = self.node("areas", f"area:{m}-{slugify(district_name)}", f"{name} {district_name}",
                                 doc, type="district")
            self.edge("located_in", district, city, doc, district_name)
            for u in range(self.rng.randint(0, 2)):
                urban = self.node("areas", f"{district}-byomrade-{u + 1}",
                                  f"Områdefornyelsen {district_name} {u + 1}", doc, type="urban_area")
                self.edge("located_in", urban, district, doc, district_name)
                for suffix in self.rng.sample(ESTATES, self.rng.randint(1, 3)):
                    estate_title = f"{district_name}{suffix}" if u == 0 else f"{district_name} {u + 1}{suffix}"
                    estate = self.node("areas", f"area:{m}-{slugify(estate_title)}", estate_title, doc,
                                       type="housing_estate")
                    self.edge("located_in", estate, urban, doc, estate_title)
                    if self.chance(0.3):
                        self.edge("located_in", estate, group, doc, estate_title)
                    estates.append(estate)
                    if self.chance(0.3):
                        site = self.node("areas", f"{estate}-beboerhus", f"Beboerhuset i {estate_title}",
                                         doc, type="site")
                        self.edge("located_in", site, estate, doc, estate_title)
                        estates.append(site)
        return estates or [city]

    def policy_goals(self, m: str, name: str, doc: str) -> list[str]:
        """Focus areas, Mål 1-6 under them and initiatives under the goals; returns what
        administration goals can support."""
        focus = [self.node("goals", f"goal:{m}-indsatsomrade-{i + 1}", title, doc, level="focus_area",
                           code=f"Indsatsområde {i + 1}")
                 for i, title in enumerate(self.rng.sample(FOCUS_AREAS, self.rng.randint(3, 5)))]
        targets = []
        for number in range(1, 7):
            title = self.rng.choice(AIMS).format(g=self.rng.choice(GROUPS))
            goal = self.node("goals", f"goal:{m}-mal-{number}", title, doc, level="policy_goal",
                             code=f"Mål {number}")
            self.edge("supports", goal, self.rng.choice(focus), doc, title)
            targets.append(goal)
            for dot in range(self.rng.randint(1, 3)):
                dot_title = f"{self.rng.choice(ACTIONS)} for {self.rng.choice(GROUPS)}"
                initiative = self.node("goals", f"{goal}-initiativ-{dot + 1}", dot_title, doc,
                                       level="initiative", code=f"Mål {number}.{dot + 1}")
                self.edge("supports", initiative, goal, doc, dot_title)
                targets.append(initiative)
        return targets

    def plan(self, m, name, admin, units, year, size, targets, admins, sources, estates, activities):
        """One administration's action plan for one year: goals, sub-goals, activities."""
        abbreviation = admin.rsplit("-", 1)[1]
        doc = self.document(f"syntetisk-{m}-{abbreviation}-{year}.txt",
                            f"{abbreviation.upper()}'s handleplan {year}, {name} (syntetisk)",
                            "handleplan", year, name, administration=admin)
        earlier_goals, earlier_activities = self.last_plan.get(f"{m}-{abbreviation}", (set(), []))
        plan_activities: list[str] = []
        for g in range(size):
            title = self.rng.choice(AIMS).format(g=self.rng.choice(GROUPS))
            goal = self.node("goals", f"goal:{m}-{abbreviation}-{year}-{g + 1}", title, doc,
                             level="administration_goal", code=f"Mål {g + 1}", administration=admin,
                             **self.period(year, 0.2))
            if g + 1 in earlier_goals and self.chance(0.8):  # last year's goal, carried on
                self.edge("continues", goal, f"goal:{m}-{abbreviation}-{year - 1}-{g + 1}", doc, title,
                          change=self.pick((("continued", 70), ("reworded", 20), ("narrowed", 5), ("widened", 5))))
            if self.chance(0.95):
                self.edge("supports", goal, self.rng.choice(targets), doc, title)
            if self.chance(0.1):  # a partner administration
                partner = self.rng.choice([a for a in admins if a != admin])
                self.edge("responsible", partner, goal, doc, title, role="partner")
            for s in range(self.rng.choice((0, 1, 2, 2, 3, 4))):
                sub_title = f"{title}: delmål {s + 1}"
                sub = self.node("goals", f"{goal}-{s + 1}", sub_title, doc, level="sub_goal",
                                code=f"Mål {g + 1}{'abcd'[s]}", administration=admin)
                self.edge("supports", sub, goal, doc, sub_title)
                self.recent_goals.append((admin, sub))
                for a in range(self.rng.choice((0, 1, 1, 2, 2, 3, 3, 4))):
                    activity = self.activity(f"{sub}-{a + 1}", sub, doc, year, admin, units, admins, sources,
                                             estates, activities)
                    if earlier_activities and self.chance(0.2):  # the same work, told again this year
                        self.edge("same_as", activity, earlier_activities.pop(), doc,
                                  "videreføres fra sidste års handleplan")
                    elif plan_activities and self.chance(0.03):  # a part of other work in this plan
                        self.edge("part_of", activity, plan_activities[-1], doc, "er en del af indsatsen")
                    plan_activities.append(activity)
        self.last_plan[f"{m}-{abbreviation}"] = ({g + 1 for g in range(size)}, plan_activities)

    def activity(self, id_, sub, doc, year, admin, units, admins, sources, estates, activities):
        title = f"{self.rng.choice(ACTIONS)} for {self.rng.choice(GROUPS)}"
        period = self.period(year, 0.4)
        if period:
            period["end_kind"] = self.pick(END_KINDS) or None
        status = self.pick((("ongoing", 50), ("planned", 25), ("proposed", 10), ("ended", 5), ("", 10)))
        cost = {}
        if self.chance(0.35):
            amount = self.rng.randrange(1, 60) * 100_000
            cost = {"cost_min_dkk": amount, "cost_max_dkk": amount,
                    "cost_basis": self.pick((("per_year", 3), ("once", 1), ("whole_period", 1))),
                    "cost_text": f"{amount / 1_000_000:.1f} mio. kr.".replace(".", ",")}
        activity = self.node("activities", f"activity:{id_.partition(':')[2]}", title, doc,
                             status=status or None, **period, **cost)
        if self.chance(0.95):
            self.edge("supports", activity, sub, doc, title)
        if self.chance(0.05):  # also serves another administration's goal
            other_admin, other_goal = self.rng.choice(self.recent_goals[-100:] or [(admin, sub)])
            if other_admin != admin:
                self.edge("supports", activity, other_goal, doc, title)
        self.edge("responsible", self.rng.choice(units) if self.chance(0.5) else admin, activity, doc,
                  title, role="lead")
        if self.chance(0.08):
            self.edge("responsible", self.rng.choice([a for a in admins if a != admin]), activity, doc,
                      title, role="partner")
        for _ in range(self.pick(((0, 25), (1, 55), (2, 20)))):
            self.funding(activity, doc, title, year, sources)
        if self.chance(0.35):
            self.edge("located_in", activity, self.rng.choice(estates), doc, title)
        if activities and self.chance(0.04):
            self.edge("depends_on", activity, self.rng.choice(activities[-200:]), doc, title,
                      condition=self.pick((("requires", 3), ("starts_if", 1), ("cooperates", 1))))
        if sources["pools"] and self.chance(0.02):
            self.edge("depends_on", activity, self.rng.choice(sources["pools"]), doc, title,
                      condition=self.pick((("starts_if", 1), ("requires", 1))))
        activities.append(activity)
        return activity

    def funding(self, activity, doc, title, year, sources):
        kind = self.pick((("budget", 30), ("frame", 35), ("local", 10), ("pools", 25)))
        chosen = sources[kind]
        if isinstance(chosen, list):
            if not chosen:
                return
            chosen = self.rng.choice(chosen)
        amount = {}
        if self.chance(0.5):
            dkk = self.rng.randrange(1, 40) * 50_000
            amount = {"min_dkk": dkk, "max_dkk": dkk, "basis": "per_year",
                      "amount_text": f"{dkk // 1000} t.kr. årligt", "start_year": year, "end_year": year}
        self.edge("funds", chosen, activity, doc, title, status=self.pick(FUNDING_STATUSES), **amount)

    def period(self, year: int, p: float) -> dict:
        if not self.chance(p):
            return {}
        return {"start_year": year, "end_year": year + self.rng.randrange(0, 4)}
