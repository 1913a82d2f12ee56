// TeX to static SVG with MathJax (npm mathjax-full, pinned in package.json), for
// tools/produce/math_render.py, which starts this only for a formula not in its cache.
// One JSON object per line: out at start {"version", "css"}; in {"tex", "display"}, out
// {"html"}, {"html", "kept": why not flat} or {"error"}; in {..., "flat": false}, out MathJax's
// own markup and its glyphs by id {"html", "glyphs"}, which the tests compare pixel by pixel.
//
// Flat: MathJax's tree of <g> (one per MathML node) around a <use> per glyph made a chapter
// thousands of nodes to style and lay out (issue 24). Here a formula is one <svg> with one
// <path> for its glyphs, each outline moved where MathJax's transforms (translate and scale
// only) put it, in relative commands so a glyph drawn twice at one size is the same text twice
// (gzip keeps it once); rules are a second, unstroked <path>. Text MathJax's fonts lack (Hangul
// in \text{}) stays a <text>; a stretched delimiter's clipping <svg> stays. SVG this does not
// flatten (\cancel's <line>, a table's frame, \href's <a>) keeps MathJax's markup ("kept").
"use strict";

const readline = require("readline");
const { mathjax } = require("mathjax-full/js/mathjax.js");
const { TeX } = require("mathjax-full/js/input/tex.js");
const { SVG } = require("mathjax-full/js/output/svg.js");
const { liteAdaptor } = require("mathjax-full/js/adaptors/liteAdaptor.js");
const { RegisterHTMLHandler } = require("mathjax-full/js/handlers/html.js");
const { AssistiveMmlHandler } = require("mathjax-full/js/a11y/assistive-mml.js");
const { AllPackages } = require("mathjax-full/js/input/tex/AllPackages.js");
const { version } = require("mathjax-full/package.json");

// Without a browser MathJax cannot measure text its fonts lack (Hangul in \text{시점}) and
// gives each CJK character this width, in em. It draws such text at 0.884 em (the TeX font's
// x-height, 0.442 em, over the 0.5 em it takes an ex to be here), so one character of a
// full-width CJK font is 0.884 em wide: with the default 1 em, Hangul came out spaced.
const adaptor = liteAdaptor({ cjkCharWidth: 0.884 });
// The MathML beside each SVG (visually hidden by the stylesheet) is what screen readers read.
AssistiveMmlHandler(RegisterHTMLHandler(adaptor));
const tex = new TeX({
  packages: AllPackages,
  // A TeX error fails the build, naming the formula, instead of shipping red text.
  formatError: (jax, error) => { throw error; },
});
// "local": each formula carries the glyphs it uses, in its own <defs>, so it stands alone.
const svg = new SVG({ fontCache: "local" });
const doc = mathjax.document("", { InputJax: tex, OutputJax: svg });

// The stroke MathJax's stylesheet gives glyphs (`path[data-c], use[data-c] { stroke-width: 3 }`).
const GLYPH_STROKE = "3";

// SVG this does not flatten: the formula keeps MathJax's markup.
class NotFlat extends Error {}

// -- affine maps that only scale and translate: [a, d, e, f] is x -> a x + e, y -> d y + f --
const IDENTITY = [1, 1, 0, 0];

function compose(m, n) { // m after n
  return [m[0] * n[0], m[1] * n[1], m[0] * n[2] + m[2], m[1] * n[3] + m[3]];
}

function transformOf(text, where) {
  let m = IDENTITY;
  for (const [, op, args] of (text || "").matchAll(/(\w+)\(([^)]*)\)/g)) {
    const v = args.trim().split(/[\s,]+/).map(Number);
    if (op === "translate") m = compose(m, [1, 1, v[0], v.length > 1 ? v[1] : 0]);
    else if (op === "scale") m = compose(m, [v[0], v.length > 1 ? v[1] : v[0], 0, 0]);
    else if (op === "matrix" && v[1] === 0 && v[2] === 0) m = compose(m, [v[0], v[3], v[4], v[5]]);
    else throw new NotFlat(`${where}: transform ${op}(${args}) is not a scale or translation`);
  }
  return m;
}

