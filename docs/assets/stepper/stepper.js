// The RNN stepper: a sentence from the site's vocabulary through Embedding -> SimpleRNN, one
// time step at a time, with the weights of the page's own seeded run.
//
// A page holds <div data-stepper="NAME">; overrides/main.html loads this script only on such
// pages. The numbers come from NAME.json next to this file (written by tools/produce/stepper_data.py
// from the snippet's run record); nothing is fetched from anywhere else. The root element
// carries the current hidden state as JSON in data-hidden-state, which tests/test_stepper.py
// compares with the hidden states Keras computed in the same run. A model trained with a
// Dense(1, sigmoid) head (the data's optional "head") also shows the probability that the
// sentence is positive, read from the current hidden state, in data-prediction: after the
// last time step it is the model's prediction.
//
// For screen readers: the status line is visible text; what is announced goes to a separate
// polite live region, with the probability where there is one. Stepping announces at once;
// typing announces once, when the reader stops typing (ANNOUNCE_AFTER), not on every key.
// A word in the other language than the page's (the training data's Korean sentences on the
// English page, the English ones on the Korean page) carries its own `lang`.
(function () {
  "use strict";

  var script = document.currentScript;
  // Milliseconds without typing before the live region speaks: long enough to skip the words
  // a reader is still typing, short enough to follow their pause.
  var ANNOUNCE_AFTER = 600;
  var LABELS = {
    en: {
      sentence: "Sentence",
      examples: "Examples",
      known: "Words in the vocabulary:",
      unknown: "any other word becomes <unk>, the unknown token.",
      words: "Words of the sentence, one per time step",
      previous: "Previous",
      next: "Next",
      empty: "Type at least one word.",
      step: function (t, n, word, id) {
        return ["Time step t = " + t + " (word " + (t + 1) + " of " + n + "): \u201c", word, "\u201d, id " + id];
      },
      x: function (word, id) { return ["embedding vector of \u201c", word, "\u201d: row " + id + " of the table"]; },
      hPrevious: function (t) {
        return t === 0 ? "previous hidden state: zeros, there is no earlier word" : "previous hidden state, from time step " + (t - 1);
      },
      h: "new hidden state: tanh(x_t W_x + h_{t\u22121} W_h + b)",
      numbers: " numbers",
      element: "element",
      scale: "Colour: blue below zero, orange above; the stronger, the larger. Full colour at \u00b1",
      hover: "Point at or focus a cell to read its value.",
      wrapped: function (start, end) {
        return ["As in training, ", start, " and ", end, " are added before and after the sentence."];
      },
      prediction: "positive probability",
      predictionFormula: "sigmoid(h_t w + c), the Dense head on this hidden state",
      final: "after the last time step: the model\u2019s prediction",
      failed: "The stepper could not load its data: "
    },
    ko: {
      sentence: "문장",
      examples: "예문",
      known: "어휘 사전의 단어:",
      unknown: "그 밖의 단어는 모르는 단어 토큰 <unk>이 된다.",
      words: "문장의 단어, 시점마다 하나",
      previous: "이전",
      next: "다음",
      empty: "단어를 하나 이상 쓴다.",
      step: function (t, n, word, id) {
        return ["시점 t = " + t + " (단어 " + n + "개 중 " + (t + 1) + "번째): \u201c", word, "\u201d, id " + id];
      },
      x: function (word, id) { return ["\u201c", word, "\u201d의 임베딩 벡터: 표의 " + id + "번 행"]; },
      hPrevious: function (t) {
        return t === 0 ? "직전 은닉 상태: 앞 단어가 없으므로 0" : "직전 은닉 상태, 시점 " + (t - 1) + "에서";
      },
      h: "새 은닉 상태: tanh(x_t W_x + h_{t\u22121} W_h + b)",
      numbers: "개",
      element: "원소",
      scale: "색: 0보다 작으면 파랑, 크면 주황. 진할수록 크다. 가장 진한 색은 \u00b1",
      hover: "칸을 가리키거나 포커스하면 값이 보인다.",
      wrapped: function (start, end) {
        return ["학습 때처럼 문장 앞에 ", start, ", 뒤에 ", end, "를 붙인다."];
      },
      prediction: "긍정일 확률",
      predictionFormula: "sigmoid(h_t w + c), 이 은닉 상태에 Dense 층을 적용한 값",
      final: "마지막 시점: 모델의 예측",
      failed: "데이터를 불러오지 못했다: "
    }
  };

  function pageLanguage() {
    return (document.documentElement.getAttribute("lang") || "en").slice(0, 2);
  }

  function labels() {
    return LABELS[pageLanguage()] || LABELS.en;
  }

  // The language of a word or sentence of the data, by its script: Hangul is Korean, Latin
  // letters English; tokens such as "," have none.
  function languageOf(text) {
    if (/[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/.test(text)) return "ko";
    return /[A-Za-z]/.test(text) ? "en" : null;
  }

  // Mark an element holding data text with its language, where it is not the page's.
  function marked(node, text) {
    var lang = languageOf(text);
    if (lang && lang !== pageLanguage()) node.setAttribute("lang", lang);
    else node.removeAttribute("lang");
    return node;
  }

  // A word inside a sentence of the page's language: a span with its own lang where needed.
  function word(text) {
    var lang = languageOf(text);
    return lang && lang !== pageLanguage() ? el("span", { lang: lang, text: text }) : document.createTextNode(text);
  }

  // --- The model: exactly the SimpleRNN step, h_t = tanh(x_t W_x + h_{t-1} W_h + b) ---------

  function model(data) {
    if (data.rnn.activation !== "tanh") throw new Error("unsupported activation " + data.rnn.activation);
    // The file writes each float32 in its shortest decimal form; fround gives back the float32.
    var f32 = function (rows) { return rows.map(function (row) { return row.map(Math.fround); }); };
    return {
      vocabulary: data.vocabulary,
      unknown: data.unknown,
      sentences: data.sentences,
      embedding: f32(data.embedding),
      kernel: f32(data.rnn.kernel),
      recurrent: f32(data.rnn.recurrent_kernel),
      bias: data.rnn.bias.map(Math.fround),
      start: data.start === undefined ? null : data.vocabulary.indexOf(data.start),
      end: data.end === undefined ? null : data.vocabulary.indexOf(data.end),
      head: data.head ? head(data.head) : null
    };
  }

  // Dense(1, sigmoid) on a hidden state: the probability that the sentence is positive.
  function head(data) {
    if (data.activation !== "sigmoid") throw new Error("unsupported head activation " + data.activation);
    var kernel = data.kernel.map(function (row) { return Math.fround(row[0]); });
    var bias = Math.fround(data.bias[0]);
    return function (h) {
      var z = bias;
      for (var j = 0; j < h.length; j++) z += h[j] * kernel[j];
      return 1 / (1 + Math.exp(-z));
    };
  }

  // Like the snippet's encode(): split on spaces, a word's id is its place in the vocabulary;
  // a model trained with start and end tokens gets them around the words, as in training.
  function tokenize(m, text) {
    var tokens = text.split(/\s+/).filter(Boolean).map(function (word) {
      var id = m.vocabulary.indexOf(word);
      return { word: word, id: id < 0 ? m.unknown : id };
    });
    if (tokens.length === 0) return tokens;
    if (m.start !== null) tokens.unshift({ word: m.vocabulary[m.start], id: m.start });
    if (m.end !== null) tokens.push({ word: m.vocabulary[m.end], id: m.end });
    return tokens;
  }

  // Every hidden state of the sentence, h_0 ... h_{n-1}, computed in float64.
  function run(m, tokens) {
    var units = m.bias.length;
    var h = new Array(units).fill(0);
    return tokens.map(function (token) {
      var x = m.embedding[token.id];
      var next = new Array(units);
      for (var j = 0; j < units; j++) {
        var sum = m.bias[j];
        for (var i = 0; i < x.length; i++) sum += x[i] * m.kernel[i][j];
        for (var k = 0; k < units; k++) sum += h[k] * m.recurrent[k][j];
        next[j] = Math.tanh(sum);
      }
      h = next;
      return h;
    });
  }

  // --- The view --------------------------------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { node.append(child); });
    return node;
  }

  function symbol(base, sub) {
    return el("span", { "class": "rnn-stepper__symbol" }, [base, el("sub", { text: sub })]);
  }

  // Text with x_t, W_h, h_{t-1} written as subscripts.
  function notation(text) {
    var parts = text.split(/([A-Za-z])_(\{[^}]*\}|[A-Za-z0-9])/);
    var nodes = [];
    for (var i = 0; i < parts.length; i += 3) {
      if (parts[i]) nodes.push(parts[i]);
      if (i + 2 < parts.length) nodes.push(parts[i + 1], el("sub", { text: parts[i + 2].replace(/[{}]/g, "") }));
    }
    return nodes;
  }

  // Blue below zero, orange above (a colour-blind safe pair); strength is |value| / scale.
  function colour(value, scale) {
    var a = Math.min(1, Math.abs(value) / scale);
    var rgb = value < 0 ? "33, 102, 172" : "230, 97, 1";
    return "rgba(" + rgb + ", " + a.toFixed(3) + ")";
  }

  function format(value) {
    return (value < 0 ? "\u2212" : "") + Math.abs(value).toFixed(6);
  }

  // One row of cells: one tab stop, arrow keys move between cells, the value shows on
  // hover and focus (title, aria-label, and the readout line under the rows).
  function cellRow(name, count, readout) {
    var cells = [];
    var grid = el("div", { "class": "rnn-stepper__cells", role: "group" });
    for (var j = 0; j < count; j++) {
      var cell = el("span", { "class": "rnn-stepper__cell", tabindex: j === 0 ? "0" : "-1", role: "img" });
      cells.push(cell);
      grid.append(cell);
    }
    function read(cell) {
      var text = cell.getAttribute("aria-label") || "";
      readout.replaceChildren.apply(readout, notation(text.replace("_t\u22121", "_{t\u22121}")));
    }
    function show(event) {
      var cell = event.target.closest(".rnn-stepper__cell");
      if (cell) read(cell);
    }
    grid.addEventListener("mouseover", show);
    grid.addEventListener("focusin", show);
    grid.addEventListener("keydown", function (event) {
      var at = cells.indexOf(document.activeElement);
      var columns = getComputedStyle(grid).gridTemplateColumns.split(" ").length;
      var to = { ArrowRight: at + 1, ArrowLeft: at - 1, ArrowDown: at + columns, ArrowUp: at - columns,
                 Home: 0, End: count - 1 }[event.key];
      if (at < 0 || to === undefined) return;
      event.preventDefault();
      to = Math.max(0, Math.min(count - 1, to));
      cells[at].tabIndex = -1;
      cells[to].tabIndex = 0;
      cells[to].focus();
    });
    return {
      grid: grid,
      fill: function (values, scale, label) {
        grid.setAttribute("aria-label", label);
        values.forEach(function (value, j) {
          var text = name + "[" + j + "] = " + format(value);
          cells[j].style.backgroundColor = colour(value, scale);
          cells[j].setAttribute("aria-label", text);
          cells[j].title = text;
        });
        if (cells.indexOf(document.activeElement) >= 0) read(document.activeElement);
      }
    };
  }

  function build(root, m) {
    var L = labels();
    var id = "rnn-stepper-" + root.dataset.stepper;
    var units = m.bias.length;
    var dims = m.embedding[0].length;
    var embeddingScale = Math.max.apply(null, m.embedding.map(function (row) {
      return Math.max.apply(null, row.map(Math.abs));
    }));

    var input = el("input", { id: id + "-sentence", type: "text", spellcheck: "false", autocomplete: "off",
                              autocapitalize: "off", "class": "rnn-stepper__input" });
    input.value = m.sentences[0];
    var examples = el("div", { "class": "rnn-stepper__examples", role: "group", "aria-label": L.examples },
      m.sentences.map(function (sentence) {
        var button = marked(el("button", { type: "button", "class": "md-button rnn-stepper__example", text: sentence }), sentence);
        button.addEventListener("click", function () { input.value = sentence; load(); announce(); });
        return button;
      }));
    // The words a reader can type, then where every other word goes (<unk> kept as code).
    var words = [L.known + " "];
    m.vocabulary.forEach(function (word, i) {
      if (i !== m.unknown && i !== m.start && i !== m.end && word !== "<pad>") words.push(marked(el("code", { text: word }), word), " ");
    });
    var parts = L.unknown.split("<unk>");
    words = words.concat([parts[0], el("code", { text: "<unk>" }), parts[1]]);
    if (m.start !== null && m.end !== null) {
      words.push(" ");
      words = words.concat(L.wrapped(el("code", { text: m.vocabulary[m.start] }), el("code", { text: m.vocabulary[m.end] })));
    }
    var vocabulary = el("p", { "class": "rnn-stepper__vocabulary" }, words);

    var tokens = el("div", { "class": "rnn-stepper__tokens", role: "group", "aria-label": L.words });
    var previous = el("button", { type: "button", "class": "md-button rnn-stepper__previous", text: "\u25c0 " + L.previous });
    var next = el("button", { type: "button", "class": "md-button rnn-stepper__next", text: L.next + " \u25b6" });
    var status = el("p", { "class": "rnn-stepper__status" });
    // What a screen reader says (visually hidden): the status line, and the probability.
    var announcer = el("p", { "class": "rnn-stepper__announce", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    var readout = el("p", { "class": "rnn-stepper__readout", text: L.hover });
    var rowX = cellRow("x_t", dims, readout);
    var rowPrevious = cellRow("h_t\u22121", units, readout);
    var rowH = cellRow("h_t", units, readout);
    var captionX = el("span", { "class": "rnn-stepper__caption" });
    var captionPrevious = el("span", { "class": "rnn-stepper__caption" });
    var captionH = el("span", { "class": "rnn-stepper__caption" }, notation(L.h));
    var legend = el("p", { "class": "rnn-stepper__legend" });
    // The head's reading of h_t: a number and a bar from 0 to 1 with a mark at 0.5.
    var predictionValue = el("strong", { "class": "rnn-stepper__prediction-value" });
    var predictionNote = el("span", { "class": "rnn-stepper__caption" });
    var predictionBar = el("span", { "class": "rnn-stepper__bar" }, [el("span", { "class": "rnn-stepper__bar-fill" })]);
    var prediction = el("div", { "class": "rnn-stepper__prediction" }, [
      el("div", { "class": "rnn-stepper__label" }, [
        el("span", { "class": "rnn-stepper__caption" }, notation(L.predictionFormula))]),
      el("p", {}, [L.prediction + " ", predictionValue, " ", predictionNote]), predictionBar]);

    function rowOf(sym, caption, row) {
      return el("div", { "class": "rnn-stepper__row" }, [
        el("div", { "class": "rnn-stepper__label" }, [sym, " ", caption]), row.grid]);
    }

    root.replaceChildren(
      el("div", { "class": "rnn-stepper__pick" }, [
        el("label", { "for": input.id, text: L.sentence }), input, examples, vocabulary]),
      tokens,
      el("div", { "class": "rnn-stepper__controls" }, [previous, status, next]), announcer,
      rowOf(symbol("x", "t"), captionX, rowX),
      rowOf(symbol("h", "t\u22121"), captionPrevious, rowPrevious),
      rowOf(symbol("h", "t"), captionH, rowH),
      readout, legend);
    if (m.head) root.insertBefore(prediction, readout);

    var state = { tokens: [], states: [], predictions: [], t: 0 };
    var pending = null;  // the announcement waiting for the reader to stop typing

    // The live region says what the stepper now shows: the status line and, for a trained
    // model, the probability (the bar's number is not in the status line).
    function announce() {
      clearTimeout(pending);
      pending = null;
      var parts = Array.prototype.map.call(status.childNodes, function (node) { return node.cloneNode(true); });
      if (m.head && state.tokens.length) {
        var p = state.predictions[state.t];
        parts.push("; " + L.prediction + " " + p.toFixed(4) +
                   (state.t === state.tokens.length - 1 ? " (" + L.final + ")" : ""));
      }
      announcer.replaceChildren.apply(announcer, parts);
    }

    function show(t) {
      var n = state.tokens.length;
      state.t = Math.max(0, Math.min(n - 1, t));
      // A button that becomes disabled under the keyboard hands its focus to the other one.
      var focused = document.activeElement;
      previous.disabled = n === 0 || state.t === 0;
      next.disabled = n === 0 || state.t === n - 1;
      if (focused === next && next.disabled && !previous.disabled) previous.focus();
      if (focused === previous && previous.disabled && !next.disabled) next.focus();
      root.classList.toggle("rnn-stepper--empty", n === 0);
      if (n === 0) {
        status.replaceChildren(L.empty);
        root.dataset.hiddenState = "[]";
        root.dataset.step = "-1";
        if (m.head) root.dataset.prediction = "";
        return;
      }
      var token = state.tokens[state.t];
      var h = state.states[state.t];
      var before = state.t === 0 ? new Array(units).fill(0) : state.states[state.t - 1];
      var hScale = Math.max.apply(null, state.states.map(function (s) {
        return Math.max.apply(null, s.map(Math.abs));
      })) || 1;
      Array.prototype.forEach.call(tokens.children, function (button, i) {
        if (i === state.t) button.setAttribute("aria-current", "step");
        else button.removeAttribute("aria-current");
        button.tabIndex = i === state.t ? 0 : -1;
      });
      status.replaceChildren.apply(status, L.step(state.t, n, word(token.word), token.id));
      captionX.replaceChildren.apply(captionX, L.x(word(token.word), token.id));
      captionPrevious.textContent = L.hPrevious(state.t);
      rowX.fill(m.embedding[token.id], embeddingScale, "x_t, " + dims + L.numbers);
      rowPrevious.fill(before, hScale, "h_t\u22121, " + units + L.numbers);
      rowH.fill(h, hScale, "h_t, " + units + L.numbers);
      legend.replaceChildren.apply(legend, notation(L.scale + embeddingScale.toPrecision(2) + " (x_t), \u00b1" +
                                                    hScale.toPrecision(2) + " (h_{t\u22121}, h_t)"));
      if (m.head) {
        var p = state.predictions[state.t];
        predictionValue.textContent = p.toFixed(4);
        predictionNote.textContent = state.t === n - 1 ? "(" + L.final + ")" : "";
        predictionBar.firstChild.style.width = (100 * p).toFixed(2) + "%";
        predictionBar.setAttribute("role", "img");
        predictionBar.setAttribute("aria-label", L.prediction + " " + p.toFixed(4));
        root.dataset.prediction = String(p);
      }
      root.dataset.step = String(state.t);
      root.dataset.hiddenState = JSON.stringify(h);
    }

    function load() {
      marked(input, input.value);
      state.tokens = tokenize(m, input.value);
      state.states = run(m, state.tokens);
      state.predictions = m.head ? state.states.map(m.head) : [];
      tokens.replaceChildren.apply(tokens, state.tokens.map(function (token, i) {
        var button = el("button", { type: "button", "class": "rnn-stepper__token" }, [
          marked(el("span", { text: token.word }), token.word), el("small", { text: String(token.id) })]);
        button.addEventListener("click", function () { show(i); announce(); });
        return button;
      }));
      show(0);
    }

    // Arrow keys step through time on the words and the buttons (cells use them to move).
    function stepKeys(event) {
      var to = { ArrowRight: state.t + 1, ArrowLeft: state.t - 1, Home: 0, End: state.tokens.length - 1 }[event.key];
      if (to === undefined || state.tokens.length === 0) return;
      event.preventDefault();
      show(to);
      announce();
      if (tokens.contains(document.activeElement)) tokens.children[state.t].focus();
    }
    tokens.addEventListener("keydown", stepKeys);
    previous.addEventListener("keydown", stepKeys);
    next.addEventListener("keydown", stepKeys);
    previous.addEventListener("click", function () { show(state.t - 1); announce(); });
    next.addEventListener("click", function () { show(state.t + 1); announce(); });
    // Typing redraws at once; the live region waits until the reader stops typing.
    input.addEventListener("input", function () {
      load();
      clearTimeout(pending);
      pending = setTimeout(announce, ANNOUNCE_AFTER);
    });
    load();
  }

  function start(root) {
    var url = new URL(root.dataset.stepper + ".json", script.src);
    fetch(url)
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + url);
        return response.json();
      })
      .then(function (data) { build(root, model(data)); root.dataset.ready = "true"; })
      .catch(function (error) {
        root.dataset.ready = "error";
        root.replaceChildren(el("p", { text: labels().failed + error.message }));
      });
  }

  var css = el("link", { rel: "stylesheet", href: new URL("stepper.css", script.src).href });
  document.head.append(css);
  // The weights (about 20 KB) load when the reader comes near the stepper, not with the page:
  // a first visit that never scrolls down does not pay for them.
  function whenNear(root) {
    if (!("IntersectionObserver" in window)) return start(root);
    var watch = new IntersectionObserver(function (entries) {
      if (!entries.some(function (entry) { return entry.isIntersecting; })) return;
      watch.disconnect();
      start(root);
    }, { rootMargin: "600px 0px" });
    watch.observe(root);
  }
  document.querySelectorAll("[data-stepper]").forEach(whenNear);
})();
