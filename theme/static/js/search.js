// Search, filters and sorting for the board's home page.
// Filters, counts, sorting and browsing run on the browse index (browse-index.js), loaded with the
// page; Pagefind is fetched only when a student types, answers the words only, and its pages are
// intersected with the filters. Results are the board's own cards (cards.js). Every state lives
// in the URL (?q=…&category=…&sort=…), so it can be shared, reloaded and navigated with Back.
import { BrowseIndex } from "./browse-index.js";
import { decorate, fetchCard, isClosed, remember, wireSaveButtons } from "./cards.js";
import { suggest } from "./suggest.js";

const PAGE = 12;
// Cards shown first: what the first screen holds below the search bar (a row of two on a laptop,
// one card on a phone). Each card is a request, so the rest of the page follows right after.
const SCREENFUL = 2;
const FEW = 6; // options shown per facet before "Show all"
const section = document.querySelector("#search");
const form = document.querySelector("#search-form");
const input = document.querySelector("#search-q");
const sortSelect = document.querySelector("#search-sort");
const panel = document.querySelector("#filter-panel");
const sidebar = document.querySelector("#filter-sidebar");
const dialog = document.querySelector("#filters-dialog");
const openFilters = document.querySelector("#filters-open");
const showButton = document.querySelector("#filters-show");
const activeCount = document.querySelector("#filters-active");
const chips = document.querySelector("#active-filters");
const status = document.querySelector("#search-status");
const list = document.querySelector("#search-results");
const more = document.querySelector("#search-more");
const empty = document.querySelector("#search-empty");
const feedNote = document.querySelector("#search-feed");
const closedSection = document.querySelector("#recently-closed");
const staticListings = document.querySelector("#static-listings");
const url = (name) => new URL(section.dataset[name], location.href);
const root = url("root");
const cardFolder = url("cards");

let index;
let pagefind; // a promise of Pagefind and of its page -> index position map, once a student searches
let current = { order: [], shown: 0 };
let run = 0;
// Until a student acts, counts change but options stay where they are: a search opened from its
// address must not move the sidebar under the reader (layout shift); folding follows the first input.
let settled = false;
const fieldsets = [...panel.querySelectorAll(".facet")];

start();

async function start() {
  index = await BrowseIndex.load(url("index"));
  for (const card of staticListings.querySelectorAll(".card")) {
    remember(card);
    if (isClosed(card)) card.hidden = true;
    else decorate(card);
  }
  wireSaveButtons(section);
  for (const kind of ["input", "change", "click", "keydown"]) {
    section.addEventListener(kind, () => { settled = true; }, { capture: true });
  }
  form.addEventListener("focusin", () => loadPagefind(), { once: true });
  form.addEventListener("submit", (event) => { event.preventDefault(); update("push"); });
  input.addEventListener("input", () => update("replace")); // stale searches are dropped in show()
  sortSelect.addEventListener("change", () => update("push"));
  panel.addEventListener("change", () => update("push"));
  panel.addEventListener("click", onPanelClick);
  document.querySelector("#filters-clear").addEventListener("click", () => clearFilters());
  chips.addEventListener("click", onChipClick);
  empty.addEventListener("click", onEmptyClick);
  more.addEventListener("click", () => showMore(run));
  openFilters.addEventListener("click", openDialog);
  showButton.addEventListener("click", () => dialog.close());
  document.querySelector("#filters-close").addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => { sidebar.append(panel); openFilters.focus(); });
  addEventListener("popstate", () => applyState(new URL(location.href).searchParams));
  applyState(new URL(location.href).searchParams);
}

function loadPagefind() {
  if (!pagefind) {
    const script = url("pagefind");
    pagefind = Promise.all([
      import(script.href).then(async (module) => {
        await module.options({ baseUrl: new URL("../", script).pathname, excerptLength: 24 });
        await module.init();
        return module;
      }),
      fetch(url("pagefindMap")).then((response) => response.json()).then(pageMap),
    ]);
  }
  return pagefind;
}

