// "Embed these listings": keep the snippets and the live preview in step with the chosen filters.
const form = document.querySelector("#embed-options");
const scriptSnippet = document.querySelector("#script-snippet");
const frameSnippet = document.querySelector("#iframe-snippet");
const preview = document.querySelector("#embed-preview");
const board = new URL(form.dataset.board);
// The preview loads the embed from wherever this page is served; the snippets name the public board.
const previewUrl = new URL(preview.getAttribute("src"), location.href);
const CARD_HEIGHT = 125; // px per listing in a phone-wide frame, where titles wrap most
const FRAME_EXTRA = 80; // the frame's padding and the link to the board

function chosen() {
  const values = new FormData(form);
  return Object.fromEntries([...values].filter(([, value]) => value !== ""));
}

function attribute(name, value) {
  return ` ${name}="${String(value).replaceAll("&", "&amp;").replaceAll('"', "&quot;")}"`;
}

function update() {
  const options = chosen();
  const data = Object.entries(options).map(([name, value]) => attribute(`data-${name}`, value)).join("");
  scriptSnippet.value = `<script${attribute("src", form.dataset.script)}${attribute("integrity", form.dataset.integrity)}` +
    ` crossorigin="anonymous"${data} async></script>`;
  const frameUrl = new URL("embed/", board);
  frameUrl.search = new URLSearchParams(options).toString();
  const height = FRAME_EXTRA + CARD_HEIGHT * Number(options.limit || 5);
  frameSnippet.value = [
    `<iframe${attribute("src", frameUrl)} title="Micro-internships" loading="lazy" width="100%"` +
      ` height="${height}" frameborder="0"></iframe>`,
    `<script>addEventListener("message", (e) => { if (e.origin === "${board.origin}" && e.data?.type === ` +
      `"micro-internships:resize") for (const f of document.querySelectorAll("iframe")) ` +
      `if (f.contentWindow === e.source) f.height = e.data.height; });</script>`,
  ].join("\n");
  previewUrl.search = frameUrl.search;
  preview.src = previewUrl.href;
}

addEventListener("message", (event) => {
  if (event.origin === location.origin && event.source === preview.contentWindow &&
      event.data?.type === "micro-internships:resize") {
    preview.style.height = `${event.data.height}px`;
  }
});
form.addEventListener("input", update);
for (const button of document.querySelectorAll("[data-copy]")) {
  button.addEventListener("click", async () => {
    await navigator.clipboard.writeText(document.getElementById(button.dataset.copy).value);
    button.textContent = "Copied";
    setTimeout(() => { button.textContent = "Copy"; }, 1500);
  });
}
update();
