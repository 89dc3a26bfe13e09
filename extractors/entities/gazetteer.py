"""Load and validate the gazetteer: canonical entities with their aliases.

The gazetteer is a folder of YAML files (``gazetteers/*.yaml``); the schema is
documented in ``gazetteers/README.md``. This module is pure: it reads the files
it is given, prints nothing and keeps no global state.

Three lookup tables come out of a load, one per matching rule:

* ``by_alias``: ``normalise_alias(text)`` -> entity ids, built from each entity's
  ``name``, ``aliases`` and ``former_names``. Matched case-, diacritic-,
  quote-, hyphen- and whitespace-insensitively; linked unconditionally.
* ``by_acronym``: the acronym as written (only typographic hyphens and spaces
  unified) -> entity ids. Matched case-sensitively, so ``UN`` is never ``un``.
* ``by_short_form``: ``normalise_alias(text)`` -> entity ids. Surnames and
  partial names, shared by several entities on purpose; a linker may use them
  only when the document context makes them unambiguous (for example when
  exactly one of the candidate entities was mentioned in full).

Errors (``GazetteerError``) name ``file:line``. Conflicts that are legitimate
but worth a look are collected in ``Gazetteer.warnings``; see ``load_gazetteer``
for which conflict is which.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import yaml

from extractors.model import ENTITY_TYPES, GazetteerEntity
from extractors.text import acronym_key, normalise_alias

__all__ = [
    "GazetteerError",
    "Gazetteer",
    "normalise_alias",
    "acronym_key",
    "load_gazetteer",
    "load_gazetteer_dir",
    "ENTITY_FIELDS",
    "REQUIRED_FIELDS",
]

# --------------------------------------------------------------------------- schema

REQUIRED_FIELDS = ("id", "name", "type")
LIST_FIELDS = ("aliases", "acronyms", "short_forms", "former_names", "sources")
COORDINATE_FIELDS = {"lat": 90.0, "lon": 180.0}  # decimal degrees, with their bound
ENTITY_FIELDS = REQUIRED_FIELDS + LIST_FIELDS + ("notes",) + tuple(COORDINATE_FIELDS)
FILE_FIELDS = ("description", "entities")

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Strings that may never be an alias, a name, a former name or a short form:
# words that are ordinary in English or French running text once lowercased
# (so "US", "UN", "AU" or "EU" must be acronyms, which are case-sensitive),
# generic nouns for actors, and demonyms (an adjective is not an entity).
_FUNCTION_WORDS = """
a about above after again against all also am an and any are as at be been before
being below between both but by can could did do does down during each few for from
further had has have he her here hers him his how i if in into is it its just me more
most my no nor not now of off on once one only or other our out over own per same she
should so some such than that the their them then there these they this those through
to too two under until up upon us very via was we were what when where which while who
whom why will with would yet you your
au aux avec ce ces dans de des du elle en et eu il ils la le les leur leurs mais ne nous
on ou par pas plus pour qui que sa se ses son sous sur un une vous
"""
_GENERIC_NOUNS = """
army armed forces force forces government state states president minister ministry
military militia militias movement front group coalition coordination mission council
assembly platform union alliance party parliament people north south east west centre
center region city town village capital jihadist jihadists rebel rebels islamist
islamists terrorist terrorists bandit bandits authorities administration
armee etat gouvernement
"""
_DEMONYMS = """
malian malians malien maliens malienne maliennes french francais francaise
algerian algerians algerien algeriens nigerien nigeriens nigerian nigerians
mauritanian mauritanians mauritanien libyan libyans libyen moroccan moroccans marocain
burkinabe burkinabes chadian chadians tchadien american americans americain
senegalese senegalais ivorian ivorians ivoirien european europeans europeen
african africans africain sahelian sahelians sahelien
"""
COMMON_WORDS = frozenset((_FUNCTION_WORDS + _GENERIC_NOUNS + _DEMONYMS).split())
# A phrase made only of these ("the government", "the armed forces") is generic
# too; one that adds a demonym ("Malian government") names a specific actor.
_GENERIC_PHRASE_WORDS = frozenset((_FUNCTION_WORDS + _GENERIC_NOUNS).split())

# ---------------------------------------------------------------------- public types


class GazetteerError(ValueError):
    """A gazetteer file is malformed or invalid.

    ``str(error)`` lists every problem found, one per line, each starting with
    ``file:line:``; ``problems`` holds the same lines as a tuple.
    """

    def __init__(self, problems: str | Sequence[str]):
        if isinstance(problems, str):
            problems = (problems,)
        self.problems: tuple[str, ...] = tuple(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class Gazetteer:
    """Canonical entities and their lookup tables (read-only mappings)."""

    entities: tuple[GazetteerEntity, ...]
    by_id: Mapping[str, GazetteerEntity]
    by_alias: Mapping[str, tuple[str, ...]]  # normalise_alias(name|alias|former name) -> ids
    warnings: tuple[str, ...] = ()
    by_acronym: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )  # acronym_key(acronym) -> ids, case-sensitive
    by_short_form: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )  # normalise_alias(short form) -> ids; context-gated, often several ids

    def lookup(self, text: str) -> tuple[str, ...]:
        """Ids that ``text`` names unconditionally: as an acronym (exact case)
        or else as a name/alias/former name (normalised). Short forms are not
        consulted; see ``short_form_ids``."""
        ids = self.by_acronym.get(acronym_key(text))
        if ids:
            return ids
        return self.by_alias.get(normalise_alias(text), ())

    def short_form_ids(self, text: str) -> tuple[str, ...]:
        """Candidate ids for a surname or partial name; needs context to pick one."""
        return self.by_short_form.get(normalise_alias(text), ())


# --------------------------------------------------------------------------- loading

_STANDARD_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:null",
}
_NULL_TAG = "tag:yaml.org,2002:null"


@dataclass
class _Occurrence:
    """Where one string of an entity was read."""

    entity_id: str
    text: str
    where: str  # file:line


@dataclass
class _State:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    entities: list[GazetteerEntity] = field(default_factory=list)
    id_sources: dict[str, str] = field(default_factory=dict)
    name_keys: dict[str, _Occurrence] = field(default_factory=dict)
    alias_keys: dict[str, list[_Occurrence]] = field(default_factory=dict)
    acronym_keys: dict[str, list[_Occurrence]] = field(default_factory=dict)
    short_keys: dict[str, list[_Occurrence]] = field(default_factory=dict)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _quote(text: str | None) -> str:
    return f"'{text}'"


def _scalar_text(node: yaml.Node) -> str | None:
    """The text of a scalar node as written (YAML's bool/int coercion ignored)."""
    if not isinstance(node, yaml.ScalarNode):
        return None
    if node.tag == _NULL_TAG and not node.style:  # plain: style None (PyYAML) or "" (libyaml)
        return ""
    return node.value


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)  # libyaml, when PyYAML was built with it


