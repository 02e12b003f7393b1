// The board's own cards, reused wherever listings show: the build writes each open (and recently
// closed) listing's card to search/cards/<id>.html from the same template as the board's pages.
// Here they are fetched, their links rebased, and given what depends on this student and today:
// the deadline in days, a "New" badge and a Save button.
import { isSaved, toggleSaved } from "./saved-store.js";

const cache = new Map(); // id -> a promise of the card's <li>, parsed once
const DAY = 86400000;
const NEW_DAYS = 7;

// The card of listing `id`, or null when it has none (closed and gone since).
export function fetchCard(folder, root, id) {
  if (!cache.has(id)) {
    cache.set(id, fetch(new URL(`${encodeURIComponent(id)}.html`, folder)).then(async (response) => {
      if (!response.ok) return null;
      // Our own build's markup (every employer value escaped by the template), parsed into an inert
      // <template>: nothing in it runs or loads.
      const parsed = document.createElement("template");
      parsed.innerHTML = await response.text();
      const card = parsed.content.querySelector("li.card");
      if (!card) return null;
      for (const node of card.querySelectorAll("[href], [src]")) {
        const name = node.hasAttribute("href") ? "href" : "src";
        node.setAttribute(name, new URL(node.getAttribute(name), root).href);
      }
      return card;
    }));
  }
  return cache.get(id).then((card) => (card ? decorate(document.importNode(card, true)) : null));
}

// A card already in the page (server-rendered), so it is not fetched again.
export function remember(card) {
  cache.set(card.dataset.id, Promise.resolve(card.cloneNode(true)));
}

export function decorate(card) {
  const time = card.querySelector(".card__deadline time[data-closes]");
  if (time) time.textContent = closesIn(time.getAttribute("datetime"));
  markNew(card);
  addSaveButton(card);
  return card;
}

export function isClosed(card, now = Date.now()) {
  const time = card.querySelector("time[data-closes]");
  return card.classList.contains("card--closed") || (time && Date.parse(time.dataset.closes) <= now);
}

function closesIn(deadline) {
  const days = Math.round((Date.parse(deadline) - Date.parse(new Date().toLocaleDateString("en-CA"))) / DAY);
  return days <= 0 ? "Closes today" : days === 1 ? "Closes tomorrow" : `Closes in ${days} days`;
}

// Posted since the student's last visit; on a first visit, in the last 7 days.
export function newSince() {
  let since = sessionStorage.getItem("board.newSince");
  if (!since) {
    const last = localStorage.getItem("board.lastVisit");
    const firstVisit = new Date(Date.now() - NEW_DAYS * DAY).toLocaleDateString("en-CA");
    since = last || firstVisit;
    sessionStorage.setItem("board.newSince", since);
    localStorage.setItem("board.lastVisit", new Date().toLocaleDateString("en-CA"));
  }
  return since;
}

function markNew(card) {
  if (card.classList.contains("card--closed") || card.querySelector(".badge")) return;
  if (card.dataset.posted < newSince()) return;
  const badge = document.createElement("span");
  badge.className = "badge";
  badge.textContent = "New";
  card.querySelector(".card__title").append(" ", badge);
}

function addSaveButton(card) {
  if (card.classList.contains("card--closed") || card.querySelector("[data-save]")) return;
  const title = card.querySelector(".card__title a").textContent;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "card__save";
  button.dataset.save = card.dataset.id;
  button.setAttribute("aria-label", `Save ${title}`);
  button.textContent = "Save";
  showSaved(button);
  card.querySelector(".card__deadline").append(button);
}

// Every [data-save] button in `root` toggles its listing in the saved list.
export function wireSaveButtons(root) {
  root.addEventListener("click", (event) => {
    const button = event.target.closest("[data-save]");
    if (!button) return;
    toggleSaved(button.dataset.save);
    for (const same of document.querySelectorAll(`[data-save="${CSS.escape(button.dataset.save)}"]`)) showSaved(same);
  });
}

export function showSaved(button) {
  const saved = isSaved(button.dataset.save);
  button.setAttribute("aria-pressed", String(saved)); // the name stays "Save …"; pressed says it is saved
  button.textContent = saved ? "Saved" : "Save";
}
