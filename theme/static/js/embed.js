/*
 * Micro-internship board widget. Paste where the listings should appear:
 *   <script src="https://BOARD/embed.js" data-category="data-analysis" data-skill="python"
 *           data-mode="remote" data-country="DE" data-limit="5" data-theme="auto" async></script>
 * It reads BOARD/api/v1/opportunities.json and renders inside an open shadow root, with text
 * nodes only, so the host page's styles cannot reach it and no listing text can become markup.
 * Until the listings arrive (or if they cannot), it shows a plain link to the board.
 */
(() => {
  "use strict";
  const script = document.currentScript;
  if (!script || !script.src) return;
  const board = new URL(".", script.src);
  const fromQuery = script.hasAttribute("data-from-query");
  const options = readOptions(fromQuery ? Object.fromEntries(new URLSearchParams(location.search)) : script.dataset);
  const host = document.createElement("div");
  host.className = "micro-internships-embed";
  script.after(host);
  const root = host.attachShadow({ mode: "open" });
  const frame = element("div", "mi", "");
  frame.dataset.theme = options.theme;
  root.append(styles(), frame);
  frame.append(boardLink("See open micro-internships"));
  reportHeight();

  fetch(new URL("api/v1/opportunities.json", board), { credentials: "omit" })
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error(response.statusText))))
    .then((payload) => render(select(payload.opportunities || [], options)))
    .catch(() => {}) // the link to the board stays
    .finally(reportHeight);

  function readOptions(source) {
    const limit = Number.parseInt(source.limit || "5", 10);
    return {
      category: source.category || "",
      skill: source.skill || "",
      mode: source.mode || "",
      country: (source.country || "").toUpperCase(),
      limit: Number.isFinite(limit) ? Math.min(Math.max(limit, 1), 50) : 5,
      theme: ["light", "dark"].includes(source.theme) ? source.theme : "auto",
    };
  }

  function select(items, { category, skill, mode, country, limit }) {
    // Closed listings never show, even between rebuilds: they close at midnight after apply_by
    // in the board's time zone, whatever the visitor's.
    return items
      .filter((item) => item.status === "open" && Date.parse(item.closes_at) > Date.now())
      .filter((item) => !category || item.category.id === category)
      .filter((item) => !skill || item.skills.includes(skill))
      .filter((item) => !mode || item.location.mode === mode)
      .filter((item) => !country || countriesOf(item).includes(country))
      .slice(0, limit);
  }

  function countriesOf(item) {
    return item.location.mode === "remote" ? item.location.countries || [] : [item.location.address.country];
  }

  function render(items) {
    const list = element("ul", "list", "");
    for (const item of items) list.append(card(item));
    const children = items.length ? [list] : [element("p", "empty", "No open listings match right now.")];
    frame.replaceChildren(...children, boardLink("More on the micro-internship board"));
  }

  function card(item) {
    const entry = element("li", "card", "");
    const title = element("a", "title", item.title);
    title.href = safeUrl(item.url);
    title.target = "_top";
    entry.append(
      title,
      element("p", "org", item.organization.name),
      element("p", "facts", `${item.compensation.display} · ${item.effort_hours.min}–${item.effort_hours.max} hours`),
      element("p", "deadline", `Apply by ${formatDate(item.apply_by)}`),
    );
    return entry;
  }

  function boardLink(text) {
    const link = element("a", "board", text);
    link.href = board.href;
    link.target = "_top";
    return link;
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function safeUrl(value) {
    try {
      const url = new URL(value, board);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : board.href;
    } catch {
      return board.href;
    }
  }

  function formatDate(isoDate) {
    const [year, month, day] = isoDate.split("-").map(Number);
    return new Date(Date.UTC(year, month - 1, day)).toLocaleDateString(undefined, {
      day: "numeric", month: "short", year: "numeric", timeZone: "UTC",
    });
  }

  function reportHeight() {
    if (!fromQuery || window.parent === window) return;
    window.parent.postMessage({ type: "micro-internships:resize", height: document.documentElement.scrollHeight }, "*");
  }

  function styles() {
    const style = document.createElement("style");
    style.textContent = `
      :host { display: block; }
      .mi { all: initial; display: block; font: 15px/1.5 system-ui, sans-serif; color: #1c1d21; background: #fff;
            border: 1px solid #d9dade; border-radius: 12px; padding: 12px 16px; }
      .mi[data-theme="dark"] { color: #ececf1; background: #1c1e22; border-color: #33363d; }
      @media (prefers-color-scheme: dark) {
        .mi[data-theme="auto"] { color: #ececf1; background: #1c1e22; border-color: #33363d; }
      }
      .mi * { box-sizing: border-box; color: inherit; font: inherit; }
      .list { list-style: none; margin: 0; padding: 0; display: grid; gap: 10px; }
      .card { padding: 0 0 10px; border-bottom: 1px solid #d9dade55; }
      .title { display: block; font-weight: 700; color: #1d4ed8; text-decoration: none; }
      .mi[data-theme="dark"] .title, .mi[data-theme="dark"] .board { color: #8fb4ff; }
      @media (prefers-color-scheme: dark) { .mi[data-theme="auto"] .title, .mi[data-theme="auto"] .board { color: #8fb4ff; } }
      .title:hover, .title:focus-visible { text-decoration: underline; }
      :focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
      .org, .facts, .deadline, .empty { margin: 0; }
      .org { font-weight: 600; }
      .deadline { font-size: 0.92em; opacity: 0.85; }
      .board { display: inline-block; margin-top: 8px; color: #1d4ed8; }
    `;
    return style;
  }
})();