// Pagefind's page ids ("en_1a2b3c4") -> browse index positions; the map names each page by the
// shortest start of its hash no other page shares (board.site.search_index.write_pagefind_map).
function pageMap(text) {
  const starts = new Map(text.split(" ").map((start, position) => [start, position]));
  return {
    get(id) {
      const hash = id.slice(id.indexOf("_") + 1);
      for (let length = 4; length <= hash.length; length++) {
        const position = starts.get(hash.slice(0, length));
        if (position !== undefined) return position;
      }
      return undefined;
    },
  };
}

function readState() {
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  for (const control of panel.querySelectorAll(".facet input:checked")) {
    if (control.value) params.append(control.name, control.value);
  }
  if (sortSelect.value) params.set("sort", sortSelect.value);
  return params;
}

function selection(params) {
  return new Map(fieldsets.map((fieldset) => [fieldset.dataset.facet, new Set(params.getAll(fieldset.dataset.facet))]));
}

function applyState(params) {
  input.value = params.get("q") || "";
  sortSelect.value = index.sorts[params.get("sort")] ? params.get("sort") : "";
  for (const control of panel.querySelectorAll(".facet input")) {
    const chosen = params.getAll(control.name);
    control.checked = control.type === "radio" && control.value === "" ? chosen.length === 0 : chosen.includes(control.value);
  }
  show(params);
}

function update(mode) {
  const params = readState();
  const next = new URL(location.href);
  next.search = params.toString();
  if (next.href !== location.href) history[mode === "push" ? "pushState" : "replaceState"](null, "", next);
  show(params);
}

async function show(params) {
  const ticket = ++run;
  section.dataset.state = "busy";
  const query = params.get("q") || "";
  const chosen = selection(params);
  const sort = params.get("sort") || "";
  let candidates = null;
  let relevance = null;
  let closedMatches = [];
  let found = null; // Pagefind's results by index position, for excerpts
  if (query) {
    const [engine, pages] = await loadPagefind();
    if (ticket !== run) return;
    const search = await engine.search(query);
    if (ticket !== run || !search) return; // a newer search has started
    found = new Map();
    relevance = new Map();
    for (const result of search.results) {
      const position = pages.get(result.id);
      if (position === undefined) continue;
      found.set(position, result);
      relevance.set(position, relevance.size);
    }
    candidates = [...found.keys()];
    closedMatches = candidates.filter((position) => !index.isOpen(position));
  }
  const { matches, counts } = index.select(chosen, candidates);
  showCounts(counts, chosen, matches.length);
  showChips(chosen);
  const filtered = [...chosen.values()].some((values) => values.size);
  if (!query && !filtered && !sort) {
    await showStatic(ticket);
    return;
  }
  current = { order: index.sort(matches, sort, relevance), shown: 0, found, query };
  staticListings.hidden = true;
  list.hidden = false;
  list.replaceChildren();
  await showMore(ticket);
  if (ticket !== run) return;
  showStatus(matches.length, query, filtered, sort);
  showFeeds(chosen);
  if (closedMatches.length) await showClosed(closedMatches, found, ticket);
  else closedSection.hidden = true;
  if (matches.length === 0) await showEmpty(query, filtered, ticket);
  else empty.hidden = true;
  section.dataset.state = "ready";
}

// The next page of results: the first screenful as soon as its cards are in, the rest right after.
async function showMore(ticket) {
  const batch = current.order.slice(current.shown, current.shown + PAGE);
  current.shown += batch.length;
  more.hidden = true;
  list.dataset.complete = "false";
  const first = batch.slice(0, SCREENFUL);
  await appendCards(first, ticket);
  appendCards(batch.slice(SCREENFUL), ticket).then(() => {
    if (ticket !== run) return;
    more.hidden = current.shown >= current.order.length;
    list.dataset.complete = "true";
  });
}

async function appendCards(positions, ticket) {
  const cards = await Promise.all(positions.map((position) => fetchCard(cardFolder, root, index.ids[position])));
  if (ticket !== run) return;
  list.append(...cards.filter(Boolean));
  addExcerpts(positions, cards, current.found, ticket);
}

// Excerpts follow the cards: each needs Pagefind's fragment of the listing, fetched after the
// results are on screen so they never hold them up.
function addExcerpts(positions, cards, found, ticket) {
  if (!found) return;
  setTimeout(() => positions.forEach((position, place) => {
    const result = found.get(position);
    if (result && cards[place] && ticket === run) {
      result.data().then((data) => { if (ticket === run) addExcerpt(cards[place], data); });
    }
  }));
}

