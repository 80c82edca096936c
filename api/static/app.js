// Beleidsassistent web UI: vanilla JS, no build step. Texts come from prompts/ui_nl.json, inlined by
// the server; the conversation lives in sessionStorage; answers stream in over SSE.

import { initCompare } from "./compare.js";

const T = JSON.parse(document.getElementById("ui-text").textContent);
const STORE_KEY = "beleid.chat.v1";
const FILTER_KEY = "beleid.filters.v1";
const HISTORY_TURNS = 6;
const PDFJS = "/static/vendor/pdfjs/pdf.min.mjs";
const PDFJS_WORKER = "/static/vendor/pdfjs/pdf.worker.min.mjs";

const $ = (id) => document.getElementById(id);
const els = {
  log: $("log"), empty: $("empty-state"), examples: $("examples"), form: $("composer"),
  question: $("question"), send: $("send"), municipality: $("f-municipality"), year: $("f-year"),
  newChat: $("new-chat"), docsBody: $("docs-body"), docsSummary: $("docs-summary"),
  panel: $("panel"), panelTitle: $("panel-title"), panelMeta: $("panel-meta"), panelQuote: $("panel-quote"),
  panelClose: $("panel-close"), panelStatus: $("panel-status"), panelPdf: $("panel-pdf"),
  pagePrev: $("page-prev"), pageNext: $("page-next"), pageLabel: $("page-label"),
  pdfScroll: $("pdf-scroll"), pdfPage: $("pdf-page"), canvas: $("pdf-canvas"),
  textLayer: $("text-layer"), highlights: $("highlight-layer"),
  uploadForm: $("upload-form"), uploadFile: $("upload-file"), uploadSend: $("upload-send"),
  uploadStatus: $("upload-status"),
};

/** `t("key", {n: 3})` fills `{n}` placeholders of a UI text. */
function t(key, vars = {}) {
  const text = T[key] ?? key;
  return typeof text === "string" ? text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? vars[name] : m)) : text;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

function applyTexts() {
  for (const node of document.querySelectorAll("[data-t]")) node.textContent = t(node.dataset.t);
  for (const node of document.querySelectorAll("[data-t-aria]")) node.setAttribute("aria-label", t(node.dataset.tAria));
  for (const node of document.querySelectorAll("[data-t-placeholder]")) node.placeholder = t(node.dataset.tPlaceholder);
  document.title = t("app_title");
}

// ---------------------------------------------------------------- documents and filters

const documents = new Map();

/** Resolves to the documents map once loaded (empty when loading failed). */
async function loadDocuments() {
  try {
    const res = await fetch("/api/documents");
    if (!res.ok) throw new Error(res.statusText);
    const data = await res.json();
    documents.clear();
    for (const doc of data.documents) documents.set(doc.doc_id, doc);
    renderDocuments(data);
    fillFilters();
  } catch {
    els.docsSummary.textContent = t("docs_load_failed");
  }
  return documents;
}

function periodYears(doc) {
  // A period "2019-2022" matches every year in it; an open one ("2022-") up to this year.
  const years = new Set([doc.year]);
  const [start, end] = String(doc.period || "").split("-");
  const from = parseInt(start, 10);
  const to = end === undefined ? from : end.trim() === "" ? new Date().getFullYear() : parseInt(end, 10);
  if (from && to && to >= from && to - from < 30) for (let y = from; y <= to; y++) years.add(y);
  return years;
}

function fillFilters() {
  const saved = JSON.parse(sessionStorage.getItem(FILTER_KEY) || "{}");
  const municipalities = [...new Set([...documents.values()].map((d) => d.municipality))].sort((a, b) =>
    a.localeCompare(b, "nl"));
  const years = [...new Set([...documents.values()].flatMap((d) => [...periodYears(d)]))].sort((a, b) => b - a);
  const fill = (select, allText, values, current) => {
    select.replaceChildren(el("option", { value: "", text: allText }),
      ...values.map((v) => el("option", { value: String(v), text: String(v) })));
    select.value = values.map(String).includes(current) ? current : "";
  };
  fill(els.municipality, t("filter_all_municipalities"), municipalities, saved.municipality || "");
  fill(els.year, t("filter_all_years"), years, saved.year || "");
}