def _compose(text: str) -> yaml.Node | None:
    """The node tree of a YAML text: with libyaml when available (several times faster on a large
    gazetteer; same nodes, line numbers and tags), and with PyYAML's own parser for a text libyaml
    refuses, so that the error message is always PyYAML's."""
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _read_file(path: Path, state: _State) -> yaml.Node | None:
    where = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        state.errors.append(f"{where}: cannot read file: {exc.strerror or exc}")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        state.errors.append(f"{where}:{line}: not valid UTF-8 (byte {exc.start})")
        return None
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = exc.problem or exc.context or "cannot parse"
        if exc.context and exc.problem:
            context_line = (
                f" at line {exc.context_mark.line + 1}" if exc.context_mark is not None else ""
            )
            problem += f" ({exc.context}{context_line})"
        state.errors.append(f"{where}{line}: malformed YAML: {problem}")
        return None
    except yaml.reader.ReaderError as exc:  # a character YAML forbids
        line = text[: exc.position].count("\n") + 1
        state.errors.append(f"{where}:{line}: malformed YAML: {exc.reason} (character {exc.character!r})")
        return None
    except yaml.YAMLError as exc:
        state.errors.append(f"{where}: malformed YAML: {exc}")
        return None
    if root is None:
        state.errors.append(
            f"{where}:1: empty file (expected a mapping with an 'entities' list)"
        )
    return root


