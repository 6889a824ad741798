"""Names nobody listed: organisations, places and funding sources a document marks as names.

A name the gazetteer does not know becomes a node when its cue is strong, marked for review
(the ``review`` column says why) and listed in ``candidates.csv`` as before:

- an organisation: a compound naming an administration or a committee ("...forvaltningen",
  "...udvalget"), a housing association ("Boligforeningen X", "X Boligselskab"), an office or
  centre "for" something ("Kontoret for X"), a partnership ("X Partnerskab");
- a place: a capitalised name after "i" or "på" that looks like a Danish place name (it ends
  as one: "-bro", "-by", "-havn", "-parken", "-vej", "-gade", "-bjerg", "-huse", ..., or
  with a word such as "Brygge", "Nord"), not a country or a policy;
- a funding source: a name after a money cue ("finansieres af X", "støttet af X", "tilskud
  fra X"), or a name that says it is a pool or a fund ("X-puljen", "Y Fonden").

Known places count only where the text speaks of them as places: after "i", "på", "ved",
"bydelen", "området", ..., or in a list that follows such a cue, or when the gazetteer's name
itself says what kind of place it is ("de tre grønne kvarterer"). A municipality named as
the publisher of a document is no place of its work.
"""

from __future__ import annotations

import re

from inklusionsgraf.extract.gazetteer import COMMON_WORDS
from inklusionsgraf.extract.memo import remembered

_CAP = r"[A-ZÆØÅ][\wæøå]+"
# 'Park- og Vejudvalget', 'Havneforvaltningen'
_ADMINISTRATION = re.compile(
    rf"(?<![\w-])(?P<name>(?:{_CAP}-\s+og\s+)?[A-ZÆØÅ][\wæøå]*(?P<kind>forvaltning|udvalg)"
    r"(?:en|et)?)(?:s)?(?![\wæøå-])")
_HOUSING = re.compile(
    rf"(?<![\w])(?P<name>(?:[Bb]oligforening(?:en)?|[Bb]oligselskab(?:et)?|[Aa]lmene\s+[Bb]oliger)"
    rf"\s+{_CAP}(?:\s+{_CAP})*|{_CAP}(?:\s+{_CAP})*\s+(?:[Bb]oligselskab|[Bb]oligforening|Bolig)"
    r"(?:et|en)?)(?![\w])")
_OFFICE = re.compile(
    rf"(?<![\w])(?P<name>(?:Kontoret|Kontor|Centret|Center|Enheden|Sekretariatet)\s+for\s+{_CAP}"
    rf"(?:\s+(?:og\s+)?{_CAP})*)")
_PARTNERSHIP = re.compile(rf"(?<![\w])(?P<name>(?:{_CAP}[\w/-]*\s+){{1,3}}Partnerskab(?:et)?)(?![\w])")
_POOL = re.compile(rf"(?<![\w])(?P<name>{_CAP}(?:-|\s+)?(?:[Pp]uljen|[Ff]onden|Pulje|Fond))(?![\w])")
_MONEY_CUE = re.compile(r"finansier|støtte|tilskud|bevilg|bevilling|midler|søg")
_PLACE_CUE = re.compile(r"(?:^|(?<=\W))(?:i|på|ved|omkring|mellem|bydelen|bydel|området|byområdet?|"
                        r"boligområdet?|kvarteret|lokalområdet|omfatter|ligger)\s+$")
_LIST_ON = re.compile(r"^\s*(?:,|og|samt|eller|,\s*og)\s*$")
_NOT_PLACES = {"danmark", "europa", "norden", "verden", "sverige", "norge", "tyskland", "eu",
               "byen", "kommunen", "landet"}
# a policy, plan, programme or team named after 'i' is no place ('i Sundhedspolitikken')
_NOT_PLACE_END = re.compile(r"(?:politik|program|plan|strategi|projekt|aftale|indsats|model|team|"
                            r"teams|regi|arbejde|forløb)(?:ken|met|en|et|ne|s)?$", re.I)