function saveFilters() {
  sessionStorage.setItem(FILTER_KEY, JSON.stringify({ municipality: els.municipality.value, year: els.year.value }));
}

function renderDocuments(data) {
  els.docsSummary.textContent = data.count ? t("docs_summary", { count: data.count, chunks: data.chunks }) : t("docs_empty");
  els.docsBody.replaceChildren(...data.documents.map((doc) => el("tr", {},
    el("td", {}, el("span", { class: "doc-title", text: doc.title }), el("span", { class: "doc-id", text: doc.doc_id })),
    el("td", { "data-label": t("docs_col_municipality"), text: doc.municipality }),
    el("td", { "data-label": t("docs_col_year"), text: doc.period && doc.period !== String(doc.year) ? `${doc.year} (${doc.period})` : String(doc.year) }),
    el("td", {}, el("span", { class: "type-tag", text: doc.doc_type })),
    el("td", { class: "num", "data-label": t("docs_col_pages"), text: String(doc.pages) }),
    el("td", { class: "num", "data-label": t("docs_col_chunks"), text: String(doc.chunks) }),
    el("td", {}, el("div", { class: "doc-actions" },
      el("button", { type: "button", class: "small-button", text: t("docs_view"),
        onclick: (e) => openPanel({ doc: doc.doc_id, page: 1, quote: "" }, e.currentTarget) }),
      el("a", { class: "button-link", href: doc.pdf_url, target: "_blank", rel: "noopener", text: t("docs_open"),
        "aria-label": t("docs_open_label", { title: doc.title }) }),
      el("button", { type: "button", class: "small-button danger", text: t("docs_delete"),
        "aria-label": t("docs_delete_label", { title: doc.title }), onclick: () => deleteDocument(doc) }))),
  )));
}

// ---------------------------------------------------------------- upload and delete (upload token)

const TOKEN_KEY = "beleid.upload-token.v1";
const JOB_POLL_MS = 1000;

/** The upload token, asked once per browser session (kept in sessionStorage). */
function uploadToken() {
  let token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) {
    token = (window.prompt(t("upload_token_prompt")) || "").trim();
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
  }
  return token;
}

function uploadMessage(text, failed = false) {
  els.uploadStatus.textContent = text;
  els.uploadStatus.classList.toggle("failed", failed);
}

/** A request with the token; a 401/403 forgets it, so the next try asks again. Throws the Dutch detail. */
async function withToken(url, options) {
  const token = uploadToken();
  if (!token) throw new Error(t("upload_token_needed"));
  const res = await fetch(url, { ...options, headers: { Authorization: `Bearer ${token}` } });
  const body = await res.json().catch(() => ({}));
  if (res.status === 401 || res.status === 403) sessionStorage.removeItem(TOKEN_KEY);
  if (!res.ok) throw new Error(body.detail || res.statusText);
  return body;
}

async function upload(e) {
  e.preventDefault();
  const file = els.uploadFile.files[0];
  if (!file) { uploadMessage(t("upload_pick_file"), true); els.uploadFile.focus(); return; }
  const data = new FormData();
  data.append("file", file);
  els.uploadSend.disabled = true;
  uploadMessage(t("upload_sending", { file: file.name }));
  try {
    let job = await withToken("/api/documents", { method: "POST", body: data });
    uploadMessage(t("upload_job", { file: file.name, message: job.message }));
    while (job.status === "queued" || job.status === "running") {
      await new Promise((resolve) => setTimeout(resolve, JOB_POLL_MS));
      const res = await fetch(`/api/jobs/${encodeURIComponent(job.id)}`);
      const next = await res.json().catch(() => ({}));
      if (!res.ok) throw new Error(next.detail || res.statusText);
      job = next;
      uploadMessage(t("upload_job", { file: file.name, message: job.message }), job.status === "failed");
    }
    if (job.status === "done") { els.uploadForm.reset(); await loadDocuments(); }
  } catch (err) {
    uploadMessage(t("upload_failed", { error: err instanceof TypeError ? t("error_network") : err.message }), true);
  } finally {
    els.uploadSend.disabled = false;
  }
}