// Coordinates in whole units (1/1000 em), as MathJax's fonts are drawn: integers, so a glyph's
// relative commands come out the same wherever it stands. Tenths made the pages' HTML 8 to 13%
// larger gzipped, for no difference a reader could see (tests/test_math_render.py compares pixels).
const grid = Math.round;
// A minus sign separates two numbers itself.
const join = (values) => values.map(String)
  .map((s, i) => (i && !s.startsWith("-") ? " " + s : s)).join("");

const COMMAND = /([MLHVQTCSZ])([^MLHVQTCSZ]*)/gi;
const ARITY = { M: 2, L: 2, H: 1, V: 1, Q: 4, T: 2, C: 6, S: 4, Z: 0 };

// A glyph's outline (absolute commands, as MathJax's fonts write them) under m: one absolute
// move to its first point, then relative commands.
function placeGlyph(d, m, where) {
  const [a, dd, e, f] = [m[0], m[1], grid(m[2]), grid(m[3])]; // its origin snapped to the grid
  const X = (x) => grid(a * x) + e, Y = (y) => grid(dd * y) + f;
  let out = "", cx = 0, cy = 0, sx = 0, sy = 0, first = true;
  for (const [, cmd, args] of d.matchAll(COMMAND)) {
    if (cmd !== cmd.toUpperCase()) throw new NotFlat(`${where}: glyph path with relative command ${cmd}`);
    const v = (args.match(/-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi) || []).map(Number);
    const n = ARITY[cmd];
    if (n === 0) { out += "z"; cx = sx; cy = sy; continue; }
    if (v.length === 0 || v.length % n) throw new NotFlat(`${where}: glyph path ${cmd} with ${v.length} numbers`);
    for (let i = 0; i < v.length; i += n) {
      const c = cmd === "M" && i > 0 ? "L" : cmd;
      if (c === "H") { const x = X(v[i]); out += "h" + (x - cx); cx = x; continue; }
      if (c === "V") { const y = Y(v[i]); out += "v" + (y - cy); cy = y; continue; }
      const pts = [];
      for (let j = 0; j < n; j += 2) pts.push(X(v[i + j]), Y(v[i + j + 1]));
      const x = pts[pts.length - 2], y = pts[pts.length - 1];
      if (c === "M" && first) out += "M" + join(pts);
      else out += c.toLowerCase() + join(pts.map((p, k) => p - (k % 2 ? cy : cx)));
      first = false;
      cx = x; cy = y;
      if (c === "M") { sx = x; sy = y; }
    }
  }
  return out;
}

