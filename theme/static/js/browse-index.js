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
    this.position = new Map(this.ids.map((id, index) => [id, index]));
    this.facet = new Map(this.facets.map((facet) => [facet.name, facet]));
    this.closingTimes = Object.fromEntries(Object.entries(this.closes).map(([day, instant]) => [day, Date.parse(instant)]));
    // Every facet as labels, and per listing the indexes of the labels it has: the compared facets
    // (pay per hour, closing, effort) are worked out here once, from today's date.
    const today = Math.floor(Date.parse(new Date().toLocaleDateString("en-CA")) / DAY);
    this.labels = {};
    this.has = {};
    for (const { name } of this.facets) {
      const [labels, column] = this.#column(name, raw.values[name], today);
      this.labels[name] = labels;
      this.has[name] = column;
    }
  }

  #column(name, packed, today) {
    const count = this.ids.length;
    const computed = {
      rate: [this.rate, (index) => this.rate.flatMap(([step], value) =>
        (this.hourly[index] !== null && this.hourly[index] >= step ? [value] : []))],
      deadline: [this.deadline, (index) => this.deadline.flatMap(([days], value) =>
        (this.apply_by[index] - today <= days ? [value] : []))],
      effort: [this.effort_bands, (index) => [this.effort_bands.findIndex(([most]) => this.effort[index] <= most)]],
    }[name];
    if (computed) {
      const [options, valuesOf] = computed;
      return [options.map(([, label]) => label), Array.from({ length: count }, (_, index) => valuesOf(index))];
    }
    const labels = this.facet.get(name).values;
    if (packed.gaps) return [labels, unpackGaps(packed.gaps, count)];
    return [labels, unpackCodes(packed).map((value) => (value < labels.length ? [value] : []))];
  }

  static async load(url) {
    return new BrowseIndex(await (await fetch(url)).json());
  }

  // Closed at midnight after the deadline in the board's time zone, even before the nightly rebuild.
  isOpen(index, now = Date.now()) {
    return this.open[index] && now < this.closingTimes[this.apply_by[index]];
  }

  // Every label of facet `name` that listing `index` has.
  valuesOf(index, name) {
    return (this.has[name]?.[index] ?? []).map((value) => this.labels[name][value]);
  }

  // The open listings among `candidates` (all of them when null) that pass every chosen facet,
  // and for each facet value how many would pass if it were chosen too (other facets applied).
  select(selection, candidates = null) {
    const names = this.facets.map((facet) => facet.name);
    const chosen = [];
    for (const [name, values] of selection) {
      if (!values.size || !this.labels[name]) continue;
      const wanted = new Uint8Array(this.labels[name].length);
      this.labels[name].forEach((label, value) => { if (values.has(label)) wanted[value] = 1; });
      chosen.push([name, this.has[name], wanted]);
    }
    const tallies = names.map((name) => new Int32Array(this.labels[name].length));
    const matches = [];
    const now = Date.now();
    const pool = candidates ?? this.ids.keys();
    for (const index of pool) {
      if (!this.isOpen(index, now)) continue;
      let failed = null;
      let failures = 0;
      for (const [name, column, wanted] of chosen) {
        if (!column[index].some((value) => wanted[value])) {
          failed = name;
          if (++failures > 1) break;
        }
      }
      if (failures > 1) continue;
      if (failures === 0) matches.push(index);
      names.forEach((name, facet) => {
        if (failed !== null && name !== failed) return;
        for (const value of this.has[name][index]) tallies[facet][value] += 1;
      });
    }
    const counts = Object.fromEntries(names.map((name, facet) =>
      [name, Object.fromEntries(this.labels[name].map((label, value) => [label, tallies[facet][value]]))]));
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
