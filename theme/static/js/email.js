// Turns each spelled-out employer address ("name [at] example [dot] org") into a working
// mailto link. The address travels base64-encoded in data-email, out of reach of harvesters.
for (const holder of document.querySelectorAll("[data-email]")) {
  const mailto = new TextDecoder().decode(Uint8Array.from(atob(holder.dataset.email), (c) => c.charCodeAt(0)));
  if (!mailto.startsWith("mailto:")) continue;
  const address = decodeURIComponent(mailto.slice("mailto:".length).split("?")[0]);
  const link = document.createElement("a");
  link.className = "button";
  link.href = mailto;
  link.textContent = "Apply by email";
  const note = document.createElement("p");
  note.className = "muted";
  note.textContent = `Write to ${address}`;
  holder.replaceChildren(link, note);
}
