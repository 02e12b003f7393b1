// Search and facets for the board's home page, on top of the Pagefind index.
// Every state lives in the URL (?q=…&category=…&sort=…), so it can be shared, reloaded and
// navigated with Back. Without JavaScript the section stays hidden and the full list shows.
const section = document.querySelector("#search");
const form = document.querySelector("#search-form");
const input = document.querySelector("#search-q");
const sortSelect = document.querySelector("#search-sort");
const status = document.querySelector("#search-status");
const list = document.querySelector("#search-results");
const more = document.querySelector("#search-more");
const staticListings = document.querySelector("#static-listings");
const filtersPanel = document.querySelector("#search-filters");
const PAGE = 12;

let pagefind; // a promise of the Pagefind module, once loading has started
let initialCounts = {};
let SORTS = {}; // sort name -> Pagefind's sort, from the build (board.render.facets)
let ORDER = {}; // facet -> its values in order, where the order is not alphabetical
let filtersLoaded = false;
let current = { results: [], shown: 0 };
let searchRun = 0;

start();

async function start() {
  // Facet counts come from a small JSON written at build time; Pagefind itself is fetched only
  // when a student starts searching (or focuses the form), so the page stays light.
  const facets = await (await fetch(new URL(section.dataset.facets, location.href))).json();
  ({ counts: initialCounts, sorts: SORTS, order: ORDER } = facets);
  buildFacets(initialCounts);
  form.addEventListener("focusin", () => loadPagefind(), { once: true });
  // Counting results per facet value needs Pagefind's filter index and slows every search on a
  // big board, so it starts only once a student opens the filters.
  filtersPanel.addEventListener("toggle", () => { if (filtersPanel.open) run(new URL(location.href).searchParams); });
  section.hidden = false;
  hideClosedStaticCards();
  applyState(new URL(location.href).searchParams);
  form.addEventListener("submit", (event) => { event.preventDefault(); update("push"); });
  input.addEventListener("input", () => update("replace")); // stale searches are dropped in run()
  form.addEventListener("change", (event) => { if (event.target !== input) update("push"); });
  form.addEventListener("reset", () => setTimeout(() => update("push")));
  more.addEventListener("click", () => showMore());
  addEventListener("popstate", () => applyState(new URL(location.href).searchParams));
}

function loadPagefind() {
  if (!pagefind) {
    const script = new URL(section.dataset.pagefind, location.href);
    pagefind = import(script.href).then(async (module) => {
      await module.options({ baseUrl: new URL("../", script).pathname });
      await module.init();
      return module;
    });
  }
  return pagefind;
}

function buildFacets(available) {
  for (const fieldset of form.querySelectorAll(".facet")) {
    const facet = fieldset.dataset.facet;
    const values = Object.keys(available[facet] || {});
    const order = ORDER[facet];
    values.sort(order ? (a, b) => order.indexOf(a) - order.indexOf(b) : (a, b) => a.localeCompare(b));
    const box = fieldset.querySelector(".facet__options");
    if (fieldset.dataset.kind === "radio") box.append(option(facet, "radio", "", "Any"));
    for (const value of values) box.append(option(facet, fieldset.dataset.kind, value, value));
    fieldset.hidden = values.length === 0;
  }
}

function option(facet, kind, value, text) {
  const label = document.createElement("label");
  const control = document.createElement("input");
  control.type = kind;
  control.name = facet;
  control.value = value;
  if (kind === "radio" && value === "") control.checked = true;
  const count = document.createElement("span");
  count.className = "count";
  count.dataset.value = value;
  label.append(control, ` ${text} `, count);
  return label;
}

function readState() {
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  for (const control of form.querySelectorAll(".facet input:checked")) {
    if (control.value) params.append(control.name, control.value);
  }
  if (sortSelect.value) params.set("sort", sortSelect.value);
  return params;
}

function applyState(params) {
  input.value = params.get("q") || "";
  if ([...params.keys()].some((name) => name !== "q" && name !== "sort")) filtersPanel.open = true;
  sortSelect.value = SORTS[params.get("sort")] ? params.get("sort") : "";
  for (const control of form.querySelectorAll(".facet input")) {
    const chosen = params.getAll(control.name);
    control.checked = control.type === "radio" && control.value === "" ? chosen.length === 0 : chosen.includes(control.value);
  }
  run(params);
}

function update(mode) {
  const params = readState();
  const url = new URL(location.href);
  url.search = params.toString();
  if (url.href !== location.href) history[mode === "push" ? "pushState" : "replaceState"](null, "", url);
  run(params);
}