async function deleteDocument(doc) {
  if (!window.confirm(t("docs_delete_confirm", { title: doc.title }))) return;
  uploadMessage(t("docs_deleting", { title: doc.title }));
  try {
    const body = await withToken(`/api/documents/${encodeURIComponent(doc.doc_id)}`, { method: "DELETE" });
    uploadMessage(body.message);
    pdfCache.delete(doc.doc_id);
    await loadDocuments();
    $("docs-heading").focus();
  } catch (err) {
    uploadMessage(t("docs_delete_failed", { error: err instanceof TypeError ? t("error_network") : err.message }), true);
  }
}

function docInfo(docId, sources) {
  return (sources && sources[docId]) || documents.get(docId) || { title: docId, municipality: "", year: "" };
}

// ---------------------------------------------------------------- conversation state

let turns = [];
try { turns = JSON.parse(sessionStorage.getItem(STORE_KEY) || "[]"); } catch { turns = []; }
// A turn without a result was cut off by a reload; showing it would leave a spinner forever.
turns = turns.filter((turn) => turn.response || turn.error);
const saveTurns = () => sessionStorage.setItem(STORE_KEY, JSON.stringify(turns));

function historyForRequest() {
  return turns.filter((turn) => turn.response).slice(-HISTORY_TURNS).map((turn) => ({
    question: turn.question,
    answer: (turn.response.answer || "").slice(0, 2000),
    municipality: turn.response.filters?.municipality || null,
    year: turn.response.filters?.year || null,
  }));
}

// ---------------------------------------------------------------- rendering answers

function renderUser(question) {
  return el("div", { class: "msg msg-user", text: question });
}

function renderBotShell() {
  const status = el("p", { class: "status", text: t("status_searching") });
  const text = el("div", { class: "answer-text" });
  const node = el("article", { class: "msg msg-bot streaming", "aria-busy": "true" },
    el("header", {}, el("span", { text: t("assistant") })), status, text);
  return { node, status, text };
}

/** Answer text with its [n] markers turned into buttons that open source n. */
function answerNodes(text, citations, sources) {
  const parts = text.split(/(\[\d+\])/).filter(Boolean);
  const nodes = [];
  for (let i = 0; i < parts.length; i++) {
    const m = /^\[(\d+)\]$/.exec(parts[i]);
    const n = m ? parseInt(m[1], 10) : 0;
    if (!m || n < 1 || n > citations.length) { nodes.push(document.createTextNode(parts[i])); continue; }
    const c = citations[n - 1];
    const info = docInfo(c.doc, sources);
    const button = el("button", { type: "button", class: "cite-ref", text: String(n),
      "aria-label": t("source_chip_label", { n, title: info.title, page: c.page }),
      onclick: (e) => openPanel(c, e.currentTarget, sources) });
    // Keep "euro [1]." together: a marker never starts a line, its full stop never follows alone.
    const punct = /^[.,;:!?)]+/.exec(parts[i + 1] || "");
    if (punct) parts[i + 1] = parts[i + 1].slice(punct[0].length);
    const before = nodes[nodes.length - 1];
    if (before?.nodeType === Node.TEXT_NODE) before.textContent = before.textContent.replace(/\s+$/, "");
    nodes.push(el("span", { class: "nowrap" }, "\u00a0", button, punct ? punct[0] : ""));
  }
  return nodes;
}

function filterNote(filters) {
  const parts = [filters?.municipality, filters?.year].filter(Boolean).map(String);
  let note = t("filter_note", { filters: parts.length ? parts.join(", ") : t("filter_everything") });
  if (filters?.from_history) note += ` (${t("filter_from_history")})`;
  return note;
}

function renderTable(rows) {
  if (!rows || !rows.length) return null;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return el("div", { class: "table-scroll" }, el("table", { class: "answer-table" },
    el("caption", { text: t("table_caption") }),
    el("thead", {}, el("tr", {}, ...columns.map((c) => el("th", { scope: "col", text: c })))),
    el("tbody", {}, ...rows.map((r) => el("tr", {}, ...columns.map((c) => el("td", { text: String(r[c] ?? "") })))))));
}

