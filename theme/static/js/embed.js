/*
 * Micro-internship board widget. Paste where the listings should appear:
 *   <script src="https://BOARD/embed.js" data-category="data-analysis" data-skill="python"
 *           data-mode="remote" data-country="DE" data-limit="5" data-theme="auto" async></script>
 * (data-organization="acme-analytics" too). It downloads only its slice of the board
 * (BOARD/api/v1/slices/<kind>/<id>.json), shared by every widget of the page, and renders inside
 * an open shadow root with text nodes and a constructed stylesheet only: the host's styles cannot
 * reach it, no listing text can become markup, and a strict Content-Security-Policy on the host
 * needs nothing but script-src and connect-src for the board. Until the listings arrive (or if
 * they cannot), it shows a plain link to the board. A setting the board does not know is named in
 * the console and in the widget, with the closest value it does know.
 */
(() => {
  "use strict";
  const script = document.currentScript;
  if (!script || !script.src) return;
  const board = new URL(".", script.src);
  const FILTERS = ["organization", "skill", "country", "category", "mode"]; // the narrowest slice first
  const SETTINGS = [...FILTERS, "limit", "theme"];
  const LABEL = "micro-internships widget";
  const CSS = `
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
  // One store per page, under a symbol rather than a global name, so widgets share downloads.
  const shared = (window[Symbol.for("micro-internship-board")] ||= { requests: new Map(), sheet: null });
  const fromQuery = script.hasAttribute("data-from-query");
  const given = fromQuery ? Object.fromEntries(new URLSearchParams(location.search)) : { ...script.dataset };
  delete given.fromQuery;
  const options = readOptions(given);

  const host = document.createElement("div");
  host.className = "micro-internships-embed";
  script.after(host);
  const root = host.attachShadow({ mode: "open" });
  const frame = element("div", "mi", "");
  frame.dataset.theme = options.theme;
  adoptStyles(root);
  root.append(frame);
  frame.append(boardLink("See open micro-internships"));
  reportHeight();

  const [kind, id] = FILTERS.map((name) => [name, options[name]]).find(([, value]) => value) || ["all", "all"];
  const path = kind === "all" ? "slices/all.json" : `slices/${kind}/${encodeURIComponent(id)}.json`;
  download(path)
    .then((payload) => (payload ? show(select(payload.opportunities || [])) : explain()))
    .catch(() => {}) // the link to the board stays
    .finally(reportHeight);

  function readOptions(source) {
    for (const name of Object.keys(source)) {
      if (!SETTINGS.includes(name)) warn(`data-${kebab(name)} is not a setting`, closest(name, SETTINGS), "data-");
    }
    const limit = Number.parseInt(source.limit || "5", 10);
    if (source.limit && !(limit >= 1 && limit <= 50)) warn(`data-limit="${source.limit}" is not 1 to 50; showing 5`);
    if (source.theme && !["light", "dark", "auto"].includes(source.theme)) {
      warn(`data-theme="${source.theme}" is not light, dark or auto`, closest(source.theme, ["light", "dark", "auto"]));
    }
    return {
      category: (source.category || "").toLowerCase(),
      skill: (source.skill || "").toLowerCase(),
      organization: (source.organization || "").toLowerCase(),
      mode: (source.mode || "").toLowerCase(),
      country: (source.country || "").toUpperCase(),
      limit: limit >= 1 && limit <= 50 ? limit : 5,
      theme: ["light", "dark"].includes(source.theme) ? source.theme : "auto",
    };
  }

  /** The JSON at ``name`` under the API, fetched once per page; null when the board has no such file. */
  function download(name) {
    const url = new URL(`api/v1/${name}`, board).href;
    if (!shared.requests.has(url)) {
      shared.requests.set(url, fetch(url, { credentials: "omit" }).then((response) => {
        if (response.status === 404) return null;
        return response.ok ? response.json() : Promise.reject(new Error(`${response.status} ${url}`));
      }));
    }
    return shared.requests.get(url);
  }

  function select(items) {
    // Closed listings never show, even between rebuilds: they close at midnight after apply_by
    // in the board's time zone, whatever the visitor's.
    const { category, skill, organization, mode, country, limit } = options;
    return items
      .filter((item) => Date.parse(item.closes_at) > Date.now())
      .filter((item) => !category || item.category.id === category)
      .filter((item) => !skill || item.skills.includes(skill))
      .filter((item) => !organization || item.organization.id === organization)
      .filter((item) => !mode || item.mode === mode)
      .filter((item) => !country || item.countries.includes(country))
      .slice(0, limit);
  }

  function show(items) {
    if (!items.length) return explain();
    const list = element("ul", "list", "");
    for (const item of items) list.append(card(item));
    frame.replaceChildren(list, boardLink("More on the micro-internship board"));
  }

  /** Nothing to show: say which setting the board does not know, or that nothing matches today. */
  async function explain() {
    const index = await download("slices.json");
    if (!index) return warn(`the board has no API at ${new URL("api/v1/", board)}; is the script's address right?`);
    const known = index.slices || [];
    const unknown = FILTERS.filter((name) => options[name])
      .map((name) => [name, options[name], known.filter((entry) => entry.kind === name)])
      .filter(([, value, entries]) => !entries.some((entry) => entry.id === value));
    const messages = unknown.map(([name, value, entries]) => {
      const suggestion = closest(value, entries.map((entry) => entry.id), entries);
      warn(`data-${name}="${value}" matches nothing on the board`, suggestion);
      // Skills and countries exist while a listing has them; categories, organizations and places always.
      const missing = ["skill", "country"].includes(name) ? `No open listings with ${name} "${value}" right now`
        : `No ${name} "${value}" on this board`;
      return `${missing}${suggestion ? ` (did you mean "${suggestion}"?)` : ""}.`;
    });
    const text = messages.length ? messages.join(" ") : "No open listings match right now.";
    frame.replaceChildren(element("p", "empty", text), boardLink("See all open micro-internships"));
    reportHeight();
  }

  /** The known value nearest to ``value``: same letters in another case, a label, or a small typo. */
  function closest(value, candidates, entries = []) {
    const folded = value.toLowerCase().replace(/[\s_]+/g, "-");
    const byLabel = entries.find((entry) => entry.label.toLowerCase() === value.toLowerCase());
    if (byLabel) return byLabel.id;
    let best = "";
    let bestDistance = Math.floor(folded.length / 3) + 1; // a third of the letters wrong at most
    for (const candidate of candidates) {
      const distance = editDistance(folded, candidate.toLowerCase());
      if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
    }
    return best;
  }

  function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      for (let j = 1; j <= b.length; j++) {
        row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
      previous = row;
    }
    return previous[b.length];
  }

  function warn(problem, suggestion = "", prefix = "") {
    const hint = suggestion ? `; did you mean '${prefix ? prefix + kebab(suggestion) : suggestion}'?` : "";
    console.warn(`${LABEL} (${script.src}): ${problem}${hint}`);
  }

  function kebab(name) {
    return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  }

  function card(item) {
    const entry = element("li", "card", "");
    const title = element("a", "title", item.title);
    title.href = safeUrl(item.url);
    title.target = "_top";
    entry.append(
      title,
      element("p", "org", item.organization.name),
      element("p", "facts", `${item.pay} · ${item.effort}`),
      element("p", "deadline", `Apply by ${item.apply_by_text}`),
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

  function reportHeight() {
    if (!fromQuery || window.parent === window) return;
    window.parent.postMessage({ type: "micro-internships:resize", height: document.documentElement.scrollHeight }, "*");
  }

  /** A constructed stylesheet, which no style-src policy blocks; a <style> element where there is none. */
  function adoptStyles(shadow) {
    if ("adoptedStyleSheets" in shadow && typeof CSSStyleSheet === "function") {
      if (!shared.sheet) {
        shared.sheet = new CSSStyleSheet();
        shared.sheet.replaceSync(CSS);
      }
      shadow.adoptedStyleSheets = [shared.sheet];
    } else {
      shadow.append(element("style", "", CSS));
    }
  }
})();