// The excerpt comes from the description only ("About the project"), with the matches marked.
function addExcerpt(card, data) {
  const about = (data.sub_results || []).find((sub) => sub.url.endsWith("#about-heading"));
  if (!about || !about.excerpt.includes("<mark>")) return;
  const excerpt = document.createElement("p");
  excerpt.className = "card__excerpt";
  excerpt.append("…", ...highlighted(about.excerpt), "…");
  card.querySelector(".card__summary").after(excerpt);
}

function highlighted(excerpt) {
  // Pagefind marks matches with <mark>; keep those and plain text, nothing else.
  const parsed = new DOMParser().parseFromString(`<p>${excerpt}</p>`, "text/html").body.firstChild;
  return [...parsed.childNodes].map((node) => {
    if (node.nodeName !== "MARK") return document.createTextNode(node.textContent);
    const mark = document.createElement("mark");
    mark.textContent = node.textContent;
    return mark;
  });
}

async function showStatic(ticket) {
  // The page already lists the open listings, soonest deadline first; show it as it is.
  staticListings.hidden = false;
  list.hidden = true;
  list.dataset.complete = "true";
  more.hidden = true;
  empty.hidden = true;
  feedNote.hidden = true;
  closedSection.hidden = true;
  const open = index.select(new Map()).matches.length;
  status.textContent = `${open} open listing${open === 1 ? "" : "s"}, soonest deadline first`;
  if (ticket === run) section.dataset.state = "ready";
}

function showStatus(total, query, filtered, sort) {
  let text = `${total} listing${total === 1 ? "" : "s"} match${total === 1 ? "es" : ""}` + (query ? ` “${query}”` : "");
  if (!query && !filtered) text = `${total} open listing${total === 1 ? "" : "s"}`;
  if (sort === "pay") {
    const unrated = current.order.filter((position) => index.hourly[position] === null).length;
    if (unrated) text += `; ${unrated} paid in a currency without a reference rate come last`;
  }
  status.textContent = text;
}

function showCounts(counts, chosen, open) {
  let total = 0;
  for (const fieldset of fieldsets) {
    const name = fieldset.dataset.facet;
    const expanded = fieldset.querySelector(".facet__more")?.getAttribute("aria-expanded") === "true";
    let rank = 0;
    let hidden = 0;
    for (const item of fieldset.querySelectorAll(".facet__option")) {
      const control = item.querySelector("input");
      if (!control.value) continue; // "Any"
      const count = counts[name]?.[control.value] ?? 0;
      item.querySelector(".count").textContent = String(count);
      item.dataset.count = String(count);
      const visible = control.checked || expanded || (settled ? count > 0 && rank < FEW : !item.hidden);
      if (count > 0) rank += 1;
      item.hidden = !visible;
      if (!visible) hidden += 1;
    }
    const toggle = fieldset.querySelector(".facet__more");
    toggle.hidden = hidden === 0 && !expanded;
    toggle.textContent = expanded ? "Show fewer" : `Show all ${fieldset.querySelectorAll(".facet__option input:not([value=''])").length}`;
    total += chosen.get(name)?.size ?? 0;
  }
  activeCount.textContent = total ? ` (${total})` : "";
  showButton.textContent = `Show ${open} listing${open === 1 ? "" : "s"}`;
}

function showChips(chosen) {
  const items = [];
  for (const [name, values] of chosen) {
    const legend = index.facet.get(name)?.legend ?? name;
    for (const value of values) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "chip";
      button.dataset.facet = name;
      button.dataset.value = value;
      button.setAttribute("aria-label", `Remove filter ${legend}: ${value}`);
      button.append(value, " ");
      const cross = document.createElement("span");
      cross.setAttribute("aria-hidden", "true");
      cross.textContent = "×";
      button.append(cross);
      const item = document.createElement("li");
      item.append(button);
      items.push(item);
    }
  }
  if (items.length > 1) {
    const clear = document.createElement("button");
    clear.type = "button";
    clear.className = "chip chip--clear";
    clear.dataset.clear = "";
    clear.textContent = "Clear all";
    const item = document.createElement("li");
    item.append(clear);
    items.push(item);
  }
  chips.querySelector("ul").replaceChildren(...items);
  chips.hidden = items.length === 0;
}