const seconds = (ms) => (ms / 1000).toLocaleString("nl-NL", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function renderAnswer(node, payload) {
  const { citations = [], sources = {} } = payload;
  node.classList.remove("streaming");
  node.removeAttribute("aria-busy");
  node.classList.toggle("refusal", Boolean(payload.refused));
  const header = el("header", {}, el("span", { text: t("assistant") }),
    payload.latency_ms ? el("span", { class: "latency", text: t("latency", { seconds: seconds(payload.latency_ms) }) }) : null);
  const body = [header];
  if (payload.resolved_question && payload.resolved_question !== payload.question) {
    body.push(el("p", { class: "resolved", text: t("understood_as", { question: payload.resolved_question }) }));
  }
  if (payload.refused) body.push(el("h3", { class: "refusal-title", text: t("refused_title") }));
  if (payload.mode === "extractive-fallback") body.push(el("p", { class: "fallback-note", text: t("fallback_note") }));
  body.push(el("div", { class: "answer-text" }, ...answerNodes(payload.answer || "", citations, sources)));
  body.push(renderTable(payload.table));
  if (citations.length) {
    const chips = citations.map((c, i) => {
      const info = docInfo(c.doc, sources);
      const label = [info.municipality, info.year].filter(Boolean).join(" ") || info.title;
      const page = t("page_short", { page: c.page });
      // The accessible name starts with the visible text (WCAG 2.5.3, label in name).
      const chip = `${i + 1} ${label} ${page}`;
      return el("li", {}, el("button", {
        type: "button", class: "chip", title: info.title, "aria-pressed": "false",
        "aria-label": t("source_chip_named", { chip, n: i + 1, title: info.title, page: c.page }),
        onclick: (e) => openPanel(c, e.currentTarget, sources),
      }, el("span", { class: "chip-n", text: String(i + 1) }), " ",
      el("span", { class: "chip-text" }, `${label} `, el("span", { class: "chip-page", text: page }))));
    });
    body.push(el("section", { class: "sources", "aria-label": t("sources") },
      el("h3", { text: t("sources") }), el("ol", { class: "chips" }, ...chips)));
  }
  const copied = el("span", { class: "copy-status", role: "status" });
  body.push(el("p", { class: "meta-line" }, el("span", { text: filterNote(payload.filters) }),
    payload.markdown ? el("button", { type: "button", class: "copy-md", text: t("copy_markdown"),
      "aria-label": t("copy_markdown_label"), onclick: () => copyMarkdown(payload.markdown, copied) }) : null,
    copied));
  node.replaceChildren(...body.filter(Boolean));
}

/** Copies the server's Markdown of an answer (`markdown` of /api/ask, one format with `beleid ask --md`). */
async function copyMarkdown(markdown, status) {
  let ok = false;
  try {
    await navigator.clipboard.writeText(markdown);
    ok = true;
  } catch {
    // No Clipboard API (plain http on another host, or refused): the old way, via a selected textarea.
    const area = el("textarea", { class: "visually-hidden", "aria-hidden": "true", tabindex: "-1" });
    area.value = markdown;
    document.body.append(area);
    area.select();
    try { ok = document.execCommand("copy"); } catch { ok = false; }
    area.remove();
  }
  status.textContent = ok ? t("copy_done") : t("copy_failed");
}

function renderError(node, message) {
  node.classList.remove("streaming");
  node.removeAttribute("aria-busy");
  node.classList.add("error");
  node.replaceChildren(el("h3", { class: "error-title", text: t("error_title") }), el("p", { text: message }));
}

function renderTurn(turn) {
  const user = renderUser(turn.question);
  const bot = renderBotShell();
  if (turn.response) renderAnswer(bot.node, turn.response);
  else if (turn.error) renderError(bot.node, turn.error);
  els.log.append(user, bot.node);
  return bot;
}

// ---------------------------------------------------------------- asking, with SSE streaming

function parseEvent(raw) {
  let name = "message";
  const data = [];
  for (const line of raw.split("\n")) {
    if (line.startsWith("event:")) name = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
  }
  return { name, data: data.length ? JSON.parse(data.join("\n")) : null };
}

async function* sseEvents(response) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, "\n");
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const raw = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      if (raw.trim() && !raw.startsWith(":")) yield parseEvent(raw);
    }
  }
}

let busy = false;

