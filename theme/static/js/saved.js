// The Saved page: the student's saved listings as the board's own cards. A listing without a card
// (closed at the last build) or past its deadline now is dropped from the list for good.
import { fetchCard, isClosed, wireSaveButtons } from "./cards.js";
import { keepOnly, savedIds } from "./saved-store.js";

const section = document.querySelector("#saved");
const list = document.querySelector("#saved-list");
const status = document.querySelector("#saved-status");
const empty = document.querySelector("#saved-empty");
const folder = new URL(section.dataset.cards, location.href);
const root = new URL(section.dataset.root, location.href);

const ids = savedIds();
const cards = await Promise.all(ids.map((id) => fetchCard(folder, root, id)));
const kept = ids.filter((id, index) => cards[index] && !isClosed(cards[index]));
keepOnly(kept);
list.replaceChildren(...cards.filter((card) => card && !isClosed(card)));
const dropped = ids.length - kept.length;
status.textContent = `${kept.length} saved listing${kept.length === 1 ? "" : "s"}` +
  (dropped ? `; ${dropped} closed and ${dropped === 1 ? "was" : "were"} removed.` : ".");
empty.hidden = kept.length > 0;
wireSaveButtons(list);
section.dataset.state = "ready";
