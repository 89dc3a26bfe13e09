"""The review queue: which names the gazetteer lacks reach `candidates.csv`, with their type,
evidence, graded suggestions and clusters of likely-same names.

Recognition finds every unknown name (`recognize.Candidate`); this module decides which of them
are worth a reviewer's time. A name is queued when at least one of its mentions is *actor text*
and passes the word filters. Where a mention stands (`mention_role`):

  text         body text and pull quotes, footnote prose that cites nothing, the interviewee and
               place of an interview citation, and front or back matter that lists actors
               (abbreviations, glossary, key figures, summary: `ACTOR_MATTER`)
  citation     inside a work a footnote cites (authors, editors, title, outlet, publisher, place
               and date of publication): the name lives in citations.csv
  attribution  the body names the author of a work that its sentence or paragraph cites in a
               footnote ("as Craven-Matthews and Englebert have argued"<sup>8</sup>)
  matter       front or back matter about the publication itself (title page, contents,
               acknowledgements, about the author, imprint)

Word filters (`word_problem`), decided on the mention's own sentence:
  common word      one word capitalised only where any word is (sentence start, after an opening
                   quote or a colon), one the corpus also writes in lower case, or one of the
                   language's stop list (months, days...)
  title fragment   a name glued to a capitalised word by "of", "on", "the"... ("Law on the Free
                   Administration of ..."), ending in a work noun (Code, Law, Accord, Report...),
                   opening with a citation signal ("See Prest"), or a heading in capitals
  demonym          a gazetteer place with a demonym ending ("Nigerien" = Niger + ien)

Suggestions (`suggest`) are graded 0-100 with the method and the name that matched, and shown
from `SUGGESTION_THRESHOLD` on, a value calibrated on labelled pairs (bench/review_queue.py).
Clusters (`clusters`) group queued names as OpenRefine's clustering does: the same fingerprint
(folded words, sorted, without repeats), or a nearest neighbour (one name's words inside the
other's, in order, or spelled within `fuzz.ratio` 85).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process

from extractors.model import Citation, Document, GazetteerEntity, Sentence, note_label
from extractors.text import acronym_key, normalise_alias

SUGGESTION_THRESHOLD = 75.0  # calibrated on tests/fixtures/suggestion_pairs.csv (bench/review_queue.py)
EVIDENCE = 3  # evidence sentences kept per candidate

ACTOR_MATTER = re.compile(
    r"abbreviation|acronym|glossar|key (?:actors|figures|people|persons|players)|who.?s who|summary|"
    r"sigles|abr[ée]viations|glossaire|acteurs|r[ée]sum[ée]|list of|politicians|commanders|leaders|"
    r"jihadists|armed groups|militias",
    re.I,
)
JOINING = r"(?:of|on|the|for|and|in|to|de|du|des|la|le|les|d’|l’|d'|l')"
GLUED_BEFORE = re.compile(rf"(?:^|[\s(“\"'‘])[A-ZÀ-Þ][\w’'.-]*\s+(?:{JOINING}\s*)+$")
WORK_NOUNS = frozenset(
    "code law act agreement accord accords treaty charter constitution report review journal papers "
    "press strategy index declaration resolution bill decree loi charte rapport revue ordonnance "
    "decret".split())
DEMONYM_ENDINGS = ("iennes", "iens", "ienne", "ien", "ians", "ian", "ans", "an", "ese", "oises", "oise", "ois", "i")
STOP_WORDS = {
    "en": frozenset("""january february march april may june july august september october november
        december monday tuesday wednesday thursday friday saturday sunday god allah internet ibid""".split()),
    "fr": frozenset("""janvier fevrier mars avril mai juin juillet aout septembre octobre novembre
        decembre lundi mardi mercredi jeudi vendredi samedi dimanche dieu allah internet ibid""".split()),
}
SIGNALS = frozenset("see cf ibid id accord contra also voir".split())  # citation signals opening a name
OPENERS = set("“\"'‘«([–—-:;•*")
PARTICLES = frozenset("ag al el ould ben bin ibn abu ou de du la le of the".split())


@dataclass(frozen=True)
class Evidence:
    doc_id: str
    sentence_id: str
    page: int | None
    zone: str
    text: str
    start: int = 0  # the name's first occurrence in the sentence text
    end: int = 0


@dataclass(frozen=True)
class Suggestion:
    entity_id: str
    score: float
    method: str  # words | spelling | acronym | short form
    matched: str  # the name, alias or acronym that matched
    reason: str


@dataclass(frozen=True)
class QueuedCandidate:
    candidate_id: str
    surface: str
    type: str
    count: int  # mentions in actor text
    documents: tuple[str, ...]
    suggested_entity_id: str
    score: float | None
    example_sentence_id: str
    example: str
    reason: str
    evidence: tuple[Evidence, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    cluster: str = ""
    entity_id: str = ""  # the x- id its mentions carry (empty for an ambiguous short form)


@dataclass(frozen=True)
class LeftOut:
    surface: str
    type: str
    why: str  # citation | attribution | matter | common word | title fragment | demonym | rule
    entity_id: str = ""  # the unreviewed id its mentions carry


@dataclass(frozen=True)
class Queue:
    candidates: tuple[QueuedCandidate, ...]
    left_out: tuple[LeftOut, ...]


# ------------------------------------------------------------------ where a mention stands


@dataclass(frozen=True)
class Context:
    sentences: Mapping[str, Sentence]
    footnote_of: Mapping[str, tuple[str, int]]  # footnote sentence id -> (doc id, footnote number)
    offset_in_footnote: Mapping[str, int]  # footnote sentence id -> its offset in the footnote text
    citation_spans: Mapping[tuple[str, int], tuple[tuple[int, int, Citation], ...]]
    footnote_text: Mapping[tuple[str, int], str]
    authors_cited_at: Mapping[str, frozenset[str]]  # sentence id -> surname keys its paragraph cites
    lower_words: frozenset[str]  # folded words the corpus writes in lower case outside footnotes
    language_of: Mapping[str, str]
    places: frozenset[str]  # folded names of the gazetteer's places


FOOTNOTE_PARAGRAPH = re.compile(r"fn0*(\d+)$")


def build_context(documents: Sequence[Document], citations: Sequence[Citation],
                  places: Iterable[str] = ()) -> Context:
    sentences = {s.sentence_id: s for d in documents for s in d.sentences}
    footnote_text = {(d.doc_id, f.n): f.text for d in documents for f in d.footnotes}
    spans: dict[tuple[str, int], list] = defaultdict(list)
    for c in citations:
        text = footnote_text.get((c.doc_id, c.footnote), "")
        at = text.find(c.text) if c.text else -1
        if at >= 0:
            spans[(c.doc_id, c.footnote)].append((at, at + len(c.text), c))
    footnote_of, offsets = {}, {}
    cursor: dict[tuple[str, int], int] = {}
    for d in documents:
        for s in d.sentences:
            m = FOOTNOTE_PARAGRAPH.search(s.paragraph_id) if s.zone == "footnote" else None
            if not m:
                continue
            key = (d.doc_id, int(m.group(1)))
            text = footnote_text.get(key, "")
            # a note's first sentence opens with its label ("12. "), which the note's text lacks
            label = note_label(key[1])
            label = label if s.text.startswith(label) else ""
            body = s.text[len(label):]
            at = text.find(body, cursor.get(key, 0))
            at = at if at >= 0 else text.find(body)
            if at >= 0:  # offsets in the sentence, label included, map to the note's text
                footnote_of[s.sentence_id], offsets[s.sentence_id] = key, at - len(label)
                cursor[key] = at + len(body)
    surnames: dict[tuple[str, int], set[str]] = defaultdict(set)
    for c in citations:
        for author in c.authors:
            words = author.split()
            if words:
                surnames[(c.doc_id, c.footnote)].add(normalise_alias(words[-1]))
    by_paragraph: dict[str, set[str]] = defaultdict(set)
    for d in documents:
        for s in d.sentences:
            for n in s.footnotes:
                by_paragraph[s.paragraph_id] |= surnames.get((d.doc_id, n), set())
    authors_at = {s.sentence_id: frozenset(by_paragraph[s.paragraph_id])
                  for d in documents for s in d.sentences if by_paragraph.get(s.paragraph_id)}
    lower = frozenset(normalise_alias(w) for d in documents for s in d.sentences if s.zone != "footnote"
                      for w in re.findall(r"[^\W\d_][\w’'-]*", s.text) if w.islower())
    return Context(sentences, footnote_of, offsets, {k: tuple(v) for k, v in spans.items()}, footnote_text,
                   authors_at, lower, {d.doc_id: d.language or "en" for d in documents}, frozenset(places))


def mention_role(sentence: Sentence, start: int, end: int, text: str, ctx: Context) -> str:
    """text | citation | attribution | matter (see the module docstring)."""
    if sentence.zone in ("front", "back"):
        return "text" if ACTOR_MATTER.search(sentence.section or "") else "matter"
    if sentence.zone == "footnote":
        key = ctx.footnote_of.get(sentence.sentence_id)
        if key is None:
            return "text"
        a = ctx.offset_in_footnote[sentence.sentence_id] + start
        b = a + (end - start)
        for s, e, c in ctx.citation_spans.get(key, ()):
            if s <= a and b <= e:
                if c.kind == "interview":
                    for part in (c.interviewee, c.interview_place):
                        if part and (text in part or part in text):
                            return "text"
                return "citation"
        return "text"
    cited = ctx.authors_cited_at.get(sentence.sentence_id)
    words = text.split()
    if cited and words and normalise_alias(words[-1]) in cited:
        return "attribution"
    return "text"


def word_problem(sentence: Sentence, start: int, end: int, text: str, ctx: Context) -> str:
    """Why a name in actor text is no name ("" when it may be one)."""
    words = text.split()
    if words and normalise_alias(words[0]).strip(".") in SIGNALS:
        return "title fragment"  # "See Prest": a citation signal glued to an author
    if len(words) > 1 and text.isupper():
        return "title fragment"  # a heading in capitals
    if len(words) == 1:
        key = normalise_alias(text)
        stop = STOP_WORDS.get(ctx.language_of.get(sentence.doc_id, "en"), STOP_WORDS["en"])
        if key in stop or key in ctx.lower_words:
            return "common word"
        if demonym_of(key, ctx.places):
            return "demonym"
        before = sentence.text[:start].rstrip()
        if not before or before[-1] in OPENERS or before[-1] in ".!?":
            return "common word"  # capitalised where every word is: nothing says it is a name
    if words and normalise_alias(words[-1]) in WORK_NOUNS:
        return "title fragment"
    if GLUED_BEFORE.search(sentence.text[:start]) and (len(words) > 1 or sentence.text[end:].lstrip()[:1].isupper()):
        return "title fragment"
    return ""


def demonym_of(key: str, places: frozenset[str]) -> bool:
    for ending in DEMONYM_ENDINGS:
        if key.endswith(ending) and len(key) > len(ending) + 2:
            stem = key[: -len(ending)]
            if stem in places or stem + "a" in places or stem + "e" in places:
                return True
    return False


# ------------------------------------------------------------------ suggestions


@dataclass(frozen=True)
class SuggestionIndex:
    keys: tuple[str, ...]  # folded names and aliases, sorted
    owners: Mapping[str, tuple[str, ...]]  # key -> entity ids
    shown: Mapping[str, str]  # key -> the name as written
    words: Mapping[str, tuple[str, ...]]  # folded word -> keys holding it
    acronyms: Mapping[str, tuple[str, ...]]  # acronym key -> entity ids
    types: Mapping[str, str]


def suggestion_index(entities: Iterable[GazetteerEntity]) -> SuggestionIndex:
    owners: dict[str, list[str]] = defaultdict(list)
    shown: dict[str, str] = {}
    acronyms: dict[str, list[str]] = defaultdict(list)
    types = {}
    for e in entities:
        types[e.id] = e.type
        for text in (e.name, *e.aliases, *e.former_names):
            k = normalise_alias(text)
            if k and e.id not in owners[k]:
                owners[k].append(e.id)
                shown.setdefault(k, text)
        for text in e.acronyms:
            if e.id not in acronyms[acronym_key(text).upper()]:
                acronyms[acronym_key(text).upper()].append(e.id)
    words: dict[str, list[str]] = defaultdict(list)
    for k in sorted(owners):
        for w in sorted(set(k.split())):
            words[w].append(k)
    return SuggestionIndex(tuple(sorted(owners)), {k: tuple(v) for k, v in owners.items()}, shown,
                           {w: tuple(v) for w, v in words.items()}, {k: tuple(v) for k, v in acronyms.items()},
                           types)


def suggest(surface: str, type_: str, index: SuggestionIndex, threshold: float = SUGGESTION_THRESHOLD,
            limit: int = 3) -> list[Suggestion]:
    """Graded suggestions (0-100) for one name, best first, from `threshold` on.

    words     every word of the name is a word of a longer name or alias, in order: 50 + 40 x the
              share of that name's letters the candidate covers, 15 more when a person's name ends
              on the same word as a person of the gazetteer (a surname), 10 less for each further
              entity whose names hold all those words
    spelling  the whole name against the whole name or alias (`fuzz.ratio`: insertions and
              deletions); for a person of several words, averaged with the ratio of the last
              words (a shared first name is no evidence); a name of fewer than 6 letters needs 90
    acronym   an acronym of the gazetteer written in another case ("Gatia"): 85; as written: 95
    A name against an entity of another kind (person, place, or organisation/group; `kind_of`)
    loses 10: "Africa" (a place) is not spelled like AFRICOM (a force)."""
    key = normalise_alias(surface)
    if not key:
        return []
    found: dict[str, Suggestion] = {}

    def offer(entity_id: str, score: float, method: str, matched: str, reason: str) -> None:
        if kind_of(type_) != kind_of(index.types.get(entity_id, "")):
            score -= 10
        score = round(max(0.0, min(100.0, score)), 1)
        old = found.get(entity_id)
        if old is None or score > old.score:
            found[entity_id] = Suggestion(entity_id, score, method, matched, reason)

    words = [w for w in key.split() if w not in PARTICLES]
    if words:
        pools = [set(index.words.get(w, ())) for w in words]
        holding = {k for k in set.intersection(*pools) if k != key and in_order(key.split(), k.split())}
        entities = sorted({e for k in holding for e in index.owners[k]})
        for entity_id in entities:
            k = max((k for k in holding if entity_id in index.owners[k]), key=lambda x: (letters(key) / letters(x), x))
            score = 50 + 40 * letters(key) / letters(k) - 10 * (len(entities) - 1)
            if type_ == "PERSON" and index.types.get(entity_id) == "PERSON" and k.split()[-1] == key.split()[-1]:
                score += 15
            share = "" if len(entities) == 1 else f"; {len(entities)} entities have these words"
            offer(entity_id, score, "words", index.shown[k], f"words of “{index.shown[k]}”{share}")
    for k, score, _ in process.extract(key, index.keys, scorer=fuzz.ratio, score_cutoff=min(threshold, 80), limit=5):
        if k == key or (len(key.replace(" ", "")) < 6 and score < 90):
            continue
        if type_ == "PERSON" and len(key.split()) > 1:  # a shared first name is no evidence: the surname must agree
            score = (score + fuzz.ratio(key.split()[-1], k.split()[-1])) / 2
        for entity_id in index.owners[k]:
            offer(entity_id, score, "spelling", index.shown[k], f"spelled like “{index.shown[k]}” ({score:.0f})")
    written = acronym_key(surface)
    for entity_id in index.acronyms.get(written.upper(), ()):
        same = written.isupper()
        offer(entity_id, 95 if same else 85, "acronym", surface,
              f"acronym {written.upper()}" + ("" if same else " in another case"))
    out = sorted((s for s in found.values() if s.score >= threshold), key=lambda s: (-s.score, s.entity_id))
    return out[:limit]


def kind_of(type_: str) -> str:
    """The coarse kind a suggestion's type must agree with: person, place, or anything organised
    (groups, bodies, forces, peoples; the model's ORG)."""
    return type_ if type_ in ("PERSON", "PLACE") else "ORG"


def letters(key: str) -> int:
    return max(1, len(key.replace(" ", "")))


def in_order(small: Sequence[str], big: Sequence[str]) -> bool:
    it = iter(big)
    return all(any(w == b for b in it) for w in small)


# ------------------------------------------------------------------ clusters


def fingerprint(surface: str) -> str:
    """OpenRefine's key collision fingerprint: folded words, without repeats, sorted."""
    return " ".join(sorted(set(re.sub(r"[^\w\s]", " ", normalise_alias(surface)).split())))


def clusters(surfaces: Sequence[str]) -> list[int]:
    """A cluster number per surface (0-based, in order of first member); names of one cluster
    share a fingerprint or are nearest neighbours (words in order, or `fuzz.ratio` >= 85)."""
    parent = list(range(len(surfaces)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    keys = [normalise_alias(s) for s in surfaces]
    prints = [fingerprint(s) for s in surfaces]
    for i in range(len(surfaces)):
        for j in range(i + 1, len(surfaces)):
            a, b = keys[i].split(), keys[j].split()
            near = (prints[i] == prints[j] or fuzz.ratio(keys[i], keys[j]) >= 85
                    or (len(a) < len(b) and a[-1:] == b[-1:] and in_order(a, b))
                    or (len(b) < len(a) and a[-1:] == b[-1:] and in_order(b, a)))
            if near:
                parent[find(j)] = find(i)
    order: dict[int, int] = {}
    return [order.setdefault(find(i), len(order)) for i in range(len(surfaces))]


# ------------------------------------------------------------------ the queue


@dataclass(frozen=True)
class RawName:
    """A name recognition could not link, with where it stands."""

    candidate_id: str
    surface: str
    type: str
    spans: tuple[tuple[str, int, int, str], ...]  # (sentence id, start, end, text)
    reason: str  # unknown name | ambiguous short form: a | b
    short_form_ids: tuple[str, ...] = ()
    entity_id: str = ""


def build_queue(names: Sequence[RawName], ctx: Context, index: SuggestionIndex,
                rejected_by_rule=lambda name, zones: "", threshold: float = SUGGESTION_THRESHOLD) -> Queue:
    """The candidates worth a review, and the names left out with why. `rejected_by_rule(name,
    zones)` gives the rule that rejects a name ("" for none)."""
    kept: list[tuple[RawName, list, list]] = []
    left: list[LeftOut] = []
    for name in names:
        problems, text_spans = [], []
        for sid, a, b, t in name.spans:
            s = ctx.sentences.get(sid)
            if s is None:
                continue
            role = mention_role(s, a, b, t, ctx)
            problem = word_problem(s, a, b, t, ctx) if role == "text" else role
            problems.append(problem)
            if not problem:
                text_spans.append((s, a, b, t))
        zones = tuple(ctx.sentences[sid].zone for sid, *_ in name.spans if sid in ctx.sentences)
        rule = rejected_by_rule(name, zones)
        if rule:
            left.append(LeftOut(name.surface, name.type, "rule", name.entity_id))
        elif not text_spans:
            why = min(Counter(problems).items(), key=lambda kv: (-kv[1], kv[0]))[0] if problems else "matter"
            left.append(LeftOut(name.surface, name.type, why, name.entity_id))
        else:
            kept.append((name, text_spans, problems))
    kept.sort(key=lambda k: (-len(k[1]), normalise_alias(k[0].surface), k[0].candidate_id))
    cluster_of = clusters([n.surface for n, _, _ in kept])
    out = []
    for (name, spans, _), cluster in zip(kept, cluster_of):
        evidence = pick_evidence(spans)
        if name.short_form_ids:
            graded = {g.entity_id: g for g in suggest(name.surface, name.type, index, 0, limit=50)}
            suggestions = [graded.get(e) or Suggestion(e, 0.0, "short form", name.surface, "") for e in name.short_form_ids]
            # in recognition's order: the entities the document itself names come first
            suggestions = [Suggestion(g.entity_id, g.score, "short form", g.matched,
                                      f"a short form {len(name.short_form_ids)} entities share")
                           for g in suggestions]
            reason = name.reason
        else:
            suggestions = suggest(name.surface, name.type, index, threshold)
            reason = suggestions[0].reason if suggestions else "unknown name"
        best = suggestions[0] if suggestions else None
        type_ = name.type
        if best and best.method != "short form" and index.types.get(best.entity_id):
            type_ = index.types[best.entity_id]
        out.append(QueuedCandidate(
            name.candidate_id, name.surface, type_, len(spans), tuple(sorted({s.doc_id for s, *_ in spans})),
            best.entity_id if best else "", best.score if best else None, evidence[0].sentence_id,
            evidence[0].text, reason, tuple(evidence), tuple(suggestions), f"k{cluster + 1:03d}", name.entity_id))
    return Queue(tuple(out), tuple(sorted(left, key=lambda x: (x.why, x.surface))))


def pick_evidence(spans) -> list[Evidence]:
    """Up to `EVIDENCE` sentences, one per document first (then a second per document...), each
    document's earliest first; in document and sentence order."""
    by_doc: dict[str, list] = defaultdict(list)
    for s, a, b, _ in sorted(spans, key=lambda x: (x[0].doc_id, x[0].sentence_id, x[1])):
        if not by_doc[s.doc_id] or by_doc[s.doc_id][-1][0].sentence_id != s.sentence_id:
            by_doc[s.doc_id].append((s, a, b))
    picked = []
    for i in range(EVIDENCE):
        picked += [by_doc[d][i] for d in sorted(by_doc) if i < len(by_doc[d])]
    picked = sorted(picked[:EVIDENCE], key=lambda x: (x[0].doc_id, x[0].sentence_id))
    return [Evidence(s.doc_id, s.sentence_id, s.page, s.zone, s.text, a, b) for s, a, b in picked]


def raw_names(candidates: Iterable) -> list[RawName]:
    """Recognition's candidates (`recognize.Candidate`) as names with their spans."""
    return [RawName(c.candidate_id, c.surface, c.type, tuple(c.spans), c.reason, tuple(c.short_form_ids),
                    "" if c.short_form_ids else c.entity_id) for c in candidates]


def review_queue(recognition, documents: Sequence[Document], citations: Sequence[Citation], gazetteer,
                 review=None, rules: Sequence = (), threshold: float = SUGGESTION_THRESHOLD) -> Queue:
    """The queue of a run: `recognition.candidates` filtered, typed, with evidence, suggestions
    (against the gazetteer and the names accepted in review) and clusters. `rules`: the review
    store's rules (`review.Rule`), which leave the names they reject out."""
    places = (normalise_alias(t) for e in gazetteer.entities if e.type == "PLACE" for t in (e.name, *e.aliases))
    ctx = build_context(documents, citations, places)
    index = suggestion_index([*gazetteer.entities, *(review.entities if review else ())])

    def by_rule(name: RawName, zones: Sequence[str]) -> str:
        return next((r.describe() for r in rules if r.rejects(name.surface, name.type, zones)), "")

    return build_queue(raw_names(recognition.candidates), ctx, index, by_rule, threshold)


def without_rule_rejections(recognition, queue: Queue):
    """The recognition without the mentions and entities of names a review rule rejects (as a
    rejected name's, they are gone from every table)."""
    gone = {x.entity_id for x in queue.left_out if x.why == "rule" and x.entity_id}
    if not gone:
        return recognition
    return replace(recognition, mentions=tuple(m for m in recognition.mentions if m.entity_id not in gone),
                   entities=tuple(e for e in recognition.entities if e.entity_id not in gone))