async function ask(question) {
  if (busy || !question) return;
  busy = true;
  els.send.disabled = true;
  els.send.textContent = t("sending");
  els.empty.hidden = true;
  const turn = { question, response: null, error: null };
  const request = {
    question,
    municipality: els.municipality.value || null,
    year: els.year.value ? parseInt(els.year.value, 10) : null,
    history: historyForRequest(),
  };
  turns.push(turn);
  const bot = renderTurn(turn);
  bot.node.scrollIntoView({ block: "end", behavior: "smooth" });
  try {
    const response = await fetch("/api/ask", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify(request),
    });
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      throw new Error(body.detail || response.statusText);
    }
    for await (const { name, data } of sseEvents(response)) {
      if (name === "retrieval") bot.status.textContent = t("status_found", { n: data.retrieved.length });
      else if (name === "answer") { bot.status.hidden = true; bot.text.append(data.delta); }
      else if (name === "done") { turn.response = data; renderAnswer(bot.node, data); }
      else if (name === "error") throw new Error(data.detail);
    }
    if (!turn.response) throw new Error(t("error_network"));
  } catch (err) {
    turn.error = err instanceof TypeError ? t("error_network") : err.message;
    renderError(bot.node, turn.error);
  } finally {
    saveTurns();
    busy = false;
    els.send.disabled = false;
    els.send.textContent = t("send");
    bot.node.scrollIntoView({ block: "nearest" });
  }
}

function autosize() {
  els.question.style.height = "auto";
  els.question.style.height = `${els.question.scrollHeight}px`;
}

// ---------------------------------------------------------------- the source panel (PDF.js)

let pdfjs = null;
const pdfCache = new Map();
const panelState = { citation: null, page: 1, pages: 1, trigger: null, renderId: 0 };

async function loadPdfjs() {
  if (!pdfjs) {
    // Loaded on the first opened source: the chat itself never pays for PDF.js.
    pdfjs = await import(PDFJS);
    pdfjs.GlobalWorkerOptions.workerSrc = PDFJS_WORKER;
  }
  return pdfjs;
}

async function loadPdf(docId) {
  if (!pdfCache.has(docId)) {
    const lib = await loadPdfjs();
    const task = lib.getDocument({ url: `/api/documents/${encodeURIComponent(docId)}/pdf`, isEvalSupported: false });
    pdfCache.set(docId, task.promise.catch((err) => { pdfCache.delete(docId); throw err; }));
  }
  return pdfCache.get(docId);
}

// Buttons that open a source and show which one is open: answer chips and compare-table items.
const SOURCE_BUTTONS = ".chip, .cell-item";

function unpressSources() {
  for (const button of document.querySelectorAll(`:is(${SOURCE_BUTTONS})[aria-pressed='true']`)) {
    button.setAttribute("aria-pressed", "false");
  }
}

function openPanel(citation, trigger, sources) {
  const info = docInfo(citation.doc, sources);
  panelState.citation = citation;
  panelState.trigger = trigger || null;
  unpressSources();
  if (trigger?.matches(SOURCE_BUTTONS)) trigger.setAttribute("aria-pressed", "true");
  els.panelTitle.textContent = info.title || citation.doc;
  els.panelMeta.textContent = [info.municipality, info.year].filter(Boolean).join(" · ");
  els.panelQuote.textContent = citation.quote || "";
  els.panelQuote.closest("figure").hidden = !citation.quote;
  els.panelPdf.href = `/api/documents/${encodeURIComponent(citation.doc)}/pdf#page=${citation.page}`;
  els.panel.hidden = false;
  document.body.classList.add("panel-open");
  // Full-screen on a phone: keep keyboard focus inside the panel until it closes.
  $("main").inert = window.matchMedia("(max-width: 820px)").matches;
  els.panelClose.focus();
  showPage(citation.page);
}

function closePanel() {
  if (els.panel.hidden) return;
  els.panel.hidden = true;
  document.body.classList.remove("panel-open");
  $("main").inert = false;
  panelState.renderId += 1;
  unpressSources();
  if (panelState.trigger?.isConnected) panelState.trigger.focus();
  else if (!els.question.closest("[hidden]")) els.question.focus();
}

function setPageLabel() {
  els.pageLabel.textContent = t("panel_page", { page: panelState.page, pages: panelState.pages });
  els.pagePrev.disabled = panelState.page <= 1;
  els.pageNext.disabled = panelState.page >= panelState.pages;
}

