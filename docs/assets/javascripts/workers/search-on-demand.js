// Material's search, with the documents fetched on the reader's first query.
//
// overrides/main.html names this file as the theme's search worker, with Material's own worker
// in `?material=`. The page still fetches search/search_index.json when it loads, but after the
// build that file holds only the config (tools/search_index.py); the site's text is in
// search/search_index.full.json, which this worker fetches when a query with a word in it first
// arrives. Every message goes on to Material's worker, loaded below, which does the searching.
// If the page sends documents after all (an unsplit index), this worker only passes messages on.
//
// Material 9's messages: SETUP 0 (page -> worker: the index), READY 1 (worker -> page),
// QUERY 2 (page -> worker: the text typed), RESULT 3 (worker -> page).
"use strict";

const SETUP = 0;
const READY = 1;
const QUERY = 2;

const material = new URL(self.location.href).searchParams.get("material") || "";
if (!/^search\.[0-9a-f]+\.min\.js$/.test(material)) {
  throw new Error(`search-on-demand: no Material worker named in ${self.location.href}`);
}
// This file sits in assets/javascripts/workers/ of its language's site, beside Material's worker.
const FULL_INDEX = new URL("../../../search/search_index.full.json", self.location.href);

const toPage = self.postMessage.bind(self);
const forwarded = new WeakSet(); // events this worker dispatches for Material's listener
let setup = null;                // the page's SETUP message
let documents = "absent";        // "absent" -> "loading" -> "loaded"
let pending = null;              // the newest query typed while the documents load
let materialReady = null;        // resolves when Material has read the documents

// Material answers through the global postMessage. The READY that answers this worker's own
// SETUP (the documents) is not the page's: the page had its READY when it loaded.
self.postMessage = (message, ...rest) => {
  if (materialReady && message && message.type === READY) {
    const done = materialReady;
    materialReady = null;
    done();
    return;
  }
  toPage(message, ...rest);
};

function toMaterial(message) {
  const event = new MessageEvent("message", { data: message });
  forwarded.add(event);
  self.dispatchEvent(event);
}

async function loadDocuments() {
  documents = "loading";
  try {
    const response = await fetch(FULL_INDEX);
    if (!response.ok) throw new Error(`${FULL_INDEX}: HTTP ${response.status}`);
    const index = await response.json();
    await new Promise(resolve => {
      materialReady = resolve;
      toMaterial({ type: SETUP, data: { ...setup.data, docs: index.docs } });
    });
    documents = "loaded";
  } catch (error) {
    console.error(`search-on-demand: ${error.message}`);
    documents = "absent"; // the next query tries again
  }
  const query = pending;
  pending = null;
  if (query) toMaterial(query);
}

// Registered before Material's worker is loaded, so it sees every message from the page first.
addEventListener("message", event => {
  if (forwarded.has(event)) return;
  event.stopImmediatePropagation();
  const message = event.data;
  if (message && message.type === SETUP) {
    setup = message;
    if (message.data.docs.length) documents = "loaded"; // an unsplit index: nothing to fetch
  } else if (message && message.type === QUERY && documents !== "loaded") {
    if (!String(message.data).trim()) {
      pending = null; // the box was cleared: answer from the empty index, forget older text
    } else {
      pending = message;
      if (documents === "absent") loadDocuments();
      return;
    }
  }
  toMaterial(message);
});

importScripts(material);
