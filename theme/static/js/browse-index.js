// The browse index (search/index.json, written by board.render.browse_index): every open and
// recently closed listing's facet values and figures, in columns. Filtering, counting and sorting
// run here, in memory, so they never wait for Pagefind.

const DAY = 86400000;

export class BrowseIndex {
  constructor(raw) {
    Object.assign(this, raw); // ids, open, apply_by, closes, posted, effort, hourly, values, facets, rate, deadline, sorts
    this.position = new Map(this.ids.map((id, index) => [id, index]));
    this.facet = new Map(this.facets.map((facet) => [facet.name, facet]));
    this.closingTimes = Object.fromEntries(Object.entries(this.closes).map(([day, instant]) => [day, Date.parse(instant)]));
  }

  static async load(url) {
    return new BrowseIndex(await (await fetch(url)).json());
  }

  // Closed at midnight after the deadline in the board's time zone, even before the nightly rebuild.
  isOpen(index, now = Date.now()) {
    return index < this.open && now < this.closingTimes[this.apply_by[index]];
  }

  daysLeft(index) {
    const today = Math.floor(Date.parse(new Date().toLocaleDateString("en-CA")) / DAY);
    return this.apply_by[index] - today;
  }

  // The labels of a facet's values, in the order they are offered.
  labels(name) {
    if (name === "rate") return this.rate.map(([, label]) => label);
    if (name === "deadline") return this.deadline.map(([, label]) => label);
    return this.facet.get(name)?.values ?? [];
  }

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
    const column = this.values[name];
    if (!column) return false;
    const labels = this.facet.get(name).values;
    const mine = column[index];
    return Array.isArray(mine) ? mine.some((value) => chosen.has(labels[value])) : mine >= 0 && chosen.has(labels[mine]);
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
    const column = this.values[name];
    if (!column) return [];
    const labels = this.facet.get(name).values;
    const mine = column[index];
    return (Array.isArray(mine) ? mine : mine >= 0 ? [mine] : []).map((value) => labels[value]);
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
    const [column, direction] = this.sorts[name] ?? [];
    if (!column) {
      if (relevance) return matches.sort((a, b) => relevance.get(a) - relevance.get(b));
      return matches.sort((a, b) => a - b); // the index is in deadline order already
    }
    const values = this[column];
    const sign = direction === "desc" ? -1 : 1;
    // A listing whose pay has no reference rate is never ranked by it: it comes after the others.
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