async function showPage(number) {
  const renderId = ++panelState.renderId;
  const { citation } = panelState;
  els.panelStatus.textContent = t("panel_loading");
  try {
    const pdf = await loadPdf(citation.doc);
    panelState.pages = pdf.numPages;
    panelState.page = Math.min(Math.max(1, number), pdf.numPages);
    setPageLabel();
    const page = await pdf.getPage(panelState.page);
    if (renderId !== panelState.renderId) return;
    await renderPage(page, renderId);
    if (renderId !== panelState.renderId) return;
    const quote = panelState.page === citation.page ? citation.quote : "";
    const found = quote ? highlightQuote(quote) : null;
    els.panelStatus.textContent = !quote ? "" : found === "exact" ? t("panel_highlighted")
      : found === "partial" ? t("panel_highlight_partial") : t("panel_quote_not_found");
    const first = els.highlights.firstElementChild;
    if (first) first.scrollIntoView({ block: "center" });
    else els.pdfScroll.scrollTop = 0;
  } catch (err) {
    if (renderId === panelState.renderId) els.panelStatus.textContent = t("panel_load_failed", { error: err.message || err });
  }
}

async function renderPage(page, renderId) {
  const lib = await loadPdfjs();
  const available = Math.max(240, els.pdfScroll.clientWidth - 24);
  const base = page.getViewport({ scale: 1 });
  const viewport = page.getViewport({ scale: Math.min(2, available / base.width) });
  const ratio = window.devicePixelRatio || 1;
  const { canvas } = els;
  canvas.width = Math.floor(viewport.width * ratio);
  canvas.height = Math.floor(viewport.height * ratio);
  canvas.style.width = `${Math.floor(viewport.width)}px`;
  canvas.style.height = `${Math.floor(viewport.height)}px`;
  els.pdfPage.style.width = `${Math.floor(viewport.width)}px`;
  els.pdfPage.style.height = `${Math.floor(viewport.height)}px`;
  els.pdfPage.style.setProperty("--scale-factor", String(viewport.scale));
  els.textLayer.replaceChildren();
  els.highlights.replaceChildren();
  await page.render({
    canvasContext: canvas.getContext("2d"),
    viewport,
    transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : null,
  }).promise;
  if (renderId !== panelState.renderId) return;
  const textLayer = new lib.TextLayer({
    textContentSource: await page.getTextContent(),
    container: els.textLayer,
    viewport,
  });
  await textLayer.render();
  panelState.textLayer = textLayer;
}

/** Characters of the text layer without whitespace, each with its (item, offset); optionally only letters and digits. */
function squeeze(strings, lettersOnly) {
  let text = "";
  const where = [];
  strings.forEach((str, item) => {
    for (let i = 0; i < str.length; i++) {
      for (const ch of str[i].normalize("NFKD").toLowerCase()) {
        if (/\s/.test(ch) || (lettersOnly && !/[\p{L}\p{N}]/u.test(ch))) continue;
        text += ch;
        where.push([item, i]);
      }
    }
  });
  return { text, where };
}

/** Finds the quote in the page's text content and draws boxes over it: "exact", "partial" or null.
 *  A quote with an ellipsis (the cells of a table row printed column by column) is found piece by piece, in order. */
function highlightQuote(quote) {
  const layer = panelState.textLayer;
  if (!layer) return null;
  const strings = layer.textContentItemsStr;
  const pieces = quote.split("…").map((p) => p.trim()).filter(Boolean);
  if (pieces.length > 1) {
    for (const lettersOnly of [false, true]) {
      const page = squeeze(strings, lettersOnly);
      const positions = [];
      let at = 0;
      for (const piece of pieces) {
        const needle = squeeze([piece], lettersOnly).text;
        const start = needle ? page.text.indexOf(needle, at) : -1;
        if (start < 0) { positions.length = 0; break; }
        positions.push(...page.where.slice(start, start + needle.length));
        at = start + needle.length;
      }
      if (positions.length) return drawHighlight(positions) ? "exact" : null;
    }
    return null;
  }
  for (const lettersOnly of [false, true]) {
    const page = squeeze(strings, lettersOnly);
    const needle = squeeze([quote], lettersOnly).text;
    if (!needle) continue;
    let start = page.text.indexOf(needle);
    if (start >= 0) return drawHighlight(page.where.slice(start, start + needle.length)) ? "exact" : null;
    if (lettersOnly && needle.length > 60) {
      // Text extraction differs somewhere in the middle (hyphenation, ligatures): anchor on both ends.
      start = page.text.indexOf(needle.slice(0, 30));
      const end = start >= 0 ? page.text.indexOf(needle.slice(-30), start) : -1;
      if (start >= 0 && end > start && end - start < needle.length * 2) {
        return drawHighlight(page.where.slice(start, end + 30)) ? "partial" : null;
      }
    }
  }
  return null;
}

