// A listing page's Save and Share buttons (hidden without JavaScript; "Add to calendar" is a link).
import { showSaved, wireSaveButtons } from "./cards.js";

const actions = document.querySelector(".listing__actions");
const status = document.querySelector(".listing__share-status");

for (const button of actions.querySelectorAll("[data-save]")) {
  button.setAttribute("aria-label", `Save ${document.querySelector("#listing-title").textContent}`);
  showSaved(button);
  button.hidden = false;
}
wireSaveButtons(actions);

const share = actions.querySelector("[data-share]");
share.hidden = false;
share.addEventListener("click", async () => {
  const url = document.querySelector("link[rel=canonical]")?.href || location.href;
  const title = document.title;
  if (navigator.share) {
    try {
      await navigator.share({ title, url });
      return;
    } catch (error) {
      if (error.name === "AbortError") return; // the student closed the share sheet
    }
  }
  try {
    await navigator.clipboard.writeText(url);
    status.textContent = "Link copied. Paste it anywhere to share this listing.";
  } catch {
    status.textContent = `Copy this link to share the listing: ${url}`;
  }
});
