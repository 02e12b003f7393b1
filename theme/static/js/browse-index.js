// The browse index (search/index.json, written by board.render.browse_index): every open and
// recently closed listing's facet values and figures, in columns packed as text (see there).
// Unpacked once; filtering, counting and sorting then run here, in memory, never waiting for Pagefind.

const DAY = 86400000;
const CODE = [...Array(0x7f - 0x21).keys()].map((n) => String.fromCharCode(n + 0x21)).filter((c) => !'"\\~'.includes(c)).join("");
const DIGIT = new Map([...CODE].map((char, value) => [char, value]));

function unpackIds(text) {
  let previous = "";
  return text.split(" ").map((entry) => (previous = previous.slice(0, DIGIT.get(entry[0])) + entry.slice(1)));
}

function unpackCodes({ values, width, codes }) {
  const column = new Array(codes.length / width);
  for (let index = 0; index < column.length; index++) {
    let code = 0;
    for (let place = 0; place < width; place++) code = code * CODE.length + DIGIT.get(codes[index * width + place]);
    column[index] = values[code];
  }
  return column;
}

function unpackGaps(gaps, count) {
  const column = Array.from({ length: count }, () => []);
  gaps.forEach((text, value) => {
    let position = -1;
    let gap = 0;
    for (const char of text) {
      if (char === "~") { gap += CODE.length; continue; }
      position += gap + DIGIT.get(char) + 1;
      gap = 0;
      column[position].push(value);
    }
  });
  return column;
}

export class BrowseIndex {
  constructor(raw) {
    Object.assign(this, raw); // facets, rate, deadline, effort_bands, sorts, closes, examples, category_slugs
    this.ids = unpackIds(raw.ids);
    for (const name of ["open", "apply_by", "posted", "effort", "hourly"]) this[name] = unpackCodes(raw[name]);
    this.values = Object.fromEntries(Object.entries(raw.values).map(([name, packed]) =>
      [name, packed.gaps ? unpackGaps(packed.gaps, this.ids.length) : unpackCodes(packed)]));
    this.position = new Map(this.ids.map((id, index) => [id, index]));
    this.facet = new Map(this.facets.map((facet) => [facet.name, facet]));
    this.closingTimes = Object.fromEntries(Object.entries(this.closes).map(([day, instant]) => [day, Date.parse(instant)]));
  }

  static async load(url) {
    return new BrowseIndex(await (await fetch(url)).json());
  }

  // Closed at midnight after the deadline in the board's time zone, even before the nightly rebuild.
  isOpen(index, now = Date.now()) {
    return this.open[index] && now < this.closingTimes[this.apply_by[index]];
  }

  daysLeft(index) {
    const today = Math.floor(Date.parse(new Date().toLocaleDateString("en-CA")) / DAY);
    return this.apply_by[index] - today;
  }

  // The labels of a facet's values, in the order they are offered.
  // Does listing `index` have any of the chosen labels of facet `name`?
  has(index, name, chosen) {
    if (name === "rate") {
      const pay = this.hourly[index];
      return pay !== null && this.rate.some(([step, label]) => chosen.has(label) && pay >= step);
    }
    if (name === "deadline") {
      const left = this.daysLeft(index);
      return this.deadline.some(([days, label]) => chosen.has(label) && left <= days);
    }
    return this.valuesOf(index, name).some((label) => chosen.has(label));
  }

  // Every label of facet `name` that listing `index` has.
  valuesOf(index, name) {
    if (name === "rate") {
      const pay = this.hourly[index];
      return pay === null ? [] : this.rate.filter(([step]) => pay >= step).map(([, label]) => label);
    }
    if (name === "deadline") {
      const left = this.daysLeft(index);
      return this.deadline.filter(([days]) => left <= days).map(([, label]) => label);
    }
    if (name === "effort") {
      const band = this.effort_bands.find(([most]) => this.effort[index] <= most);
      return band ? [band[1]] : [];
    }
    const column = this.values[name];
    if (!column) return [];
    const labels = this.facet.get(name).values;
    const mine = column[index];
    if (Array.isArray(mine)) return mine.map((value) => labels[value]);
    return mine < labels.length ? [labels[mine]] : [];
  }

  // The open listings among `candidates` (all of them when null) that pass every chosen facet,
  // and for each facet value how many would pass if it were chosen too (other facets applied).
  select(selection, candidates = null) {
    const chosen = [...selection].filter(([, values]) => values.size);
    const names = this.facets.map((facet) => facet.name);
    const counts = Object.fromEntries(names.map((name) => [name, {}]));
    const matches = [];
    const now = Date.now();
    const pool = candidates ?? this.ids.keys();
    for (const index of pool) {
      if (!this.isOpen(index, now)) continue;
      const failed = [];
      for (const [name, values] of chosen) {
        if (!this.has(index, name, values)) failed.push(name);
        if (failed.length > 1) break;
      }
      if (failed.length > 1) continue;
      if (failed.length === 0) matches.push(index);
      for (const name of failed.length ? failed : names) {
        for (const label of this.valuesOf(index, name)) counts[name][label] = (counts[name][label] || 0) + 1;
      }
    }
    return { matches, counts };
  }

  // Listings in a sort's order; `relevance` (Pagefind's ranking, position -> rank) when there is no sort.
  sort(matches, name, relevance = null) {
    if (!this.sorts[name] && relevance) return matches.sort((a, b) => relevance.get(a) - relevance.get(b));
    const [column, direction] = this.sorts[name] ?? ["apply_by", "asc"]; // by default, soonest deadline first
    const values = this[column];
    const sign = direction === "desc" ? -1 : 1;
    // A listing whose pay has no reference rate is never ranked by it: it comes after the others.
    // Ties go by id, as on the board's own pages.
    return matches.sort((a, b) => (values[a] === null) - (values[b] === null)
      || sign * (values[a] - values[b]) || a - b);
  }

  feedFor(name, label) {
    const facet = this.facet.get(name);
    if (!facet?.feed) return null;
    const slug = name === "category" ? this.category_slugs[label] : label;
    return slug ? facet.feed.replace("{slug}", slug) : null;
  }
}
