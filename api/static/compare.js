// The "Vergelijken" view: one theme, municipalities side by side (GET /api/compare). Every cell item
// opens the same source panel as a chat citation, so a figure is never more than a click from its page.

const STATE_KEY = "beleid.compare.v1";

/**
 * `deps`: { t, el, openPanel, documentsReady } from app.js. `documentsReady` resolves to the
 * documents map; the municipality checkboxes come from it, so a municipality without register
 * records still shows up (and its cells say why they are empty).
 */
export function initCompare({ t, el, openPanel, documentsReady }) {
  const $ = (id) => document.getElementById(id);
  const els = {
    form: $("compare-form"), theme: $("c-theme"), list: $("c-municipality-list"), exportLink: $("compare-export"),
    status: $("compare-status"), result: $("compare-result"),
  };
  let loading = null;
  let requestId = 0;
  let docs = new Map();
  let registerEmpty = false;

  const saved = () => { try { return JSON.parse(sessionStorage.getItem(STATE_KEY) || "{}"); } catch { return {}; } };
  const checked = () => [...els.list.querySelectorAll("input:checked")].map((box) => box.value);

  async function load() {
    try {
      const [themesRes, documents] = await Promise.all([fetch("/api/themes"), documentsReady]);
      if (!themesRes.ok) throw new Error((await themesRes.json().catch(() => ({}))).detail || themesRes.statusText);
      docs = documents;
      fillYears();
      const themes = await themesRes.json();
      registerEmpty = !themes.municipalities.length;
      fill(themes, saved());
      await refresh();
    } catch (err) {
      loading = null;  // a later visit to the view tries again
      els.status.textContent = t("compare_failed", { error: err.message || err });
    }
  }

  function fill(data, state) {
    const count = (theme) => theme.municipalities.length;
    els.theme.replaceChildren(...data.themes.map((theme) => el("option", {
      value: theme.id,
      text: count(theme) ? t(count(theme) === 1 ? "compare_theme_one" : "compare_theme_count",
        { label: theme.label, n: count(theme) }) : t("compare_theme_none", { label: theme.label }),
    })));
    // Start on what was chosen before, else on the theme most municipalities write about.
    const best = [...data.themes].sort((a, b) => count(b) - count(a) || b.records - a.records)[0];
    const ids = data.themes.map((theme) => theme.id);
    els.theme.value = ids.includes(state.theme) ? state.theme : best?.id || "";
    const names = [...new Set([...docs.values()].map((d) => d.municipality))].sort((a, b) => a.localeCompare(b, "nl"));
    const off = new Set(state.off || []);
    els.list.replaceChildren(...names.map((name) => el("label", { class: "pick" },
      el("input", { type: "checkbox", name: "municipality", value: name, checked: !off.has(name) }),
      el("span", { text: name }))));
  }

  async function refresh() {
    const theme = els.theme.value;
    const chosen = checked();
    const all = [...els.list.querySelectorAll("input")].map((box) => box.value);
    sessionStorage.setItem(STATE_KEY, JSON.stringify({ theme, off: all.filter((m) => !chosen.includes(m)) }));
    const params = new URLSearchParams({ theme, municipalities: chosen.join(",") });
    // The export has everything (limit=0); the screen shows the first few per cell.
    els.exportLink.href = `/api/compare?${params}&format=csv&limit=0`;
    els.exportLink.hidden = !theme || !chosen.length;
    const id = ++requestId;
    if (!theme) { els.result.replaceChildren(); els.status.textContent = t("compare_no_themes"); return; }
    if (!chosen.length) { els.result.replaceChildren(); els.status.textContent = t("compare_pick_municipality"); return; }
    els.status.textContent = t("compare_loading");
    els.result.setAttribute("aria-busy", "true");
    try {
      const res = await fetch(`/api/compare?${params}`);
      const body = await res.json().catch(() => ({}));
      if (!res.ok) throw new Error(body.detail || res.statusText);
      if (id !== requestId) return;
      els.result.replaceChildren(renderTable(body));
      const items = body.rows.reduce((n, row) => n + Object.values(row.cells).reduce((m, c) => m + c.items.length, 0), 0);
      const summary = items ? "compare_summary" : registerEmpty ? "compare_register_empty" : "compare_nothing";
      els.status.textContent = body.note || t(summary,
        { theme: body.theme.label, items, municipalities: body.municipalities.length });
      els.result.classList.toggle("several", body.municipalities.length > 1);
    } catch (err) {
      if (id === requestId) {
        els.result.replaceChildren();
        els.status.textContent = t("compare_failed", { error: err instanceof TypeError ? t("error_network") : err.message });
      }
    } finally {
      if (id === requestId) els.result.removeAttribute("aria-busy");
    }
  }

  function renderTable(body) {
    const names = body.municipalities;
    const colIds = names.map((_, i) => `cmp-col-${i}`);
    const head = el("thead", {}, el("tr", {}, ...names.map((name, i) => el("th", { scope: "col", id: colIds[i], text: name }))));
    const groups = body.rows.map((row) => {
      const groupId = `cmp-row-${row.type}`;
      return el("tbody", { class: `group group-${row.type}` },
        el("tr", { class: "group-head" }, el("th", { scope: "rowgroup", colspan: String(names.length), id: groupId },
          el("span", { class: "sticky-label", text: row.label }))),
        el("tr", {}, ...names.map((name, i) => el("td", { headers: `${colIds[i]} ${groupId}` },
          renderCell(row.cells[name])))));
    });
    const table = el("table", { class: "compare-table", style: `--columns:${names.length}` },
      el("caption", { id: "compare-caption" },
        el("span", { class: "sticky-label", text: t("compare_caption", { theme: body.theme.label }) })),
      head, ...groups);
    // Focusable so the keyboard can scroll it sideways on a narrow screen.
    return el("div", { class: "compare-scroll", role: "region", tabindex: "0", "aria-labelledby": "compare-caption" }, table);
  }

  function renderCell(cell) {
    if (!cell || !cell.items.length) return el("p", { class: "cell-empty", text: cell?.empty || "" });
    const list = el("ul", { class: "cell-items" }, ...cell.items.map((item) => el("li", {}, renderItem(item))));
    const more = cell.more ? el("p", { class: "cell-more", text: t("compare_more", { n: cell.more }) }) : null;
    return more ? el("div", {}, list, more) : list;
  }

  function renderItem(item) {
    const info = docs.get(item.doc) || { title: item.doc };
    const page = t("page_short", { page: item.page });
    // The accessible name starts with the visible text (WCAG 2.5.3, label in name).
    const visible = [item.text, item.detail, `${item.doc} ${page}`].filter(Boolean).join(" ");
    return el("button", {
      type: "button", class: "cell-item", "aria-pressed": "false", title: item.text,
      "aria-label": t("compare_item_label", { text: visible, title: info.title, page: item.page }),
      onclick: (e) => openPanel({ doc: item.doc, page: item.page, quote: item.quote }, e.currentTarget),
    },
    el("span", { class: "item-text", text: item.text }), " ",
    item.detail ? el("span", { class: "item-detail", text: item.detail }) : null, item.detail ? " " : null,
    // "doc p. N": the id may wrap at its hyphens, "p. N" stays in one piece.
    el("span", { class: "item-source" }, `${item.doc} `, el("span", { class: "nowrap", text: t("page_short", { page: item.page }) })));
  }

  els.form.addEventListener("change", () => refresh());
  els.form.addEventListener("submit", (e) => { e.preventDefault(); refresh(); });

  // Years mode: two budgets of one municipality, line by line (GET /api/changes).
  const years = {
    form: $("years-form"), municipality: $("y-municipality"), from: $("y-from"), to: $("y-to"),
    status: $("years-status"), result: $("years-result"),
  };
  let yearsId = 0;

  function fillYears() {
    const names = [...new Set([...docs.values()].map((d) => d.municipality))].sort((a, b) => a.localeCompare(b, "nl"));
    years.municipality.replaceChildren(...names.map((name) => el("option", { value: name, text: name })));
    promises.municipality.replaceChildren(...names.map((name) => el("option", { value: name, text: name })));
  }

  async function showChanges() {
    const params = new URLSearchParams({ municipality: years.municipality.value, from: years.from.value, to: years.to.value });
    if (!years.municipality.value || !years.from.value || !years.to.value) { years.status.textContent = t("years_pick"); return; }
    const id = ++yearsId;
    years.status.textContent = t("years_loading");
    years.result.setAttribute("aria-busy", "true");
    try {
      const res = await fetch(`/api/changes?${params}`);
      const body = await res.json().catch(() => ({}));
      if (!res.ok) throw new Error(body.detail || res.statusText);
      if (id !== yearsId) return;
      years.result.replaceChildren(renderChanges(body));
      years.status.textContent = body.summary;
    } catch (err) {
      if (id === yearsId) {
        years.result.replaceChildren();
        years.status.textContent = t("years_failed", { error: err instanceof TypeError ? t("error_network") : err.message });
      }
    } finally {
      if (id === yearsId) years.result.removeAttribute("aria-busy");
    }
  }

  function renderChanges(body) {
    const heads = [t("years_col_status"), t("years_col_line"), t("years_col_programme"), t("years_col_taakveld"),
      String(body.from), String(body.to)];
    const head = el("thead", {}, el("tr", {}, ...heads.map((text) => el("th", { scope: "col", text }))));
    const rows = body.items.map((item) => el("tr", { class: `change change-${item.status}` },
      el("td", { text: item.status_label }), el("th", { scope: "row", text: item.label }),
      el("td", { text: item.programme }), el("td", { text: item.taakveld }),
      el("td", {}, renderSide(item.before)), el("td", {}, renderSide(item.after))));
    const table = el("table", { class: "compare-table changes-table" },
      el("caption", { id: "years-caption", text: t("years_caption", { from: body.from, to: body.to, municipality: body.municipality }) }),
      head, el("tbody", {}, ...rows));
    return el("div", { class: "compare-scroll", role: "region", tabindex: "0", "aria-labelledby": "years-caption" }, table);
  }

  function renderSide(side) {
    if (!side) return el("span", { class: "cell-empty", text: "—" });
    const info = docs.get(side.doc) || { title: side.doc };
    const page = t("page_short", { page: side.page });
    return el("button", {
      type: "button", class: "cell-item", "aria-pressed": "false",
      "aria-label": t("years_source_label", { amounts: `${side.text} ${side.doc} ${page}`, title: info.title, page: side.page }),
      onclick: (e) => openPanel({ doc: side.doc, page: side.page, quote: side.quote }, e.currentTarget),
    },
    el("span", { class: "item-detail", text: side.text }), " ",
    el("span", { class: "item-source" }, `${side.doc} `, el("span", { class: "nowrap", text: page })));
  }

  years.form.addEventListener("submit", (e) => { e.preventDefault(); showChanges(); });

  // Commitments: each goal and measure with what a later document says (GET /api/commitments).
  const promises = {
    form: $("promises-form"), municipality: $("p-municipality"), status: $("promises-status"), result: $("promises-result"),
  };
  let promisesId = 0;

  async function showPromises() {
    const name = promises.municipality.value;
    if (!name) return;
    const id = ++promisesId;
    promises.status.textContent = t("promises_loading");
    promises.result.setAttribute("aria-busy", "true");
    try {
      const res = await fetch(`/api/commitments?${new URLSearchParams({ municipality: name })}`);
      const body = await res.json().catch(() => ({}));
      if (!res.ok) throw new Error(body.detail || res.statusText);
      if (id !== promisesId) return;
      promises.result.replaceChildren(renderPromises(body));
      const checked = body.items.filter((item) => item.status !== "no_later").length;
      promises.status.textContent = body.note || t("promises_summary", { n: body.count, municipality: body.municipality, checked });
    } catch (err) {
      if (id === promisesId) {
        promises.result.replaceChildren();
        promises.status.textContent = t("promises_failed", { error: err instanceof TypeError ? t("error_network") : err.message });
      }
    } finally {
      if (id === promisesId) promises.result.removeAttribute("aria-busy");
    }
  }

  function renderPromises(body) {
    const heads = [t("promises_col_status"), t("promises_col_promise"), t("promises_col_later")];
    const head = el("thead", {}, el("tr", {}, ...heads.map((text) => el("th", { scope: "col", text }))));
    const rows = body.items.map((item) => el("tr", { class: `promise promise-${item.status}` },
      el("td", { text: item.status_label }),
      el("td", {}, quoteButton(item.commitment.text, item.commitment.provenance), alsoAt(item.commitment)),
      el("td", {}, item.later.length ? quoteButton(item.later[0].quote, item.later[0])
        : el("span", { class: "cell-empty", text: item.later_note || "—" }))));
    const table = el("table", { class: "compare-table changes-table" },
      el("caption", { id: "promises-caption", text: t("promises_caption", { municipality: body.municipality }) }),
      head, el("tbody", {}, ...rows));
    return el("div", { class: "compare-scroll", role: "region", tabindex: "0", "aria-labelledby": "promises-caption" }, table);
  }

  // "ook op p. 12, p. 30": the other pages the same goal or promise stands on, each opening its quote.
  function alsoAt(record) {
    const places = record.also_at || [];
    if (!places.length) return null;
    const links = places.flatMap((place, i) => {
      const info = docs.get(place.doc) || { title: place.doc };
      const page = t("page_short", { page: place.page });
      const button = el("button", {
        type: "button", class: "also-at-page", "aria-pressed": "false",
        "aria-label": t("promises_also_at_label", { title: info.title, page: place.page }),
        onclick: (e) => openPanel({ doc: place.doc, page: place.page, quote: place.quote }, e.currentTarget),
      }, place.doc === record.doc ? page : `${place.doc} ${page}`);
      return i ? [", ", button] : [button];
    });
    return el("span", { class: "also-at" }, `${t("promises_also_at")} `, ...links);
  }

  // A quote as a button that opens its PDF page with the quote marked, like every other source.
  function quoteButton(text, source) {
    const info = docs.get(source.doc) || { title: source.doc };
    const page = t("page_short", { page: source.page });
    return el("button", {
      type: "button", class: "cell-item", "aria-pressed": "false",
      "aria-label": t("promises_source_label", { text: `${text} ${source.doc} ${page}.`, title: info.title, page: source.page }),
      onclick: (e) => openPanel({ doc: source.doc, page: source.page, quote: source.quote }, e.currentTarget),
    },
    el("span", { class: "item-text", text }), " ",
    el("span", { class: "item-source" }, `${source.doc} `, el("span", { class: "nowrap", text: page })));
  }

  promises.form.addEventListener("submit", (e) => { e.preventDefault(); showPromises(); });

  return {
    /** Called whenever the view is shown; loads themes and the table on the first visit. */
    show() { if (!loading) loading = load(); return loading; },
  };
}
