"""A small SVG writer for the site's figures: boxes, arrows, text and x_t-style math.

Standard library only, so a figure needs no drawing package, and line-per-element XML to diff.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import NamedTuple

# Explicit colours on a light card of the figure's own: an <img> SVG does not see the
# page's light/dark toggle, and a white card with dark ink reads on both schemes.
INK = "#1f2328"
MUTED = "#57606a"
FAINT = "#a0a7b0"
CARD = "#ffffff"
CARD_EDGE = "#c9d1d9"


class Tone(NamedTuple):
    """Fill, edge and text colour of one kind of thing, the same on every figure."""

    fill: str
    edge: str
    text: str


INPUT = Tone("#dbeafe", "#1d4ed8", "#1e3a8a")  # x_t, embedding vectors (blue)
HIDDEN = Tone("#ffedd5", "#c2410c", "#7c2d12")  # h_t, hidden states (orange)
CELL = Tone("#ede9fe", "#6d28d9", "#4c1d95")  # the RNN's units, its weights (violet)
RESULT = Tone("#dcfce7", "#15803d", "#14532d")  # what leaves: document vectors, Dense (green)
TABLE = Tone("#f1f5f9", "#64748b", "#334155")  # lookup table, ids (slate)
GHOST = Tone("#f6f8fa", "#c3c9d0", "#8c959f")  # computed but not returned (grey, dashed)

# Hangul-capable faces first in line after Noto Sans, for the Korean figures' words.
SANS = ('"Noto Sans", "Noto Sans KR", "Noto Sans CJK KR", "Apple SD Gothic Neo", "Malgun Gothic", '
        '"DejaVu Sans", system-ui, sans-serif')
MONO = '"JetBrains Mono", "DejaVu Sans Mono", "Noto Sans Mono CJK KR", ui-monospace, monospace'
STYLE = f"""
text {{ font-family: {SANS}; fill: {INK}; }}
.mono {{ font-family: {MONO}; }}
.i {{ font-style: italic; }}
.bold {{ font-weight: 700; }}
"""


def fmt(value: float) -> str:
    """Coordinates with at most one decimal, so regenerated files are byte-identical."""
    return f"{value:.1f}".removesuffix(".0")


def text_width(text: str, size: float) -> float:
    """Rough rendered width (Hangul wide), good enough to place a subscript under a superscript."""
    total = 0.0
    for c in text:
        if "\u1100" <= c <= "\u11ff" or "\u3130" <= c <= "\u318f" or "\uac00" <= c <= "\ud7af":
            total += 0.95
        elif c in "il.,:;'|!()[] ":
            total += 0.3
        elif c.isupper() or c in "mw":
            total += 0.7
        else:
            total += 0.56
    return total * size


class Claim(NamedTuple):
    """A tuple and what it claims, written as the pages do:
    <text>(1, 4, 3)<!-- shape: return_sequences_and_state:hidden_states --></text>"""

    text: str
    tag: str


# x_t, h_{0,31}, W_h, h^{(1)}_t: `_` and `^` take one character or a {group}.
MATH_TOKEN = re.compile(r"([_^])(\{[^{}]*\}|.)|([A-Za-z]+)|([^_^A-Za-z]+)")


class Svg:
    def __init__(self, width: float, height: float) -> None:
        w, h = fmt(width), fmt(height)
        self.root = ET.Element("svg", {"xmlns": "http://www.w3.org/2000/svg", "width": w,
                                       "height": h, "viewBox": f"0 0 {w} {h}"})
        ET.SubElement(self.root, "style").text = STYLE
        self.defs = ET.SubElement(self.root, "defs")
        # The card: the figure's own background, readable on a light and a dark page.
        self.rect(0.5, 0.5, width - 1, height - 1, CARD, CARD_EDGE, rx=10)

    def rect(self, x: float, y: float, w: float, h: float, fill: str, edge: str, rx: float = 6,
             dashed: bool = False, width: float = 1.5) -> ET.Element:
        attrs = {"x": fmt(x), "y": fmt(y), "width": fmt(w), "height": fmt(h), "rx": fmt(rx),
                 "fill": fill, "stroke": edge, "stroke-width": fmt(width)}
        if dashed:
            attrs["stroke-dasharray"] = "5 4"
        return ET.SubElement(self.root, "rect", attrs)

    def box(self, x: float, y: float, w: float, h: float, tone: Tone, dashed: bool = False,
            rx: float = 6) -> ET.Element:
        return self.rect(x, y, w, h, tone.fill, tone.edge, rx=rx, dashed=dashed)

    def circle(self, cx: float, cy: float, r: float, tone: Tone) -> ET.Element:
        return ET.SubElement(self.root, "circle", {"cx": fmt(cx), "cy": fmt(cy), "r": fmt(r),
                                                   "fill": tone.fill, "stroke": tone.edge,
                                                   "stroke-width": "1.5"})

    def _marker(self, colour: str) -> str:
        name = "arrow-" + colour.lstrip("#")
        if self.defs.find(f"marker[@id='{name}']") is None:
            marker = ET.SubElement(self.defs, "marker", {
                "id": name, "viewBox": "0 0 10 10", "refX": "9", "refY": "5",
                # Fixed size, whatever the line width: heads look alike on every figure.
                "markerUnits": "userSpaceOnUse", "markerWidth": "10", "markerHeight": "10",
                "orient": "auto-start-reverse"})
            ET.SubElement(marker, "path", {"d": "M0,0 L10,5 L0,10 z", "fill": colour})
        return f"url(#{name})"

    def path(self, points: list[tuple[float, float]], colour: str = MUTED, width: float = 1.5,
             arrow: bool = True, dashed: bool = False, opacity: float | None = None) -> ET.Element:
        """A polyline through `points`, ending in an arrow head unless arrow=False."""
        d = " ".join(f"{'L' if i else 'M'}{fmt(x)},{fmt(y)}" for i, (x, y) in enumerate(points))
        attrs = {"d": d, "fill": "none", "stroke": colour, "stroke-width": fmt(width)}
        if dashed:
            attrs["stroke-dasharray"] = "5 4"
        if opacity is not None:
            attrs["stroke-opacity"] = fmt(opacity) if opacity >= 0.1 else f"{opacity:.2f}"
        if arrow:
            attrs["marker-end"] = self._marker(colour)
        return ET.SubElement(self.root, "path", attrs)

    def arrow(self, x1: float, y1: float, x2: float, y2: float, colour: str = MUTED,
              width: float = 1.5, dashed: bool = False) -> ET.Element:
        return self.path([(x1, y1), (x2, y2)], colour, width, True, dashed)

    def line(self, x1: float, y1: float, x2: float, y2: float, colour: str = MUTED,
             width: float = 1.5, dashed: bool = False, opacity: float | None = None) -> ET.Element:
        return self.path([(x1, y1), (x2, y2)], colour, width, False, dashed, opacity)

    def _text(self, x: float, y: float, size: float, anchor: str, classes: str,
              colour: str | None) -> ET.Element:
        attrs = {"x": fmt(x), "y": fmt(y), "font-size": fmt(size)}
        if anchor != "start":
            attrs["text-anchor"] = anchor
        if classes:
            attrs["class"] = classes
        if colour:
            attrs["fill"] = colour
        return ET.SubElement(self.root, "text", attrs)

    def text(self, x: float, y: float, content: str, size: float = 14, anchor: str = "middle",
             mono: bool = False, bold: bool = False, colour: str | None = None,
             tag: str | None = None) -> ET.Element:
        """`tag`, the claim the text makes (`value: SNIPPET:NAME`, `not-value`), is written as a
        comment inside the same <text>, where the claim checks read it."""
        classes = " ".join(c for c, on in (("mono", mono), ("bold", bold)) if on)
        element = self._text(x, y, size, anchor, classes, colour)
        element.text = content
        return tagged(element, tag)

    def claim(self, x: float, y: float, claim: Claim, size: float = 13, anchor: str = "middle",
              colour: str | None = None, bold: bool = False) -> ET.Element:
        """A tuple and the comment naming what it claims."""
        return self.text(x, y, claim.text, size, anchor, True, bold, colour, claim.tag)

    def math(self, x: float, y: float, tex: str, size: float = 16, anchor: str = "middle",
             colour: str | None = None, bold: bool = False, tag: str | None = None) -> ET.Element:
        """x_t-style notation: single letters italic, `_`/`^` for sub- and superscripts."""
        element = self._text(x, y, size, anchor, "bold" if bold else "", colour)
        shift = 0.0  # current baseline offset, undone before ordinary text resumes
        last_script_width = 0.0
        for script, group, word, other in MATH_TOKEN.findall(tex):
            if script:
                text = group[1:-1] if group.startswith("{") else group
                small = size * 0.7
                target = size * 0.3 if script == "_" else -size * 0.4
                attrs = {"font-size": fmt(small), "dy": fmt(target - shift)}
                if script == "_" and shift < 0:  # a subscript right after a superscript: stack them
                    attrs["dx"] = fmt(-last_script_width)
                last_script_width = text_width(text, small)
            else:
                text, target = word or other, 0.0
                attrs = {"dy": fmt(-shift)} if shift else {}
                if word and len(word) == 1:
                    attrs["class"] = "i"
                if not attrs:  # upright text on the baseline needs no <tspan>
                    if len(element) == 0:
                        element.text = (element.text or "") + text
                    else:
                        element[-1].tail = (element[-1].tail or "") + text
                    continue
            ET.SubElement(element, "tspan", attrs).text = text
            shift = target
        return tagged(element, tag)

    def to_string(self, header: str) -> str:
        if len(self.defs) == 0:
            self.root.remove(self.defs)
        indent(self.root)
        body = ET.tostring(self.root, encoding="unicode", short_empty_elements=True)
        return f"<!-- {header} -->\n{body}\n"


def tagged(element: ET.Element, tag: str | None) -> ET.Element:
    if tag:
        element.append(ET.Comment(f" {tag} "))
    return element


def indent(element: ET.Element, level: int = 0) -> None:
    """One element per line for readable diffs, but never inside <text>: whitespace there
    would be rendered between a letter and its subscript."""
    if element.tag == "text" or len(element) == 0:
        return
    pad = "\n" + "  " * (level + 1)
    element.text = pad
    for child in element:
        indent(child, level + 1)
        child.tail = pad
    element[-1].tail = "\n" + "  " * level