# What Danish place names end in (a bridge, a town, a harbour, a park, a street, a hill ...),
# or a last word that names a kind of place: an unknown name after 'i'/'på' must look like one.
_PLACE_LIKE = re.compile(
    r"(?:bro|by|byen|havn|havnen|park|parken|vej|vejen|gade|gaden|plads|pladsen|torv|torvet|sted|"
    r"huse|hus|lund|lunden|holm|holmen|gård|gården|toft|bjerg|bakke|bakken|vænge|vang|have|haven|"
    r"kvarter|kvarteret|høj|mark|marken|strand|stranden|dal|dalen|skov|skoven|løse|rup|køb|"
    r"sø|søerne|ø|øen|ager|agre|enghave|brygge|allé|alle|kilen|byen)$"
    r"|\s(?:Nord|Syd|Øst|Vest|Brygge|Have|Park|Torv|Plads|Vej|Gade|Allé|Strand|By)$", re.I)
_ORGANISATION_END = re.compile(r"(?:forvaltning|udvalg|center|centret|skole|skolen|huset|kommune|"
                               r"regi|fonden|puljen|ministeriet|styrelsen)\w*$", re.I)


def organisations(build, line, text: str) -> list[str]:
    """Administrations, committees, associations and offices the text names (known or new)."""
    return [build.open_entity("administration", name, level, line, "name of an organisation")
            for name, level in _organisation_names(text, build.gazetteer)]


# Each kind of organisation's name, and the words it cannot be found without.
_ORGANISATIONS = ((_ADMINISTRATION, None, ("forvaltning", "udvalg")), (_HOUSING, "external", ("olig",)),
                  (_OFFICE, "unit", ("for",)), (_PARTNERSHIP, "external", ("Partnerskab",)))


@remembered
def _organisation_names(text: str, gazetteer) -> list[tuple[str, str]]:
    """(name, level) of the organisations a text names that the gazetteer does not know."""
    known = [(m.start, m.end) for m in gazetteer.find(text)]
    found = []
    for pattern, level, needs in _ORGANISATIONS:
        if not any(word in text for word in needs):
            continue
        for match in pattern.finditer(text):
            start, end = match.span("name")
            if any(s < end and start < e for s, e in known):
                continue
            found.append((match["name"], level or ("committee" if match["kind"] == "udvalg"
                                                    else "administration")))
            known.append((start, end))
    return found


def places(build, line, text: str, known: bool = True) -> list[str]:
    """Areas the text speaks of as places (see module doc): known ones (unless ``known`` is
    false) and new ones."""
    found, last_end = [], None
    for mention in build.gazetteer.find(text):
        if mention.entry.kind != "area" or not known:
            continue
        before = text[:mention.start]
        chained = last_end is not None and _LIST_ON.match(text[last_end:mention.start])
        described = any(w.islower() for w in mention.entry.name.split()[1:])
        if _PLACE_CUE.search(before[-20:]) or chained or described:
            build.mentions_of(line, text, mention)
            found.append(mention.entry.id)
            last_end = mention.end
    for candidate in build.gazetteer.candidates(text):
        name = candidate.name
        if candidate.cue not in ("i", "på") or name.isupper() or _ORGANISATION_END.search(name):
            continue
        words = name.split()
        if not _PLACE_LIKE.search(name) or \
                len(words) > 3 or name.casefold() in _NOT_PLACES or _NOT_PLACE_END.search(name) or \
                any(w.casefold() in COMMON_WORDS for w in words) or re.search(r"\d", name):
            continue
        found.append(build.open_entity("area", name, "site", line, f"a place after '{candidate.cue}'"))
    return found


def named_payers(build, line, text: str) -> list[str]:
    """New funding sources: unknown names after a money cue ('finansieres af X')."""
    return [build.open_entity("funding", c.name, "other", line, f"a payer after '{c.cue}'")
            for c in build.gazetteer.candidates(text) if _MONEY_CUE.search(c.cue)]


def funders(build, line, text: str) -> list[str]:
    """Funding sources the text names as paying (known or new)."""
    found = [m.entry.id for m in build.mentions(line, text, "funding", parents=False)]
    found += named_payers(build, line, text)
    taken = [(c.start, c.end) for c in build.gazetteer.candidates(text) if _MONEY_CUE.search(c.cue)]
    known = [(m.start, m.end) for m in build.gazetteer.find(text)] + taken
    for match in _POOL.finditer(text):
        start, end = match.span("name")
        if any(s < end and start < e for s, e in known) or match["name"].split()[0].casefold() \
                in COMMON_WORDS:
            continue
        found.append(build.open_entity("funding", match["name"], "other", line,
                                       "a name that says it is a pool or a fund"))
    return list(dict.fromkeys(found))
