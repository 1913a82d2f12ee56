// TeX to static SVG with MathJax's own renderer (npm mathjax-full, pinned in package.json),
// for tools/math_render.py, which starts this once per build and only when a formula is not
// in its cache. Protocol, one JSON object per line:
//   out, at start:  {"version": "3.2.2", "css": "<the stylesheet the markup needs>"}
//   in:             {"tex": "x_t", "display": false}
//   out:            {"html": "<mjx-container ...>", "glyphs": {"MJX-TEX-I-1D465": "M52 289Q59 ..."}}
//                or {"error": "TeX error message"}
// Each formula keeps its glyphs apart ("glyphs", referenced by <use href="#id">): the page
// that shows several formulas defines each glyph once (tools/math_render.py), as MathJax's
// own global font cache would in a browser, and a formula's markup does not depend on which
// formulas were rendered before it, so it can be cached alone.
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
// "local": each formula carries the glyphs it uses, so it can be cached alone.
const svg = new SVG({ fontCache: "local" });
const doc = mathjax.document("", { InputJax: tex, OutputJax: svg });

// MathJax numbers each formula's glyph ids (MJX-12-TEX-I-1D465); without the number an id
// names a glyph of the font, the same in every formula and every build.
const LOCAL_ID = /MJX-\d+-/g;
const DEFS = /<defs>(.*?)<\/defs>/s;
const GLYPH = /<path id="([^"]+)" d="([^"]*)"><\/path>/g;

function render(request) {
  const node = doc.convert(request.tex, { display: Boolean(request.display) });
  let html = adaptor.outerHTML(node).replace(LOCAL_ID, "MJX-");
  const glyphs = {};
  const defs = html.match(DEFS);
  if (defs) {
    for (const [, id, d] of defs[1].matchAll(GLYPH)) glyphs[id] = d;
    const left = defs[1].replace(GLYPH, "");
    if (left) throw new Error(`unexpected SVG definitions: ${left.slice(0, 80)}`);
    html = html.replace(DEFS, "");
  }
  return { html, glyphs };
}

const css = adaptor.textContent(svg.styleSheet(doc)).replace(/\s+/g, " ").trim();
process.stdout.write(JSON.stringify({ version, css }) + "\n");

const lines = readline.createInterface({ input: process.stdin, terminal: false });
lines.on("line", (line) => {
  let reply;
  try {
    reply = render(JSON.parse(line));
  } catch (error) {
    reply = { error: String(error && error.message ? error.message : error) };
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
});