const escapeText = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (s) => escapeText(String(s)).replace(/"/g, "&quot;");
const attrs = (list) => list.map(({ name, value }) => ` ${name}="${escapeAttr(value)}"`).join("");
const attr = (node, name) => adaptor.getAttribute(node, name);
const transformText = (m) => {
  const [a, d, e, f] = m.map((v, i) => (i < 2 ? v : grid(v)));
  return `translate(${e},${f})` + (a === 1 && d === 1 ? "" : ` scale(${a},${d})`);
};

// What may sit on each element MathJax draws with, besides what is read below.
const IGNORED = new Set(["data-mml-node", "data-mjx-texclass", "data-c", "data-variant", "data-semantic-type"]);

function checkAttributes(node, known, where) {
  for (const { name } of adaptor.allAttributes(node)) {
    if (known.includes(name) || IGNORED.has(name)) continue;
    throw new NotFlat(`${where} with attribute ${name}`);
  }
}

// One drawing: glyph outlines and rules under one paint, text and clipped pieces kept apart.
class Drawing {
  constructor(glyphs, where) {
    this.glyphs = glyphs;
    this.where = where;
    this.layers = new Map(); // paint -> {glyphs: [], rules: []}
    this.kept = []; // <text> and nested <svg>, as markup
  }

  layer(paint) {
    const key = `${paint.fill}\0${paint.stroke}`;
    if (!this.layers.has(key)) this.layers.set(key, { paint, glyphs: [], rules: [] });
    return this.layers.get(key);
  }

  walk(node, m, paint) {
    const kind = adaptor.kind(node);
    const where = `${this.where}: <${kind}>`;
    if (kind === "#text" || kind === "#comment" || kind === "defs") return;
    if (kind === "g") {
      checkAttributes(node, ["transform", "fill", "stroke", "stroke-width"], where);
      const own = { fill: attr(node, "fill") || paint.fill, stroke: attr(node, "stroke") || paint.stroke };
      const width = attr(node, "stroke-width");
      if (width != null && width !== "0") throw new NotFlat(`${where} with stroke-width ${width}`);
      const inner = compose(m, transformOf(attr(node, "transform"), where));
      for (const child of adaptor.childNodes(node)) this.walk(child, inner, own);
    } else if (kind === "use") {
      checkAttributes(node, ["transform", "xlink:href", "href", "x", "y"], where);
      const id = (attr(node, "xlink:href") || attr(node, "href") || "").slice(1);
      const d = this.glyphs.get(id);
      if (d === undefined) throw new NotFlat(`${where}: glyph ${id} is not defined`);
      const at = compose(compose(m, [1, 1, Number(attr(node, "x") || 0), Number(attr(node, "y") || 0)]),
        transformOf(attr(node, "transform"), where));
      if (d) this.layer(paint).glyphs.push(placeGlyph(d, at, where));
    } else if (kind === "rect") {
      checkAttributes(node, ["x", "y", "width", "height"], where);
      const x = Number(attr(node, "x") || 0), y = Number(attr(node, "y") || 0);
      const w = Number(attr(node, "width")), h = Number(attr(node, "height"));
      const [a, d, e, f] = m;
      const x1 = grid(a * x + e), x2 = grid(a * (x + w) + e);
      const y1 = grid(d * y + f), y2 = grid(d * (y + h) + f);
      this.layer(paint).rules.push(`M${join([x1, y1])}H${x2}V${y2}H${x1}z`);
    } else if (kind === "text") {
      checkAttributes(node, ["transform", "font-size", "font-family", "font-style", "font-weight"], where);
      const at = compose(m, transformOf(attr(node, "transform"), where));
      const keep = adaptor.allAttributes(node).filter(({ name }) => name !== "transform" && !IGNORED.has(name));
      const fill = paint.fill === "currentColor" ? [] : [{ name: "fill", value: paint.fill }];
      this.kept.push(`<text transform="${transformText(at)}"${attrs([...keep, ...fill])}>` +
        `${escapeText(adaptor.textContent(node))}</text>`);
    } else if (kind === "svg") {
      // A piece MathJax clips to its viewport (a stretched delimiter): kept as an <svg>,
      // placed by a <g>, its glyphs flattened inside it.
      checkAttributes(node, ["x", "y", "width", "height", "viewBox"], where);
      // MathJax's stylesheet lets a table cell's <svg> overflow (`g[data-mml-node="mtable"] > g > svg`);
      // its <g>s are gone, so the <svg> says it itself.
      const parent = adaptor.parent(node), grand = parent && adaptor.parent(parent);
      const overflow = grand && adaptor.kind(grand) === "g" && attr(grand, "data-mml-node") === "mtable"
        ? [{ name: "overflow", value: "visible" }] : [];
      const inner = new Drawing(this.glyphs, this.where);
      for (const child of adaptor.childNodes(node)) inner.walk(child, IDENTITY, paint);
      const box = ["x", "y", "width", "height", "viewBox"].filter((n) => attr(node, n) != null)
        .map((name) => ({ name, value: attr(node, name) }));
      this.kept.push(`<g transform="${transformText(m)}"><svg${attrs([...box, ...overflow])}>${inner.markup()}</svg></g>`);
    } else {
      throw new NotFlat(`${where} is not flattened`);
    }
  }

  markup() {
    let out = "";
    for (const { paint, glyphs, rules } of this.layers.values()) {
      const colour = paint.fill === "currentColor" && paint.stroke === "currentColor"
        ? "" : ` fill="${escapeAttr(paint.fill)}" stroke="${escapeAttr(paint.stroke)}"`;
      if (glyphs.length) out += `<path${colour} stroke-width="${GLYPH_STROKE}" d="${glyphs.join("")}"></path>`;
      if (rules.length) out += `<path${colour} d="${rules.join("")}"></path>`;
    }
    return out + this.kept.join("");
  }
}

// Every glyph defined anywhere under node: id -> outline.
function glyphsOf(node, glyphs = new Map()) {
  for (const child of adaptor.childNodes(node)) {
    const kind = adaptor.kind(child);
    if (kind === "#text") continue;
    if (kind !== "defs") { glyphsOf(child, glyphs); continue; }
    for (const path of adaptor.childNodes(child)) {
      const what = adaptor.kind(path);
      if (what !== "path") throw new NotFlat(`SVG definition <${what}>`);
      glyphs.set(attr(path, "id"), attr(path, "d") || "");
    }
  }
  return glyphs;
}

// MathJax numbers each formula's glyph ids (MJX-12-TEX-I-1D465); without the number an id
// names a glyph of the font, the same in every formula and every build.
const LOCAL_ID = /MJX-\d+-/g;
const DEFS = /<defs>(.*?)<\/defs>/s;
const GLYPH = /<path id="([^"]+)" d="([^"]*)"><\/path>/g;

// MathJax's own markup for the tests: its glyphs apart, under ids without MathJax's
// per-formula number. (A kept formula carries them inside it, as MathJax numbered them.)
function asMathJaxDrawsIt(node) {
  let html = adaptor.outerHTML(node).replace(LOCAL_ID, "MJX-");
  const glyphs = {};
  const defs = html.match(DEFS);
  if (defs) {
    for (const [, id, d] of defs[1].matchAll(GLYPH)) glyphs[id] = d;
    html = html.replace(DEFS, "");
  }
  return { html, glyphs };
}

function flatten(container) {
  const [drawn, ...rest] = adaptor.childNodes(container);
  if (adaptor.kind(drawn) !== "svg") throw new NotFlat(`MathJax's output starts with <${adaptor.kind(drawn)}>`);
  const drawing = new Drawing(glyphsOf(drawn), "formula");
  const paint = { fill: "currentColor", stroke: "currentColor" }; // walk() skips the <defs>
  for (const child of adaptor.childNodes(drawn)) drawing.walk(child, IDENTITY, paint);
  // The outer <svg> as MathJax sized and placed it; what MathJax's top <g> set (colour from
  // the text, no stroke but on glyphs) now set on it, for everything inside.
  const outer = adaptor.allAttributes(drawn).filter(({ name }) => name !== "xmlns:xlink");
  const set = [{ name: "fill", value: "currentColor" }, { name: "stroke", value: "currentColor" },
    { name: "stroke-width", value: "0" }];
  const flat = `<svg${attrs([...outer, ...set])}>${drawing.markup()}</svg>`;
  return `<mjx-container${attrs(adaptor.allAttributes(container))}>${flat}` +
    `${rest.map((n) => adaptor.outerHTML(n)).join("")}</mjx-container>`;
}

function render(request) {
  const container = doc.convert(request.tex, { display: Boolean(request.display) });
  if (request.flat === false) return asMathJaxDrawsIt(container);
  try {
    return { html: flatten(container) };
  } catch (error) {
    if (!(error instanceof NotFlat)) throw error;
    return { html: adaptor.outerHTML(container), kept: error.message };
  }
}

const css = adaptor.textContent(svg.styleSheet(doc)).replace(/\s+/g, " ").trim();
process.stdout.write(JSON.stringify({ version, css }) + "\n");

function answer(line) {
  try {
    return render(JSON.parse(line));
  } catch (error) {
    return { error: String(error && error.message ? error.message : error) };
  }
}
readline.createInterface({ input: process.stdin, terminal: false })
  .on("line", (line) => process.stdout.write(JSON.stringify(answer(line)) + "\n"));
