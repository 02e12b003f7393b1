// Saved listings live in this browser only (localStorage): a list of listing ids, newest first.
const KEY = "board.saved";

export function savedIds() {
  try {
    const ids = JSON.parse(localStorage.getItem(KEY) || "[]");
    return Array.isArray(ids) ? ids.filter((id) => typeof id === "string") : [];
  } catch {
    return [];
  }
}

export function isSaved(id) {
  return savedIds().includes(id);
}

export function toggleSaved(id) {
  const ids = savedIds();
  localStorage.setItem(KEY, JSON.stringify(ids.includes(id) ? ids.filter((other) => other !== id) : [id, ...ids]));
}

export function keepOnly(ids) {
  localStorage.setItem(KEY, JSON.stringify(ids));
}
