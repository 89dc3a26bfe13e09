"""Deterministic synthetic report PDFs for the ingestion tests, drawn with matplotlib.

One short report about armed actors in the central Sahel (known text, known footnotes) is set
in several typesetter styles: running headers and page numbers, footnote numbers glued to the
note text, justified and hyphenated text, two columns. Every word is placed by hand (measured
with matplotlib's own text layout), so the ground truth is exact: the tests compare what the
ingester reads with the text below.

Source markup in the text: `[n]` after a word is the marker of footnote n; `~` inside a word is a
hyphenation point where the hyphenating style *must* break the line ("govern~ment",
"self-~defense"); other words break at the points of `HYPHENATION` when they do not fit.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import matplotlib

matplotlib.use("pdf")

from matplotlib.backends.backend_pdf import PdfPages  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.font_manager import FontProperties  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Ellipse  # noqa: E402
from matplotlib.textpath import text_to_path  # noqa: E402

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FACES = {
    "serif": "DejaVuSerif.ttf",
    "italic": "DejaVuSerif-Italic.ttf",
    "bold": "DejaVuSans-Bold.ttf",
    "sans": "DejaVuSans.ttf",
    "mono": "DejaVuSansMono.ttf",
    "monobold": "DejaVuSansMono-Bold.ttf",
}

# ---------------------------------------------------------------- the report

TITLE = "Armed Actors and Local Order in the Central Sahel"
BYLINE = "A briefing paper on militias, jihadist groups and the state in Mali and Burkina Faso."
PULL_QUOTE = "The jihadists do not arrive from elsewhere; they are our sons and nephews."

# (heading, [paragraph | ("quote", text)]); a paragraph is a list of sentences
SECTIONS: list[tuple[str, list]] = [
    ("Introduction", [
        [
            "Since 2012, the central Sahel has seen a steady fragmentation of armed authority.",
            "What began as a rebellion in northern Mali has turned into a patchwork of local conflicts in which "
            "jihadist groups, community militias and state forces compete for control of villages, roads and "
            "markets.[1]",
            "This paper describes the main armed actors in the region and the ways in which they govern the "
            "places they hold.",
            "It argues that the government in Bamako has lost the ability to arbitrate between communities, and "
            "that the militias which claim to protect them have become part of the problem.",
        ],
        [
            "The analysis draws on interviews conducted in Mopti, Sévaré and Ouagadougou between 2016 and 2018, "
            "as well as on local press reports and the statements of the armed groups themselves.",
            "Names of interviewees have been withheld where they asked for it.",
            "Many of the people we met described the present situation as a return to an older order, in which "
            "armed men rather than courts settle disputes over land, water and inheritance.",
        ],
    ]),
    ("Jihadist Groups in the Inner Niger Delta", [
        [
            "The Katiba Macina, led by the preacher Amadou Koufa, emerged in 2015 as the most visible armed "
            "group in central Mali.[2]",
            "It presents itself as a movement of social justice for herders and poor families, and it draws on "
            "an anti-colonial language that resonates with young men who see the state as distant and corrupt.",
            "Its fighters collect a religious tax on livestock, close secular schools and mediate disputes over "
            "pasture and fishing rights.",
        ],
        [
            "In 2017 the group joined other factions to form Jama'at Nusrat al-Islam wal-Muslimin, the coalition "
            "known by its acronym JNIM.[3]",
            "The merger gave local commanders access to weapons and money, but it did not change the local "
            "character of their recruitment.",
            "Most fighters still come from the villages where they operate, and many return home after a few "
            "months of service.",
            "As one elder in Djenné put it, the jihadists do not arrive from elsewhere; they are our sons and "
            "nephews.",
        ],
        ("quote", PULL_QUOTE),
        [
            "This proximity explains why the communities of the delta rarely denounce the fighters to the "
            "administration, even when they suffer from their rules.",
            "It also explains why local negotiations with the jihadists are common, although they are officially "
            "forbidden.",
        ],
    ]),
    ("Self-Defense Militias", [
        [
            "In response, communities that felt abandoned by the army formed their own armed groups.",
            "The Dogon militia Dan Na Ambassagou,[4] founded in 2016, claims to defend farmers against jihadist "
            "attacks, while Fulani leaders accuse it of targeting civilians because of their ethnicity.",
            "Similar self-defense groups exist in Burkina Faso, where the Koglweogo began as rural police "
            "against cattle theft.",
        ],
        [
            "Several massacres of Fulani villagers in 2018 were attributed to militiamen who acted with the "
            "tacit approval of local officials.[5]",
            "The line between self-~defense and revenge is thin.",
            "The government denied any link with the militias, but it continued to rely on them for "
            "intelligence and for the protection of weekly markets.",
            "Older leaders who took part in the anti-~colonial struggle of the 1950s complain that young "
            "commanders no longer respect customary authority.",
        ],
    ]),
    ("The State and Its Partners", [
        [
            "The Malian army returned to the centre in 2013 with the support of French troops, but its presence "
            "remains limited to towns and main roads.",
            "The G5 Sahel joint force, created in 2017 by Mauritania, Mali, Burkina Faso, Niger and Chad, was "
            "meant to fill this gap.[6]",
            "By the end of 2018 it had carried out only a handful of operations, and its funding depended on "
            "pledges from European donors.",
        ],
        [
            "The United Nations mission, MINUSMA, has the mandate to protect civilians, yet its camps are "
            "concentrated in the north.",
            "Local officials told us that the govern~ment prefers negotiations with individual commanders to a "
            "broad political settlement.[7]",
            "Such deals buy short periods of calm but leave the underlying disputes over land, water and status "
            "unresolved.",
        ],
    ]),
    ("Conclusion", [
        [
            "Armed order in the central Sahel is local, negotiated and fragile.",
            "Neither the jihadist groups nor the militias can be defeated by force alone, because they are "
            "rooted in the same communities they claim to protect.",
            "A durable settlement will require the state to return as a fair arbiter rather than as one armed "
            "actor among others.[8]",
        ],
    ]),
]

NOTES: dict[int, str] = {
    1: "Interview with a former mayor of Douentza, Bamako, 14 March 2018.",
    2: "Mariam Touré, Pastoral Crises in the Inner Niger Delta (Bamako: Editions du Fleuve, 2017), 12-19.",
    3: "The coalition was announced in a video in March 2017 that showed the leaders of Ansar Dine, "
       "al-Mourabitoun, the Katiba Macina and the Sahara branch of al-Qaeda in the Islamic Maghreb seated side "
       "by side. Its leader, Iyad Ag Ghaly, had led the Tuareg rebellion of 1990 before he turned to religious "
       "politics. Observers in Bamako noted that the announcement came only weeks after the creation of the "
       "joint force of the Sahel states, and read it as a reply to it. See also the statement reproduced in "
       "Sahel Monitor, 4 March 2017, 3-4.",
    4: "The name means hunters who trust in God in the Dogon language. The group was dissolved by decree in "
       "March 2019 but remained active.",
    5: "Human rights organisations documented at least three such attacks between January and June 2018. "
       "Interview with a humanitarian worker, Mopti, 2 July 2018.",
    6: "Communiqué of the summit of the heads of state of the G5 Sahel, Bamako, 2 July 2017.",
    7: "Interviews with two deputy mayors of the Mopti region, Sévaré, 20 and 21 June 2018.",
    8: "This view was shared by most of the religious and customary leaders we interviewed.",
}
SPLIT_NOTE = 3  # this footnote is always broken across a page: two lines here, the rest overleaf

# Hyphenation points of long words, used where a word does not fit at the end of a line.
HYPHENATION = {
    w.replace("-", ""): w
    for w in (
        "frag-men-ta-tion", "re-bel-lion", "com-mu-ni-ties", "ar-bi-trate", "in-ter-views", "con-duct-ed",
        "Ouaga-dou-gou", "sit-u-a-tion", "in-her-i-tance", "Ambas-sagou", "re-cruit-ment", "ad-min-is-tra-tion",
        "nego-ti-a-tions", "of-fi-cial-ly", "mas-sa-cres", "at-trib-uted", "mili-tia-men", "in-tel-li-gence",
        "pro-tec-tion", "cus-tom-ary", "au-thor-i-ty", "Mau-ri-ta-nia", "op-er-a-tions", "con-cen-trat-ed",
        "in-di-vid-ual", "po-lit-i-cal", "set-tle-ment", "un-der-ly-ing", "un-re-solved", "ne-go-ti-at-ed",
        "de-feat-ed", "ar-bi-ter", "vis-i-ble", "re-li-gious", "live-stock", "sec-u-lar", "coali-tion",
        "char-ac-ter", "prox-im-i-ty", "de-nounce", "for-bid-den", "aban-doned", "eth-nic-i-ty", "vil-lagers",
        "ap-proval", "im-pli-ca-tion", "mil-i-tias", "mar-kets", "mi-li-tia", "sup-port", "pres-ence",
        "do-nors", "man-date", "civil-ians", "dis-putes", "jiha-dist", "jiha-dists",
    )
}


def clean(text: str) -> str:
    """The text a reader sees: markers and forced hyphenation points removed."""
    return re.sub(r"\[\d+\]", "", text).replace("~", "")


def expected_title() -> str:
    return TITLE


def expected_paragraphs() -> list[tuple[str, str, str]]:
    """(section, zone, text) of every paragraph after the title, in reading order."""
    out = [(TITLE, "front", BYLINE)]
    for heading, items in SECTIONS:
        for item in items:
            if isinstance(item, tuple):
                out.append((heading, "pullquote", item[1]))
            else:
                out.append((heading, "body", clean(" ".join(item))))
    return out


def expected_notes() -> dict[int, str]:
    return dict(NOTES)


def expected_anchors() -> dict[int, str]:
    """Footnote number -> the sentence that carries its marker."""
    anchors = {}
    for _heading, items in SECTIONS:
        for item in items:
            if isinstance(item, tuple):
                continue
            for sentence in item:
                for n in re.findall(r"\[(\d+)\]", sentence):
                    anchors[int(n)] = clean(sentence)
    return anchors


# ---------------------------------------------------------------- styles


@dataclass(frozen=True)
class Style:
    name: str
    page: tuple[float, float] = (420.0, 595.0)  # A5
    margins: tuple[float, float, float, float] = (54.0, 54.0, 62.0, 64.0)  # left, right, top, bottom
    columns: int = 1
    gutter: float = 18.0
    body: float = 10.0
    leading: float = 13.0
    note: float = 8.0
    note_leading: float = 10.0
    justify: bool = False
    hyphenate: bool = False
    indent: float = 0.0  # first-line indent; 0 means paragraphs are separated by space instead
    para_space: float = 7.0
    note_number: str = "sup"  # sup: superscript, glued: "5Olivier", dot: "5. Olivier"
    header: str = ""  # running header at the top of every page
    page_numbers: str = ""  # "", "centre" ("3"), "right" ("Page 3 of 5")


STYLES = {
    # running header and centred page numbers, superscript markers, numbers glued to the notes
    "header-glued": Style("header-glued", header="RLS Research Papers | 2018", page_numbers="centre",
                          note_number="glued"),
    # justified and hyphenated, first-line indents, "Page n of N" at the bottom right
    "justified-hyphenated": Style("justified-hyphenated", justify=True, hyphenate=True, indent=14.0,
                                  para_space=0.0, page_numbers="right"),
    # two columns on a wider page, notes across the page numbered "5. ..."
    "two-column": Style("two-column", page=(540.0, 620.0), margins=(48.0, 48.0, 60.0, 62.0), columns=2,
                        gutter=20.0, body=9.5, leading=12.0, note=7.5, note_leading=9.5, note_number="dot",
                        header="Sahel Briefing No. 7"),
}


# ---------------------------------------------------------------- measuring and breaking


@lru_cache(maxsize=None)
def font(face: str, size: float) -> FontProperties:
    return FontProperties(fname=FONT_DIR / FACES[face], size=size)


@lru_cache(maxsize=None)
def width(text: str, face: str, size: float) -> float:
    return text_to_path.get_text_width_height_descent(text, font(face, size), ismath=False)[0]


@dataclass(frozen=True)
class Token:
    text: str
    marker: int | None = None


@dataclass(frozen=True)
class Run:
    """Text placed on the page: x from the left edge, baseline y from the top edge."""

    x: float
    y: float
    text: str
    face: str
    size: float


@dataclass
class TextLine:
    runs: list[Run]  # x relative to the line's left edge, y relative to its baseline
    height: float
    space_before: float = 0.0
    notes: tuple[int, ...] = ()
    keep_with_next: bool = False


def tokens_of(text: str) -> list[Token]:
    out = []
    for raw in text.split():
        m = re.fullmatch(r"(.+?)(?:\[(\d+)\])?", raw)
        out.append(Token(m.group(1), int(m.group(2)) if m.group(2) else None))
    return out


def sup_size(size: float) -> float:
    return round(size * 0.6, 1)


def token_width(tok: Token, face: str, size: float) -> float:
    w = width(tok.text, face, size)
    if tok.marker is not None:
        w += 0.4 + width(str(tok.marker), face, sup_size(size))
    return w


def hyphen_points(tok: Token) -> list[tuple[Token, Token]]:
    """Where a word may break at a line end: (head ending in "-", tail); a `~` is the only point
    of its word."""
    if "~" in tok.text:
        head, tail = tok.text.split("~", 1)
        return [(Token(head if head.endswith("-") else head + "-"), Token(tail, tok.marker))]
    m = re.fullmatch(r"([^\w]*)(\w+)([^\w]*)", tok.text)
    if not m or m.group(2) not in HYPHENATION:
        return []
    pieces = HYPHENATION[m.group(2)].split("-")
    return [
        (Token(m.group(1) + "".join(pieces[:k]) + "-"), Token("".join(pieces[k:]) + m.group(3), tok.marker))
        for k in range(1, len(pieces))
    ]


def break_greedy(tokens: list[Token], measure: float, face: str, size: float, first_indent: float
                 ) -> list[list[Token]]:
    """Ragged-right lines: as many words as fit."""
    space = width(" ", face, size)
    lines: list[list[Token]] = []
    cur: list[Token] = []
    used = 0.0
    for tok in tokens:
        w = token_width(tok, face, size)
        room = measure - (first_indent if not lines else 0.0)
        if cur and used + space + w > room:
            lines.append(cur)
            cur, used = [], 0.0
        used += w + (space if cur else 0.0)
        cur.append(tok)
    if cur:
        lines.append(cur)
    return lines


def break_justified(tokens: list[Token], measure: float, face: str, size: float, first_indent: float,
                    splits: list | None) -> list[list[Token]]:
    """Minimum-raggedness breaking (a small Knuth-Plass) for justified text: words are split at
    their hyphenation points where that evens the lines, and always at a `~` point."""
    space = width(" ", face, size)
    n = len(tokens)
    points = [hyphen_points(t) for t in tokens]
    forced = {i for i, t in enumerate(tokens) if "~" in t.text}
    # a state is where a line starts: (i, -1) token i whole, (i, k) the tail of token i split at k
    best: dict[tuple[int, int], tuple[float, tuple | None, list[Token], bool]] = {(0, -1): (0.0, None, [], False)}
    for i in range(n):
        for k in range(-1, len(points[i])):
            if (i, k) not in best:
                continue
            cost0 = best[(i, k)][0]
            room = measure - (first_indent if (i, k) == (0, -1) else 0.0)
            line: list[Token] = [] if k < 0 else [points[i][k][1]]
            used = token_width(line[0], face, size) if line else 0.0
            j = i if k < 0 else i + 1

            def offer(state, toks, w, hyphen):
                gaps = max(1, len(toks) - 1)
                if state == (n, -1):
                    cost = 0.0 if w <= room else 1e9
                else:
                    cost = ((room - w) / gaps / space) ** 2 + (3.0 if hyphen and j not in forced else 0.0)
                    cost = cost if w <= room else 1e9
                total = cost0 + cost + 1.0
                if state not in best or total < best[state][0]:
                    best[state] = (total, (i, k), toks, hyphen)

            if k >= 0 and j == n:
                offer((n, -1), line, used, False)
            while j < n:
                for h, (head, _tail) in enumerate(points[j]):
                    if line:
                        w = used + space + token_width(head, face, size)
                        if w <= room:
                            offer((j, h), line + [head], w, True)
                if j in forced:
                    break
                w = used + (space if line else 0.0) + token_width(tokens[j], face, size)
                if w > room and line:
                    break
                line = line + [tokens[j]]
                used = w
                offer((j + 1, -1), line, used, False)
                j += 1
    lines: list[list[Token]] = []
    state = (n, -1)
    while state != (0, -1):
        _cost, prev, toks, hyphen = best[state]
        lines.append(toks)
        if hyphen and splits is not None:
            splits.append((toks[-1].text, points[state[0]][state[1]][1].text))
        state = prev
    if splits is not None:
        splits.reverse()
    return lines[::-1]


def break_paragraph(text: str, measure: float, style: Style, face: str, size: float, *,
                    first_indent: float = 0.0, splits: list | None = None) -> list[list[Token]]:
    if style.hyphenate and style.justify:
        return break_justified(tokens_of(text), measure, face, size, first_indent, splits)
    return break_greedy(tokens_of(text.replace("~", "")), measure, face, size, first_indent)


def set_line(tokens: list[Token], measure: float, face: str, size: float, *, indent: float = 0.0,
             justify: bool = False, align: str = "left") -> list[Run]:
    """Runs of one line: each word placed at its own x, markers raised after their word."""
    space = width(" ", face, size)
    widths = [token_width(t, face, size) for t in tokens]
    natural = sum(widths) + space * (len(tokens) - 1)
    gap = space
    x = indent
    if justify and len(tokens) > 1:
        gap = space + (measure - indent - natural) / (len(tokens) - 1)
    elif align == "centre":
        x = (measure - natural) / 2
    elif align == "right":
        x = measure - natural
    runs = []
    for tok, w in zip(tokens, widths):
        runs.append(Run(x, 0.0, tok.text, face, size))
        if tok.marker is not None:
            wx = x + width(tok.text, face, size) + 0.4
            runs.append(Run(wx, -0.38 * size, str(tok.marker), face, sup_size(size)))
        x += w + gap
    return runs


def body_lines(style: Style, measure: float, splits: list, title_measure: float) -> list[tuple[str, TextLine]]:
    """Every element of the report as lines, tagged title/heading/para/quote."""
    out: list[tuple[str, TextLine]] = []

    def para(text, face, size, leading, *, inset=0.0, space=0.0, kind="para", first_indent=0.0):
        lines = break_paragraph(text, measure - 2 * inset, style, face, size, first_indent=first_indent,
                                splits=splits)
        for i, toks in enumerate(lines):
            last = i == len(lines) - 1
            runs = set_line(toks, measure - 2 * inset, face, size, indent=first_indent if i == 0 else 0.0,
                            justify=style.justify and not last)
            runs = [replace(r, x=r.x + inset) for r in runs]
            notes = tuple(t.marker for t in toks if t.marker is not None)
            out.append((kind, TextLine(runs, leading, space if i == 0 else 0.0, notes)))

    title_size = style.body * 1.7
    for toks in break_paragraph(TITLE, title_measure, replace(style, hyphenate=False), "bold", title_size):
        out.append(("title", TextLine(set_line(toks, title_measure, "bold", title_size), title_size * 1.3,
                                      0.0, (), True)))
    para(BYLINE, "serif", style.body, style.leading, space=8.0)
    for heading, items in SECTIONS:
        h = style.body * 1.3
        for i, toks in enumerate(break_paragraph(heading, measure, replace(style, hyphenate=False), "bold", h)):
            out.append(("heading", TextLine(set_line(toks, measure, "bold", h), h * 1.3,
                                            style.leading if i == 0 else 0.0, (), True)))
        after_heading = True
        for item in items:
            if isinstance(item, tuple):
                para(item[1], "italic", style.body, style.leading, inset=22.0, space=style.leading * 0.8,
                     kind="quote")
                after_heading = True  # the next paragraph is set apart by space, not indented
                continue
            text = " ".join(item)
            indent = 0.0 if after_heading else style.indent
            space = style.para_space if not after_heading else 4.0
            if out[-1][0] == "quote":
                space = style.leading * 0.8
            para(text, "serif", style.body, style.leading, first_indent=indent, space=space)
            after_heading = False
    return out


def note_lines(style: Style, measure: float) -> dict[int, list[TextLine]]:
    """Each footnote as lines, numbered the way the style numbers them."""
    out = {}
    for n, text in NOTES.items():
        if style.note_number == "glued":
            text = f"{n}{text}"
        elif style.note_number == "dot":
            text = f"{n}. {text}"
        numbered = replace(style, hyphenate=False)
        inset = 0.0
        if style.note_number == "sup":
            inset = width(str(n), "serif", sup_size(style.note)) + 1.5
        lines = break_paragraph(text, measure - inset, numbered, "serif", style.note)
        rows = []
        for i, toks in enumerate(lines):
            runs = set_line(toks, measure - inset, "serif", style.note,
                            justify=style.justify and i < len(lines) - 1)
            runs = [replace(r, x=r.x + inset) for r in runs]
            if i == 0 and style.note_number == "sup":
                runs.insert(0, Run(0.0, -0.38 * style.note, str(n), "serif", sup_size(style.note)))
            rows.append(TextLine(runs, style.note_leading))
        out[n] = rows
    return out


# ---------------------------------------------------------------- pages


@dataclass
class Page:
    number: int
    runs: list[Run] = field(default_factory=list)  # absolute positions
    notes: list[tuple[int, TextLine]] = field(default_factory=list)
    rules: list[tuple[float, float, float]] = field(default_factory=list)


@dataclass(frozen=True)
class Generated:
    path: Path
    style: Style
    pages: int
    splits: tuple[tuple[str, str], ...]  # (head ending in "-", tail) broken at line ends
    note_pages: dict  # footnote number -> the pages it is printed on


class Pager:
    """Fills columns top to bottom; footnotes sit across the page bottom under a short rule and
    take their room from the columns; a note that does not fit (or SPLIT_NOTE) runs overleaf."""

    NOTE_GAP = 10.0  # between the body and the rule above the notes

    def __init__(self, style: Style, notes: dict[int, list[TextLine]]):
        self.style = style
        self.notes = notes
        self.pages: list[Page] = []
        self.carry: list[tuple[int, TextLine]] = []
        self.width = style.page[0] - style.margins[0] - style.margins[1]
        self.col_width = (self.width - style.gutter * (style.columns - 1)) / style.columns
        self.new_page()

    def new_page(self):
        self.pages.append(Page(len(self.pages) + 1))
        self.col = 0
        self.y = self.style.margins[2]
        self.lowest = self.y  # lowest body text on the page, any column
        self.col_top = None
        page = self.pages[-1]
        page.notes.extend(self.carry)
        self.carry = []

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def notes_height(self, lines) -> float:
        return sum(l.height for _n, l in lines) + (self.NOTE_GAP if lines else 0.0)

    def limit(self, notes) -> float:
        return self.style.page[1] - self.style.margins[3] - self.notes_height(notes)

    def next_column(self):
        if self.col + 1 < self.style.columns:
            self.col += 1
            self.y = self.top_of_columns
        else:
            self.new_page()

    @property
    def top_of_columns(self) -> float:
        return self.col_top if self.col_top is not None else self.style.margins[2]

    col_top: float | None = None

    def place(self, line: TextLine, span: bool, need_after: float = 0.0):
        """Place one line, moving on to the next column or page when it does not fit. Its notes go
        to the bottom of the page; a note behind one already carried overleaf is carried too (notes
        stay in order), and in columns a note that no longer fits under the text is carried."""
        for _attempt in range(3):
            space = line.space_before if self.y > self.top_of_columns + 0.1 else 0.0
            placed = {m for m, _ in self.page.notes} | {m for m, _ in self.carry}
            new = [(n, l) for n in line.notes if n not in placed for l in self.notes[n]]
            carry: list = []
            if self.carry:
                new, carry = [], new
            elif SPLIT_NOTE in line.notes and new:
                split = [x for x in new if x[0] == SPLIT_NOTE]
                new = [x for x in new if x[0] < SPLIT_NOTE] + split[:2]
                carry = split[2:] + [x for x in new if x[0] > SPLIT_NOTE]
            bottom = self.y + space + line.height
            notes = self.page.notes + new
            if bottom + need_after <= self.limit(notes) and max(self.lowest, bottom) <= self.limit(notes):
                self.emit(line, space, span)
                self.page.notes.extend(new)
                self.carry.extend(carry)
                return
            if self.style.columns > 1 and new and bottom + need_after <= self.limit(self.page.notes):
                self.emit(line, space, span)  # the text fits, its notes do not: they go overleaf
                self.carry.extend(new + carry)
                return
            self.next_column()
        raise RuntimeError("a line does not fit on an empty page")

    def emit(self, line: TextLine, space: float, span: bool):
        left = self.style.margins[0] + (0.0 if span else self.col * (self.col_width + self.style.gutter))
        baseline = self.y + space + line.height * 0.78
        for r in line.runs:
            self.page.runs.append(Run(left + r.x, baseline + r.y, r.text, r.face, r.size))
        self.y += space + line.height
        self.lowest = max(self.lowest, self.y)
        if span:
            self.col_top = self.y

    def finish(self):
        while self.carry:
            self.new_page()


def layout(style: Style, splits: list) -> list[Page]:
    notes = note_lines(style, style.page[0] - style.margins[0] - style.margins[1])
    pager = Pager(style, notes)
    width_all = pager.width
    col = pager.col_width
    elements = body_lines(style, col, splits, width_all)
    # the title spans the columns; everything else flows in them
    title = [l for kind, l in elements if kind == "title"]
    for l in title:
        pager.place(l, span=True)
    pager.y += 6.0
    pager.col_top = pager.y
    rest = [(k, l) for k, l in elements if k != "title"]
    for i, (kind, line) in enumerate(rest):
        need = 0.0
        if line.keep_with_next and i + 1 < len(rest):
            following = rest[i + 1][1]
            need = following.space_before + following.height * 2
        pager.place(line, span=False, need_after=need)
    pager.finish()
    return pager.pages


def decorate(page: Page, style: Style, total: int) -> list[Run]:
    """Running header, page number, and the notes at the bottom of the page."""
    runs = list(page.runs)
    w, h = style.page
    left, right, _top, bottom = style.margins
    measure = w - left - right
    if style.header:
        for r in set_line(tokens_of(style.header), measure, "serif", 8.0, align="right"):
            runs.append(Run(left + r.x, 36.0, r.text, r.face, r.size))
    if style.page_numbers == "centre":
        for r in set_line([Token(str(page.number))], measure, "serif", 9.0, align="centre"):
            runs.append(Run(left + r.x, h - 30.0, r.text, r.face, r.size))
    elif style.page_numbers == "right":
        label = f"Page {page.number} of {total}"
        for r in set_line(tokens_of(label), measure, "serif", 8.0, align="right"):
            runs.append(Run(left + r.x, h - 30.0, r.text, r.face, r.size))
    if page.notes:
        y = h - bottom - sum(l.height for _n, l in page.notes)
        page.rules.append((left, left + 72.0, y - 6.0))
        for _n, line in page.notes:
            baseline = y + line.height * 0.78
            for r in line.runs:
                runs.append(Run(left + r.x, baseline + r.y, r.text, r.face, r.size))
            y += line.height
    return runs


def render(path: Path, style: Style, pages: list[Page]) -> None:
    w, h = style.page
    with matplotlib.rc_context({"pdf.fonttype": 42}):
        with PdfPages(path, metadata={"Title": TITLE, "CreationDate": None, "Creator": "pdfgen"}) as pdf:
            for page in pages:
                fig = Figure(figsize=(w / 72, h / 72), dpi=72)
                for r in decorate(page, style, len(pages)):
                    fig.text(r.x / w, 1 - r.y / h, r.text, fontproperties=font(r.face, r.size),
                             va="baseline", ha="left")
                for x0, x1, y in page.rules:
                    fig.add_artist(Line2D([x0 / w, x1 / w], [1 - y / h] * 2, linewidth=0.5, color="black"))
                pdf.savefig(fig)


def write_report(path: Path, style: Style) -> Generated:
    splits: list = []
    pages = layout(style, splits)
    render(Path(path), style, pages)
    note_pages: dict[int, tuple[int, ...]] = {}
    for page in pages:
        for n, _line in page.notes:
            if page.number not in note_pages.get(n, ()):
                note_pages[n] = note_pages.get(n, ()) + (page.number,)
    return Generated(Path(path), style, len(pages), tuple(splits), note_pages)


def write_pages(path: Path, pages: list[list[Run]], size: tuple[float, float] = (420.0, 595.0),
                title: str = "", rules: list[list[tuple[float, float, float, float]]] | None = None,
                dots: list[list[tuple[float, float]]] | None = None) -> Path:
    """Pages of hand-placed runs, drawn in the order given (the order a producer writes them to the
    content stream: a footer drawn first comes first in the file); `rules`, per page, straight
    lines (x0, y0, x1, y1) from the top left, as a table's rulings; `dots`, per page, filled
    circles 3 pt across (x, y of their centre), as a chart's markers."""
    w, h = size
    meta = {"CreationDate": None, "Creator": "pdfgen"}
    if title:
        meta["Title"] = title
    with matplotlib.rc_context({"pdf.fonttype": 42}):
        with PdfPages(path, metadata=meta) as pdf:
            for i, runs in enumerate(pages):
                fig = Figure(figsize=(w / 72, h / 72), dpi=72)
                for r in runs:
                    fig.text(r.x / w, 1 - r.y / h, r.text, fontproperties=font(r.face, r.size),
                             va="baseline", ha="left")
                for x0, y0, x1, y1 in (rules[i] if rules and i < len(rules) else ()):
                    fig.add_artist(Line2D([x0 / w, x1 / w], [1 - y0 / h, 1 - y1 / h], linewidth=0.6, color="black"))
                for x, y in (dots[i] if dots and i < len(dots) else ()):
                    fig.add_artist(Ellipse((x / w, 1 - y / h), 3 / w, 3 / h, color="black", linewidth=0))
                pdf.savefig(fig)
    return Path(path)