async function run(params) {
  const ticket = ++searchRun;
  const query = params.get("q");
  section.dataset.state = "busy";
  if ([...params.keys()].length === 0) return showStatic(); // no need to fetch anything
  const filters = {};
  for (const fieldset of form.querySelectorAll(".facet")) {
    const values = params.getAll(fieldset.dataset.facet);
    if (values.length) filters[fieldset.dataset.facet] = fieldset.dataset.kind === "radio" ? values[0] : { any: values };
  }
  const sort = SORTS[params.get("sort")] || (query ? undefined : SORTS.deadline);
  const engine = await loadPagefind();
  if (ticket !== searchRun) return;
  const options = { filters, ...(sort ? { sort } : {}) };
  const search = await engine.search(query || null, options);
  if (ticket !== searchRun || !search) return; // a newer search has started
  staticListings.hidden = true;
  list.hidden = false;
  if (filtersLoaded) showCounts(search.filters || {});
  else if (filtersPanel.open) loadFilterCounts(engine, query, options, ticket);
  current = { results: search.results, shown: 0, query };
  list.replaceChildren();
  await showMore(ticket);
}

async function showMore(ticket = searchRun) {
  const batch = current.results.slice(current.shown, current.shown + PAGE);
  current.shown += batch.length;
  const data = await Promise.all(batch.map((result) => result.data()));
  if (ticket !== searchRun) return;
  // Closed at midnight after the deadline in the board's time zone, even if the nightly build did not run.
  const open = data.filter((item) => Date.parse(item.meta.closes) > Date.now());
  current.closedSeen = (current.closedSeen || 0) + data.length - open.length;
  list.append(...open.map(card));
  more.hidden = current.shown >= current.results.length;
  const total = current.results.length - current.closedSeen;
  status.textContent = `${total} listing${total === 1 ? "" : "s"} match${total === 1 ? "es" : ""}` +
    (current.query ? ` “${current.query}”` : "");
  section.dataset.state = "ready";
}

async function loadFilterCounts(engine, query, options, ticket) {
  // Pagefind counts per facet value only once its filter index is loaded: fetch it after the
  // first results are on screen, then fill in the counts for the search still showing.
  for (const span of form.querySelectorAll(".count")) span.textContent = "";
  await engine.filters();
  filtersLoaded = true;
  const search = await engine.search(query || null, options);
  if (ticket === searchRun && search) showCounts(search.filters || {});
}

function showStatic() {
  // The page already lists the open listings, soonest deadline first; show it as it is.
  staticListings.hidden = false;
  list.hidden = true;
  more.hidden = true;
  showCounts(initialCounts);
  const shown = staticListings.querySelectorAll(".card:not([hidden])").length;
  status.textContent = `${shown} open listing${shown === 1 ? "" : "s"} on this page, soonest deadline first`;
  section.dataset.state = "ready";
}

function hideClosedStaticCards() {
  for (const time of staticListings.querySelectorAll(".card__deadline time[data-closes]")) {
    if (Date.parse(time.dataset.closes) <= Date.now()) time.closest(".card").hidden = true;
  }
}

function showCounts(counts) {
  for (const fieldset of form.querySelectorAll(".facet")) {
    const facetCounts = counts[fieldset.dataset.facet] || {};
    for (const span of fieldset.querySelectorAll(".count")) {
      span.textContent = span.dataset.value ? String(facetCounts[span.dataset.value] ?? 0) : "";
    }
  }
}

function card(item) {
  const entry = element("li", "card");
  const article = element("article");
  const heading = element("h3", "card__title");
  const link = element("a", "", item.meta.title);
  link.href = item.url;
  heading.append(link);
  const excerpt = element("p", "card__summary");
  excerpt.append(...highlighted(item.excerpt));
  const facts = element("dl", "card__facts");
  for (const [label, value] of [["Pay", item.meta.pay], ["Effort", item.meta.effort], ["Where", item.meta.where],
    ["Category", item.meta.category]]) {
    const pair = element("div");
    pair.append(element("dt", "", label), element("dd", "", value));
    facts.append(pair);
  }
  const deadline = element("p", "card__deadline", closesIn(item.meta.deadline));
  article.append(heading, element("p", "card__org", item.meta.org), excerpt, facts, deadline);
  entry.append(article);
  return entry;
}

function highlighted(excerpt) {
  // Pagefind marks matches with <mark>; keep those and plain text, nothing else.
  const parsed = new DOMParser().parseFromString(`<p>${excerpt}</p>`, "text/html").body.firstChild;
  return [...parsed.childNodes].map((node) =>
    node.nodeName === "MARK" ? element("mark", "", node.textContent) : document.createTextNode(node.textContent));
}

function closesIn(deadline) {
  const days = Math.round((Date.parse(deadline) - Date.parse(new Date().toLocaleDateString("en-CA"))) / 86400000);
  const when = days === 0 ? "Closes today" : days === 1 ? "Closes tomorrow" : `Closes in ${days} days`;
  return `${when} · apply by ${deadline}`;
}

function element(tag, className = "", text = "") {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}