def _mapping_items(
    node: yaml.MappingNode, where: str, what: str, state: _State
) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """Keys -> (key node, value node); reports non-text and duplicate keys."""
    items: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key_node, value_node in node.value:
        key = _scalar_text(key_node)
        if not key:
            state.errors.append(f"{where}:{_line(key_node)}: {what}: keys must be plain text")
            continue
        if key in items:
            first = _line(items[key][0])
            state.errors.append(
                f"{where}:{_line(key_node)}: {what}: field '{key}' given twice "
                f"(first at line {first})"
            )
            continue
        items[key] = (key_node, value_node)
    return items


def _unknown_field(key: str, allowed: Sequence[str]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"unknown field '{key}' (allowed: {', '.join(allowed)}){hint}"


def _text_value(
    node: yaml.Node, where: str, what: str, name: str, state: _State
) -> str | None:
    if not isinstance(node, yaml.ScalarNode):
        state.errors.append(f"{where}:{_line(node)}: {what}: '{name}' must be text")
        return None
    if node.tag not in _STANDARD_SCALAR_TAGS:
        state.errors.append(f"{where}:{_line(node)}: {what}: unsupported YAML tag {node.tag}")
        return None
    text = _scalar_text(node) or ""
    if not text.strip():
        state.errors.append(f"{where}:{_line(node)}: {what}: '{name}' is empty")
        return None
    return text.strip()


def _list_value(
    node: yaml.Node, where: str, what: str, name: str, state: _State
) -> list[tuple[str, int]]:
    """Items of a list field as (text, line)."""
    if isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG and not node.style:
        return []  # `aliases:` with nothing after it
    if not isinstance(node, yaml.SequenceNode):
        state.errors.append(
            f"{where}:{_line(node)}: {what}: '{name}' must be a list of strings"
        )
        return []
    items = []
    for item in node.value:
        text = _text_value(item, where, what, f"{name} item", state)
        if text is not None:
            items.append((text, _line(item)))
    return items


def _check_word(text: str, where: str, what: str, kind: str, state: _State) -> bool:
    key = normalise_alias(text)
    if len(key.replace(" ", "")) < 2:
        state.errors.append(f"{where}: {what}: {kind} {_quote(text)} is too short")
        return False
    if key in COMMON_WORDS:
        state.errors.append(
            f"{where}: {what}: {kind} {_quote(text)} is a common word when lowercased "
            f"(an acronym belongs in 'acronyms', which match case-sensitively; "
            f"a demonym or generic noun is not an entity name)"
        )
        return False
    if all(word in _GENERIC_PHRASE_WORDS for word in key.split()):
        state.errors.append(
            f"{where}: {what}: {kind} {_quote(text)} is a generic phrase "
            f"(it is made only of common words)"
        )
        return False
    return True


@dataclass
class _RawEntity:
    """One entity as read from YAML, before it is checked as a whole and registered."""

    where_file: str
    start: int  # line of the entity
    what: str  # how messages name it: entity 'id' or entity at line N
    items: dict  # field -> (key node, value node)
    values: dict[str, str]  # scalar fields
    lists: dict[str, list[tuple[str, int]]]  # list field -> [(text, line)]
    errors_before: int  # errors found before its fields were read
    coordinates: dict[str, float] = field(default_factory=dict)  # lat, lon

    def at(self, node: yaml.Node) -> str:
        return f"{self.where_file}:{_line(node)}"


def _read_entity(node: yaml.Node, where_file: str, state: _State) -> None:
    """Read, check and register one entity: its fields, the rules between its names, then the
    rules across entities (ids, names and aliases shared with others)."""
    raw = _read_fields(node, where_file, state)
    if raw is None:
        return
    _check_names(raw, state)
    if len(state.errors) > raw.errors_before or not all(k in raw.values for k in REQUIRED_FIELDS):
        return
    _register(raw, state)


def _read_fields(node: yaml.Node, where_file: str, state: _State) -> _RawEntity | None:
    """The entity's fields: known and required ones, scalar values (id, name, type, notes) with
    their own rules, and the list fields."""
    if not isinstance(node, yaml.MappingNode):
        state.errors.append(
            f"{where_file}:{_line(node)}: each item of 'entities' must be a mapping"
        )
        return None
    start = _line(node)
    items = _mapping_items(node, where_file, f"entity at line {start}", state)
    id_node = items.get("id", (None, None))[1]
    entity_id = _scalar_text(id_node) if id_node is not None else None
    what = f"entity {_quote(entity_id)}" if entity_id else f"entity at line {start}"
    raw = _RawEntity(where_file, start, what, items, {}, {}, len(state.errors))

    for key, (key_node, _) in items.items():
        if key not in ENTITY_FIELDS:
            problem = _unknown_field(key, ENTITY_FIELDS)
            state.errors.append(f"{where_file}:{_line(key_node)}: {what}: {problem}")
    for key in REQUIRED_FIELDS:
        if key not in items:
            state.errors.append(f"{where_file}:{start}: {what}: missing required field '{key}'")

    values = raw.values
    for key in ("id", "name", "type", "notes"):
        if key in items:
            value_node = items[key][1]
            text = _text_value(value_node, where_file, what, key, state)
            if text is not None:
                values[key] = text

    if "id" in values and not ID_PATTERN.match(values["id"]):
        state.errors.append(
            f"{raw.at(items['id'][1])}: {what}: id must be a lowercase slug "
            f"(letters, digits, single hyphens; e.g. 'iyad-ag-ghali')"
        )
    if "type" in values and values["type"] not in ENTITY_TYPES:
        close = difflib.get_close_matches(values["type"].upper(), ENTITY_TYPES, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        state.errors.append(
            f"{raw.at(items['type'][1])}: {what}: unknown type {_quote(values['type'])} "
            f"(expected one of {', '.join(ENTITY_TYPES)}){hint}"
        )
    if "name" in values:
        _check_word(values["name"], raw.at(items["name"][1]), what, "name", state)

    for key in LIST_FIELDS:
        raw.lists[key] = _list_value(items[key][1], where_file, what, key, state) if key in items else []
    _read_coordinates(raw, state)
    return raw


def _read_coordinates(raw: _RawEntity, state: _State) -> None:
    """`lat` and `lon`: numbers in decimal degrees within their bounds, both or neither, and only on
    a PLACE."""
    for key, bound in COORDINATE_FIELDS.items():
        if key not in raw.items:
            continue
        node = raw.items[key][1]
        text = _text_value(node, raw.where_file, raw.what, key, state)
        if text is None:
            continue
        try:
            number = float(text)
        except ValueError:
            state.errors.append(f"{raw.at(node)}: {raw.what}: '{key}' must be a number (decimal degrees), "
                                f"not {_quote(text)}")
            continue
        if not -bound <= number <= bound:  # also refuses nan
            state.errors.append(f"{raw.at(node)}: {raw.what}: '{key}' {text} is outside -{bound:g}..{bound:g}")
            continue
        raw.coordinates[key] = number
    given = [k for k in COORDINATE_FIELDS if k in raw.items]
    if len(given) == 1:
        missing = "lon" if given == ["lat"] else "lat"
        state.errors.append(f"{raw.at(raw.items[given[0]][0])}: {raw.what}: '{given[0]}' without '{missing}' "
                            f"(give both coordinates or neither)")
    elif given and raw.values.get("type", "PLACE") != "PLACE":
        state.errors.append(f"{raw.at(raw.items['lat'][0])}: {raw.what}: coordinates on a "
                            f"{raw.values['type']}; only a PLACE has 'lat' and 'lon'")


def _check_names(raw: _RawEntity, state: _State) -> None:
    """Rules among one entity's names: words that may not be names, acronyms with a capital,
    a short form never also a name or alias, no value listed twice."""
    where_file, what, values, lists = raw.where_file, raw.what, raw.values, raw.lists
    for key, kind in (("aliases", "alias"), ("former_names", "former name"), ("short_forms", "short form")):
        for text, line in lists[key]:
            _check_word(text, f"{where_file}:{line}", what, kind, state)
    for text, line in lists["acronyms"]:
        if not any(c.isupper() for c in text):
            state.errors.append(
                f"{where_file}:{line}: {what}: acronym {_quote(text)} has no capital letter "
                f"(acronyms match case-sensitively; lowercase forms belong in 'aliases')"
            )
        elif len(acronym_key(text).replace(" ", "")) < 2:
            state.errors.append(f"{where_file}:{line}: {what}: acronym {_quote(text)} is too short")

    # Within one entity: a string is either always linked or context-gated.
    linked = {normalise_alias(values["name"]): values["name"]} if "name" in values else {}
    for key in ("aliases", "former_names"):
        for text, _ in lists[key]:
            linked.setdefault(normalise_alias(text), text)
    for text, line in lists["short_forms"]:
        if normalise_alias(text) in linked:
            state.errors.append(
                f"{where_file}:{line}: {what}: short form {_quote(text)} is also a name or alias "
                f"of the same entity ({_quote(linked[normalise_alias(text)])}); keep it in one place"
            )
    for key in LIST_FIELDS:
        seen: dict[str, int] = {}
        for text, line in lists[key]:
            if text in seen:
                state.warnings.append(
                    f"{where_file}:{line}: {what}: {key} lists {_quote(text)} twice "
                    f"(first at line {seen[text]})"
                )
            seen.setdefault(text, line)


def _register(raw: _RawEntity, state: _State) -> None:
    """The entity joins the gazetteer: its id must be new, its name not another entity's name;
    every name, alias, acronym and short form is indexed for the cross-entity checks."""
    where_file, values, lists, items = raw.where_file, raw.values, raw.lists, raw.items
    entity_id = values["id"]
    source = f"{where_file}:{raw.start}"
    if entity_id in state.id_sources:
        state.errors.append(
            f"{raw.at(items['id'][1])}: entity {_quote(entity_id)}: duplicate id "
            f"(first defined at {state.id_sources[entity_id]})"
        )
        return
    state.id_sources[entity_id] = source

    def dedupe(pairs: Iterable[tuple[str, int]]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(text for text, _ in pairs))

    entity = GazetteerEntity(
        id=entity_id,
        name=values["name"],
        type=values["type"],
        aliases=dedupe(lists["aliases"]),
        acronyms=dedupe(lists["acronyms"]),
        short_forms=dedupe(lists["short_forms"]),
        former_names=dedupe(lists["former_names"]),
        notes=values.get("notes", ""),
        source=source,
        sources=dedupe(lists["sources"]),
        lat=raw.coordinates.get("lat"),
        lon=raw.coordinates.get("lon"),
    )
    state.entities.append(entity)

    name_key = normalise_alias(entity.name)
    if name_key in state.name_keys:
        first = state.name_keys[name_key]
        state.errors.append(
            f"{raw.at(items['name'][1])}: entity {_quote(entity_id)}: name {_quote(entity.name)} "
            f"is also the name of {_quote(first.entity_id)} ({first.where}); give homonyms "
            f"distinct names and put the shared form in both entities' short_forms"
        )
    else:
        state.name_keys[name_key] = _Occurrence(entity_id, entity.name, raw.at(items["name"][1]))

    def register(table: dict[str, list[_Occurrence]], key: str, text: str, where: str) -> None:
        bucket = table.setdefault(key, [])
        if not any(o.entity_id == entity_id for o in bucket):
            bucket.append(_Occurrence(entity_id, text, where))

    register(state.alias_keys, name_key, entity.name, raw.at(items["name"][1]))
    for key in ("aliases", "former_names"):
        for text, line in lists[key]:
            register(state.alias_keys, normalise_alias(text), text, f"{where_file}:{line}")
    for text, line in lists["acronyms"]:
        register(state.acronym_keys, acronym_key(text), text, f"{where_file}:{line}")
    for text, line in lists["short_forms"]:
        register(state.short_keys, normalise_alias(text), text, f"{where_file}:{line}")


def _read_root(root: yaml.Node, where: str, state: _State) -> None:
    if not isinstance(root, yaml.MappingNode):
        state.errors.append(
            f"{where}:{_line(root)}: the file must be a mapping with an 'entities' list"
        )
        return
    items = _mapping_items(root, where, "file", state)
    for key, (key_node, _) in items.items():
        if key not in FILE_FIELDS:
            state.errors.append(f"{where}:{_line(key_node)}: {_unknown_field(key, FILE_FIELDS)}")
    if "description" in items:
        _text_value(items["description"][1], where, "file", "description", state)
    if "entities" not in items:
        state.errors.append(f"{where}:{_line(root)}: missing required field 'entities'")
        return
    entities = items["entities"][1]
    if not isinstance(entities, yaml.SequenceNode):
        state.errors.append(f"{where}:{_line(entities)}: 'entities' must be a list of mappings")
        return
    for node in entities.value:
        _read_entity(node, where, state)


def _describe(occurrences: Sequence[_Occurrence]) -> str:
    return " and ".join(f"{_quote(o.entity_id)} ({o.where})" for o in occurrences)


def _conflict_warnings(state: _State) -> None:
    for key, occ in state.alias_keys.items():
        if len(occ) > 1:
            texts = sorted({o.text for o in occ})
            state.warnings.append(
                f"{occ[1].where}: alias {' / '.join(_quote(t) for t in texts)} (key {_quote(key)}) "
                f"is claimed by {_describe(occ)}; lookups return all of them "
                f"(move it to short_forms if context must decide)"
            )
    for key, occ in state.acronym_keys.items():
        if len(occ) > 1:
            state.warnings.append(
                f"{occ[1].where}: acronym {_quote(key)} is claimed by {_describe(occ)}"
            )
    for key, occ in state.short_keys.items():
        linked = state.alias_keys.get(key, [])
        own = {o.entity_id for o in occ}
        others = [o for o in linked if o.entity_id not in own]
        if others:
            state.warnings.append(
                f"{occ[0].where}: short form {_quote(occ[0].text)} of {_describe(occ)} "
                f"is an alias of {_describe(others)}, which always wins"
            )


def _freeze(table: dict[str, list[_Occurrence]]) -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType({k: tuple(o.entity_id for o in v) for k, v in table.items()})


def load_gazetteer(paths: Sequence[Path]) -> Gazetteer:
    """Load and validate gazetteer files, in the order given.

    A directory in ``paths`` stands for its ``*.yaml`` files in sorted order.
    Raises ``GazetteerError`` listing every problem (``file:line: ...``):
    unreadable or malformed YAML, a wrong structure, missing or unknown
    fields, a type outside ``ENTITY_TYPES``, a bad or duplicate id, an empty,
    one-letter or common-word alias, an acronym without a capital letter, a
    string that is both an alias and a short form of one entity, or two
    entities with the same (normalised) canonical name.

    Reported as warnings, not errors: an alias or former name claimed by two
    entities (lookups then return both ids), an acronym claimed by two
    entities, a short form of one entity that is an alias of another (the
    alias wins), and a string listed twice in one field. Short forms shared by
    several entities are the purpose of short forms and are not reported.
    """
    state = _State()
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files.extend(_yaml_files(path, state))
        else:
            files.append(path)
    for path in files:
        first_error = len(state.errors)
        root = _read_file(path, state)
        if root is not None:
            _read_root(root, str(path), state)
        # this file's problems in line order (sorted() is stable)
        state.errors[first_error:] = sorted(state.errors[first_error:], key=_error_line)
    if state.errors:
        raise GazetteerError(state.errors)
    _conflict_warnings(state)
    entities = tuple(state.entities)
    return Gazetteer(
        entities=entities,
        by_id=MappingProxyType({e.id: e for e in entities}),
        by_alias=_freeze(state.alias_keys),
        warnings=tuple(state.warnings),
        by_acronym=_freeze(state.acronym_keys),
        by_short_form=_freeze(state.short_keys),
    )


_LINE_OF_ERROR = re.compile(r"^.*?:(\d+): ")


def _error_line(message: str) -> int:
    match = _LINE_OF_ERROR.match(message)
    return int(match.group(1)) if match else 0


def _yaml_files(folder: Path, state: _State) -> list[Path]:
    files = sorted(p for p in folder.glob("*.yaml") if p.is_file())
    for stray in sorted(folder.glob("*.yml")):
        state.warnings.append(f"{stray}: ignored (only *.yaml files are loaded)")
    return files


def load_gazetteer_dir(folder: Path) -> Gazetteer:
    """Load every ``*.yaml`` file of ``folder`` in sorted order."""
    folder = Path(folder)
    if not folder.is_dir():
        raise GazetteerError(f"{folder}: not a directory")
    if not any(p.is_file() for p in folder.glob("*.yaml")):
        raise GazetteerError(f"{folder}: no *.yaml gazetteer files")
    return load_gazetteer([folder])
