// MathJax 3 for pymdownx.arithmatex (generic mode), served from the site itself
// (assets/mathjax/, put there by tools/mathjax.py). Loaded only on pages that have math,
// so pages without it stay light.
(function () {
  var root = new URL("mathjax/", document.currentScript.src).href;
  window.MathJax = {
    loader: { paths: { mathjax: root.replace(/\/$/, "") } },
    tex: {
      inlineMath: [["\\(", "\\)"]],
      displayMath: [["\\[", "\\]"]],
      processEscapes: true,
      processEnvironments: true
    },
    options: {
      // arithmatex marks every formula with this class; nothing else is typeset.
      ignoreHtmlClass: ".*|",
      processHtmlClass: "arithmatex"
    },
    chtml: { fontURL: root + "output/chtml/fonts/woff-v2" }
  };
  if (document.querySelector(".arithmatex")) {
    var script = document.createElement("script");
    script.src = root + "tex-chtml.js";
    script.async = true;
    document.head.appendChild(script);
  }
})();