def flow(text: str, x: float, y: float, measure: float, face: str = "serif", size: float = 10.0,
         leading: float = 13.0) -> tuple[list[Run], float]:
    """Text set ragged-right in lines of at most `measure` points from (x, baseline y); returns the
    runs (one per line) and the baseline after the last line."""
    runs, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and width(trial, face, size) > measure:
            runs.append(Run(x, y, line, face, size))
            y += leading
            line = word
        else:
            line = trial
    if line:
        runs.append(Run(x, y, line, face, size))
        y += leading
    return runs, y


def tight_words(text: str, x: float, y: float, face: str, size: float, gap: float) -> list[Run]:
    """Each word placed on its own, `gap` points after the previous one: type set tight, as in
    the small print of some journals, where the space is narrower than a fixed tolerance."""
    runs = []
    for word in text.split():
        runs.append(Run(x, y, word, face, size))
        x += width(word, face, size) + gap
    return runs


def write_image_only(path: Path, pages: int = 2, text: dict[int, str] | None = None) -> Path:
    """A 'scanned' report: every page is one grey image and there is no text layer at all; or,
    with `text` ({page index: its text}), a report whose other pages are scanned in (an annex)."""
    import numpy as np

    w, h = 420, 595
    ramp = np.linspace(0.85, 1.0, w)[None, :] * np.ones((h, 1))
    stripes = (np.arange(h)[:, None] // 14 % 2) * 0.1
    image = np.clip(ramp - stripes, 0, 1)
    with PdfPages(path, metadata={"CreationDate": None}) as pdf:
        for k in range(pages):
            fig = Figure(figsize=(w / 72, h / 72), dpi=72)
            if text and k in text:
                for r in flow(text[k], 40, 80, 330)[0]:
                    fig.text(r.x / w, 1 - r.y / h, r.text, fontproperties=font(r.face, r.size), va="baseline")
            else:
                fig.figimage(image, cmap="gray", vmin=0, vmax=1)
            pdf.savefig(fig)
    return Path(path)


def write_blank_pages(path: Path, pages: int = 2000) -> Path:
    """A PDF of many empty pages (made with pypdfium2, which pdfplumber already depends on)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    try:
        for _ in range(pages):
            doc.new_page(595, 842)
        doc.save(str(path))
    finally:
        doc.close()
    return Path(path)


# a standard font (not embedded: every reader has its metrics) for `write_raw`
HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def stream(data: bytes) -> bytes:
    """A PDF stream object holding `data` (unfiltered)."""
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def to_unicode(pairs: dict[int, int], code_bytes: int = 1) -> bytes:
    """A /ToUnicode CMap stream mapping each code (of `code_bytes` bytes) to a code point."""
    digits = 2 * code_bytes
    chars = b"".join(b"<%0*X> <%04X>\n" % (digits, code, target) for code, target in sorted(pairs.items()))
    return stream(b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
                  b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                  b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
                  b"1 begincodespacerange <%s> <%s> endcodespacerange\n" % (b"00" * code_bytes, b"FF" * code_bytes)
                  + b"%d beginbfchar\n" % len(pairs) + chars
                  + b"endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end")


def write_raw(path: Path, pages: list[bytes], fonts: dict[str, bytes], extra: list[bytes] = (),
              size: tuple[float, float] = (420.0, 595.0), rotate: int = 0, xobjects: bytes = b"") -> Path:
    """A PDF written object by object: each page's content stream as given, every page with the
    font resources `fonts` (resource name -> font dictionary, which may refer to `extra` objects
    as `N 0 R`, numbered from 3 + len(fonts)), each page turned by `rotate` (/Rotate). For what
    matplotlib cannot write: a font's own /Encoding /Differences, glyphs shown with given codes.
    `xobjects`: the pages' /XObject resources ("/Fm1 5 0 R", forms among the `extra` objects)."""
    objs: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    names = list(fonts)
    font_refs = b" ".join(b"/%s %d 0 R" % (n.encode(), 3 + i) for i, n in enumerate(names))
    objs += [fonts[n] for n in names]
    objs += list(extra)
    kids = []
    for content in pages:
        objs.append(stream(content))
        xobject = b" /XObject << %s >>" % xobjects if xobjects else b""
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %g %g] /Rotate %d /Resources << /Font << %s >>%s >> "
                    b"/Contents %d 0 R >>" % (size[0], size[1], rotate, font_refs, xobject, len(objs)))
        kids.append(len(objs))
    objs[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    Path(path).write_bytes(bytes(out))
    return Path(path)


def _embedded(program, file_obj: int, flags: int, name: str = "DejaVuSans") -> tuple[bytes, bytes]:
    """A TrueType program (a fontTools font) embedded as DejaVu Sans (or as `name`): its
    /FontDescriptor (with `flags`, its /FontFile2 the object numbered `file_obj`) and that object,
    the program deflated."""
    import io
    import zlib

    buf = io.BytesIO()
    program.save(buf)
    data = zlib.compress(buf.getvalue())
    descriptor = (b"<< /Type /FontDescriptor /FontName /ABCDEF+" + name.encode()
                  + b" /Flags %d /FontBBox [-1021 -463 1793 1232] "
                  b"/ItalicAngle 0 /Ascent 928 /Descent -236 /CapHeight 700 /StemV 80 /FontFile2 %d 0 R >>"
                  % (flags, file_obj))
    stream = (b"<< /Length %d /Length1 %d /Filter /FlateDecode >>\nstream\n" % (len(data), len(buf.getvalue()))
              + data + b"\nendstream")
    return descriptor, stream


def write_bare_truetype(path: Path, text: str, cmaps: tuple[tuple[int, int], ...], symbolic: bool = True) -> Path:
    """One line of `text` in DejaVu Sans embedded as a *bare* TrueType font, as Ghostscript writes a
    Windows font: no /Encoding, no /ToUnicode, the codes cp1252's, the program's cmaps only those
    given as (platform, encoding): (1, 0) Macintosh maps the codes, (3, 0) Windows symbol maps
    0xF000 + code."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables._c_m_a_p import cmap_format_4

    program = TTFont(FONT_DIR / "DejaVuSans.ttf")
    best = program.getBestCmap()
    by_code = {}
    for code in range(32, 256):
        try:
            ch = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            continue
        if ord(ch) in best:
            by_code[code] = best[ord(ch)]
    tables = []
    for platform, encoding in cmaps:
        table = cmap_format_4(4)
        table.platformID, table.platEncID, table.language = platform, encoding, 0
        table.cmap = {(0xF000 if platform == 3 else 0) + c: g for c, g in by_code.items()}
        tables.append(table)
    program["cmap"].tables = tables
    font = (b"<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+DejaVuSans /FirstChar 32 /LastChar 255 /Widths ["
            + b" ".join(b"%d" % (round(width(chr(cp), "sans", 1000)) if cp in best else 0)
                        for cp in (ord(bytes([c]).decode("cp1252", "replace")) for c in range(32, 256)))
            + b"] /FontDescriptor 4 0 R >>")
    descriptor, stream = _embedded(program, 5, 4 if symbolic else 32)
    shown = text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    content = b"BT /F1 10 Tf 30 500 Td (" + shown + b") Tj ET"
    return write_raw(path, [content], {"F1": font}, extra=[descriptor, stream])


def write_cid_truetype(path: Path, text: str, cmap: bool = True, mapped: str | None = None,
                       symbolic: bool = False, name: str = "DejaVuSans", glyphs: dict[str, int] | None = None) -> Path:
    """One line of `text` in DejaVu Sans embedded as a CID TrueType font (Type0, Identity-H,
    CIDToGIDMap Identity) *without* /ToUnicode, as "Microsoft Print to PDF" and other producers
    write one: the codes are glyph ids, only the program's cmap says which letters they are.
    `cmap=False`: the program has no cmap and no glyph names either (a 'post' table of format 3),
    as Acrobat Distiller subsets a TrueType font: only its glyph order says (DejaVu Sans's first
    98 glyphs are in Apple's standard order: space 3, "A" 36, "a" 68). `mapped`: a /ToUnicode that
    maps only these characters' glyphs (Acrobat's subsets whose /ToUnicode leaves letters out).
    `symbolic`: the descriptor's flags say so (4), as LuaTeX writes its subsets. `name`: the font's
    name after its subset tag ("Calibri"); `glyphs`: characters of `text` drawn by these glyph ids
    instead (a ligature with no code point, Word's "ti" in Calibri: 415)."""
    from fontTools.ttLib import TTFont

    program = TTFont(FONT_DIR / "DejaVuSans.ttf")
    best = program.getBestCmap()
    gid = {g: i for i, g in enumerate(program.getGlyphOrder())}
    em = program["head"].unitsPerEm
    glyphs = glyphs or {}
    order = program.getGlyphOrder()
    ids = {ch: glyphs[ch] if ch in glyphs else gid[best[ord(ch)]] for ch in set(text)}
    widths = b" ".join(b"%d [%d]" % (ids[ch], round(program["hmtx"][order[ids[ch]]][0] * 1000 / em))
                       for ch in sorted(set(text)))
    codes = b"".join(ids[ch].to_bytes(2, "big") for ch in text)
    if not cmap:
        del program["cmap"]
        program["post"].formatType = 3.0
    base = b"/ABCDEF+" + name.encode()
    font = b"<< /Type /Font /Subtype /Type0 /BaseFont " + base + b" /Encoding /Identity-H /DescendantFonts [4 0 R] >>"
    cid = (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont " + base + b" /CIDSystemInfo << /Registry (Adobe) "
           b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor 5 0 R /CIDToGIDMap /Identity /W [" + widths + b"] >>")
    descriptor, stream = _embedded(program, 6, 4 if symbolic else 32, name)
    content = b"BT /F1 11 Tf 30 500 Td <" + codes.hex().encode() + b"> Tj ET"
    extra = [cid, descriptor, stream]
    if mapped is not None:
        extra.append(to_unicode({gid[best[ord(ch)]]: ord(ch) for ch in set(mapped)}, code_bytes=2))
        font = font[:-2] + b"/ToUnicode 7 0 R >>"
    return write_raw(path, [content], {"F1": font}, extra=extra)


def write_type3_figures(path: Path, numbers: list[str], size: float = 9.0, flipped: bool = False) -> Path:
    """`numbers` (digits and commas) on one line, in a Type 3 font of tabular figures as
    Chromium's Skia writes one for a font it cannot embed: glyph procedures in a y-down frame
    (FontMatrix [0.001 0 0 -0.001 0 0]), each declaring its ink's box to d1 (a "1" narrow in its
    wide advance), a /ToUnicode that maps every glyph to U+0000, and each glyph's character given
    by a /Span's /ActualText. pdfium's boxes for such glyphs are their ink. `flipped`: each number
    on a line of its own, down the page, under a text matrix that turns y ([1 0 0 -1], d < 0) and a
    FontMatrix that does not, so that the glyphs stand upright (as dvips's bitmap fonts through
    Distiller 3 are set)."""
    chars = "0123456789,"
    procs = [b"278 0 90 -100 190 120 d1 90 -100 100 220 re f" if ch == "," else
             b"556 0 230 -700 360 0 d1 230 -700 130 700 re f" if ch == "1" else
             b"556 0 40 -700 516 0 d1 40 -700 476 700 re f" for ch in chars]
    n = len(chars)
    extra = [stream(p) for p in procs]
    extra += [b"<< /Type /FontDescriptor /FontName /AAAAAA+Figures /ItalicAngle 0 /CapHeight 700 /StemV 80 /Flags 4 >>",
              to_unicode({ord(ch): 0 for ch in chars})]
    font_matrix = b"[0.001 0 0 0.001 0 0]" if flipped else b"[0.001 0 0 -0.001 0 0]"
    font = (b"<< /Type /Font /Subtype /Type3 /FontBBox [9 208 999 -732] /FontMatrix " + font_matrix + b" "
            b"/CharProcs << " + b" ".join(b"/g%d %d 0 R" % (k, 4 + k) for k in range(n)) + b" >> "
            b"/Encoding << /Type /Encoding /Differences [" + b" ".join(b"%d /g%d" % (ord(ch), k) for k, ch in enumerate(chars))
            + b"] >> /FirstChar 44 /LastChar 57 /Widths [" + b" ".join(
                b"278" if c == 44 else b"556" if chr(c) in chars else b"0" for c in range(44, 58))
            + b"] /Resources << >> /FontDescriptor %d 0 R /ToUnicode %d 0 R >>" % (4 + n, 5 + n))
    step = b"0 14 Td " if flipped else b"90 0 Td "
    shown = b"".join(step * (k > 0) + b"".join(b"/Span << /ActualText (%s) >> BDC (%s) Tj EMC " % (bytes([c]), bytes([c]))
                                                for c in number.encode()) for k, number in enumerate(numbers))
    place = b"1 0 0 -1 40 500 Tm " if flipped else b"40 500 Td "
    content = b"BT /F1 %g Tf " % size + place + shown + b"ET"
    return write_raw(path, [content], {"F1": font}, extra=extra)


if __name__ == "__main__":  # python tests/pdfgen.py OUTDIR: write the samples to look at them
    import sys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    for name, st in STYLES.items():
        g = write_report(out / f"{name}.pdf", st)
        print(name, g.pages, "pages", g.splits, g.note_pages)
    write_image_only(out / "image-only.pdf")
