// "Is this your record?": hashes the typed address with the record's salt, in this browser only,
// and compares it with the record's hash (Open Badges 2.0: sha256 of address + salt). Nothing is sent.
const form = document.querySelector("form[data-identity]");

async function sha256Hex(text) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

if (form && globalThis.crypto?.subtle) {
  const [, expected] = form.dataset.identity.split("$");
  const input = form.querySelector("input");
  const result = form.querySelector("[role=status]");
  form.hidden = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const address = input.value.trim().toLowerCase();
    const matches = (await sha256Hex(address + form.dataset.salt)) === expected;
    result.textContent = matches
      ? "Yes: this record was issued to that address."
      : "No: this record was issued to another address. Check for typos, or try another address you use.";
  });
}