function drawHighlight(positions) {
  const spans = panelState.textLayer.textDivs;
  const perItem = new Map();
  for (const [item, offset] of positions) {
    const range = perItem.get(item) || [offset, offset];
    perItem.set(item, [Math.min(range[0], offset), Math.max(range[1], offset)]);
  }
  const origin = els.pdfPage.getBoundingClientRect();
  const boxes = [];
  for (const [item, [from, to]] of perItem) {
    const node = spans[item]?.firstChild;
    if (!node) continue;
    const range = document.createRange();
    range.setStart(node, from);
    range.setEnd(node, Math.min(to + 1, node.length));
    for (const rect of range.getClientRects()) {
      if (rect.width < 1 || rect.height < 1) continue;
      boxes.push(el("div", { class: "pdf-highlight", style:
        `left:${rect.left - origin.left}px;top:${rect.top - origin.top}px;width:${rect.width}px;height:${rect.height}px` }));
    }
  }
  els.highlights.replaceChildren(...boxes);
  return boxes.length > 0;
}

// ---------------------------------------------------------------- views and wiring

const VIEWS = { "#documenten": "documents", "#vergelijken": "compare" };
const HEADINGS = { chat: "chat-heading", documents: "docs-heading", compare: "compare-heading" };
let compareView = null;

function showView() {
  const view = VIEWS[location.hash] || "chat";
  for (const name of Object.keys(HEADINGS)) $(`view-${name}`).hidden = view !== name;
  if (view === "compare") compareView.show();
  for (const link of document.querySelectorAll(".tabs a")) {
    if (link.dataset.view === view) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  return view;
}

function init() {
  applyTexts();
  els.examples.replaceChildren(...(T.examples || []).map((q) => el("li", {},
    el("button", { type: "button", class: "example", text: q, onclick: () => { els.question.focus(); ask(q); } }))));
  for (const turn of turns) renderTurn(turn);
  els.empty.hidden = turns.length > 0;
  compareView = initCompare({ t, el, openPanel, documentsReady: loadDocuments() });
  showView();

  els.form.addEventListener("submit", (e) => {
    e.preventDefault();
    const question = els.question.value.trim();
    if (!question) { els.question.focus(); return; }
    els.question.value = "";
    autosize();
    ask(question);
  });
  els.question.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); els.form.requestSubmit(); }
  });
  els.question.addEventListener("input", autosize);
  els.municipality.addEventListener("change", saveFilters);
  els.year.addEventListener("change", saveFilters);
  els.newChat.addEventListener("click", () => {
    turns = [];
    saveTurns();
    els.log.replaceChildren(els.empty);
    els.empty.hidden = false;
    closePanel();
    els.question.focus();
  });
  els.uploadForm.addEventListener("submit", upload);
  els.panelClose.addEventListener("click", closePanel);
  els.pagePrev.addEventListener("click", () => showPage(panelState.page - 1));
  els.pageNext.addEventListener("click", () => showPage(panelState.page + 1));
  document.addEventListener("keydown", (e) => { if (e.key === "Escape" && !els.panel.hidden) closePanel(); });
  window.addEventListener("hashchange", () => {
    const view = showView();
    // A view switch moves focus to its heading; an in-page link (the skip link) keeps its target's focus.
    if (!location.hash || location.hash in VIEWS || location.hash === "#vragen") $(HEADINGS[view]).focus();
  });
  let resizeTimer = 0;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => { if (!els.panel.hidden) showPage(panelState.page); }, 250);
  });
}

init();