function showFeeds(chosen) {
  const links = [];
  for (const name of ["category", "skill"]) {
    for (const value of chosen.get(name) ?? []) {
      const feed = index.feedFor(name, value);
      if (!feed) continue;
      const link = document.createElement("a");
      link.href = new URL(feed, root).href;
      link.textContent = `new ${value} listings`;
      links.push(link);
    }
  }
  feedNote.hidden = links.length === 0;
  if (!links.length) return;
  feedNote.replaceChildren("Get ");
  links.slice(0, 3).forEach((link, position) => feedNote.append(position ? ", " : "", link));
  feedNote.append(" by feed (Atom), in any feed reader.");
}

async function showClosed(positions, found, ticket) {
  const chosen = positions.slice(0, 6);
  const cards = await Promise.all(chosen.map((position) => fetchCard(cardFolder, root, index.ids[position])));
  if (ticket !== run) return;
  const shown = cards.filter(Boolean);
  for (const card of shown) card.classList.add("card--closed");
  closedSection.querySelector("ul").replaceChildren(...shown);
  closedSection.hidden = shown.length === 0;
  addExcerpts(chosen, cards, found, ticket);
}

async function showEmpty(query, filtered, ticket) {
  const parts = [element("p", "empty__title", query ? `No open listings match “${query}”${filtered ? " with these filters" : ""}.`
    : "No open listings match these filters.")];
  const suggestion = query ? await suggest(url("words"), query) : null;
  if (ticket !== run) return;
  if (suggestion) {
    const line = element("p", "", "Did you mean ");
    const button = element("button", "link-button", suggestion);
    button.type = "button";
    button.dataset.query = suggestion;
    line.append(button, "?");
    parts.push(line);
  }
  if (filtered) {
    const withoutFilters = index.select(new Map(), query ? [...current.found.keys()] : null).matches.length;
    const line = element("p", "", withoutFilters ? `${withoutFilters} listing${withoutFilters === 1 ? "" : "s"} match without filters. ` : "");
    const clear = element("button", "link-button", "Clear all filters");
    clear.type = "button";
    clear.dataset.clear = "";
    line.append(clear);
    parts.push(line);
  }
  if (index.examples.length) {
    const line = element("p", "", "Try ");
    index.examples.forEach((example, position) => {
      const button = element("button", "link-button", example);
      button.type = "button";
      button.dataset.query = example;
      line.append(position ? ", " : "", button);
    });
    line.append(", or browse every open listing by category below.");
    parts.push(line);
  }
  empty.replaceChildren(...parts);
  empty.hidden = false;
}

function element(tag, className = "", text = "") {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

function onPanelClick(event) {
  const toggle = event.target.closest(".facet__more");
  if (!toggle) return;
  toggle.setAttribute("aria-expanded", String(toggle.getAttribute("aria-expanded") !== "true"));
  show(readState());
}

function onChipClick(event) {
  const chip = event.target.closest(".chip");
  if (!chip) return;
  if ("clear" in chip.dataset) return clearFilters();
  const control = panel.querySelector(`input[name="${CSS.escape(chip.dataset.facet)}"][value="${CSS.escape(chip.dataset.value)}"]`);
  if (control) control.checked = false;
  const any = panel.querySelector(`input[name="${CSS.escape(chip.dataset.facet)}"][value=""]`);
  if (any && control?.type === "radio") any.checked = true;
  update("push");
  (chips.querySelector(".chip") || input).focus();
}

function onEmptyClick(event) {
  const button = event.target.closest("button");
  if (!button) return;
  if ("clear" in button.dataset) return clearFilters();
  if (button.dataset.query) {
    input.value = button.dataset.query;
    update("push");
    input.focus();
  }
}

function clearFilters() {
  for (const control of panel.querySelectorAll(".facet input")) control.checked = control.type === "radio" && control.value === "";
  update("push");
}

function openDialog() {
  dialog.querySelector(".filters-dialog__body").append(panel);
  dialog.showModal();
}
