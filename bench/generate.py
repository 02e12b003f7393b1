"""Write a deterministic board of N realistic synthetic listings (and their organizations).

    python bench/generate.py 1000 /tmp/board-1000/content [--today 2026-11-22] [--heavy]

The same N, seed and kind always give the same files. Every listing is open on --today, so a build
does the full work for each of them. Two kinds:

- light (the default, which the tests' golden manifests record): a description of about 200 words
  drawn from 60 words, and one organization per 20 listings;
- heavy, as employers write them (``bench/heavy.py``): descriptions of 300-600 words with headings,
  lists, links and tables drawn from about a thousand words, and one organization per
  4 listings, as on real boards.
"""

from __future__ import annotations

import argparse
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

import yaml
from heavy import heavy_description

ROOT = Path(__file__).resolve().parents[1]
CATEGORIES = ["data-analysis", "design", "finance", "marketing", "operations", "product", "research", "sales",
              "software", "writing-communications"]
SKILLS = yaml.safe_load((ROOT / "content" / "vocabulary.yaml").read_text())["suggested_skills"]
VERBS = ["Analyse", "Design", "Map", "Research", "Build", "Write", "Test", "Plan", "Audit", "Model", "Clean up"]
OBJECTS = ["customer survey", "donor database", "pricing page", "delivery routes", "grant application",
           "onboarding emails", "inventory data", "website navigation", "market entry options", "volunteer rota",
           "sales pipeline", "impact report", "energy bills", "social media plan", "support tickets"]
CONTEXTS = ["for a city bike scheme", "for a community food bank", "for a worker-owned bakery",
            "for a local newspaper", "for a biotech start-up", "for a design studio", "for a regional museum",
            "for a logistics firm", "for a reading charity", "for a fintech team"]
WORDS = (
    "students will work with our team to understand the problem gather evidence from interviews data and "
    "documents compare options with clear criteria and explain what they found in plain language the "
    "project suits someone curious careful and organised who enjoys turning messy information into "
    "something useful we meet once a week by video answer questions quickly and share everything you need "
    "on the first day you will learn how a small organisation makes decisions and leave with a piece of "
    "work for your portfolio"
).split()
COUNTRIES = ["DE", "FR", "NL", "GB", "IE", "ES", "IT", "US", "CA", "IN", "KE", "BR", "PL", "SE", "PT"]
CURRENCIES = {"DE": "EUR", "FR": "EUR", "NL": "EUR", "GB": "GBP", "IE": "EUR", "ES": "EUR", "IT": "EUR", "US": "USD",
              "CA": "CAD", "IN": "INR", "KE": "KES", "BR": "BRL", "PL": "PLN", "SE": "SEK", "PT": "EUR"}
CITIES = {"DE": "Berlin", "FR": "Lyon", "NL": "Utrecht", "GB": "Leeds", "IE": "Galway", "ES": "Valencia",
          "IT": "Turin", "US": "Detroit", "CA": "Halifax", "IN": "Pune", "KE": "Nakuru", "BR": "Campinas",
          "PL": "Gdansk", "SE": "Malmo", "PT": "Porto"}
RATE = {"INR": 1500, "KES": 2500, "BRL": 60, "PLN": 80, "SEK": 250}


def generate(count: int, content: Path, today: date, seed: int = 7, heavy: bool = False) -> None:
    rng = random.Random(seed)
    if content.exists():
        shutil.rmtree(content)
    (content / "opportunities").mkdir(parents=True)
    (content / "organizations").mkdir()
    shutil.copy(ROOT / "content" / "vocabulary.yaml", content / "vocabulary.yaml")
    shutil.copy(ROOT / "content" / "rates.yaml", content / "rates.yaml")  # KES, which the ECB does not publish
    organizations = [f"org-{number:04d}" for number in range(max(count // (4 if heavy else 20), 1))]
    for organization in organizations:
        _write(content / "organizations" / f"{organization}.yaml", {
            "name": f"Organization {organization[4:]}", "url": f"https://{organization}.example",
            "summary": "A synthetic organization for the board's benchmarks, offering short paid projects.",
            "maintainers": [f"maintainer-{organization[4:]}"]})
    for number in range(count):
        listing = _listing(rng, number, organizations, today)
        if heavy:
            listing["description"] = Block(heavy_description(rng, number))
        _write(content / "opportunities" / f"listing-{number:06d}.yaml", listing)


def _listing(rng: random.Random, number: int, organizations: list[str], today: date) -> dict:
    country = rng.choice(COUNTRIES)
    currency = CURRENCIES[country]
    effort = rng.randint(5, 35)
    posted = today - timedelta(days=rng.randint(0, 40))
    mode = rng.choice(["remote", "remote", "hybrid", "onsite"])
    title = f"{rng.choice(VERBS)} the {rng.choice(OBJECTS)} {rng.choice(CONTEXTS)}"
    description = "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(65)).capitalize() + "." for _ in range(3))
    listing = {
        "title": f"{title} #{number}",
        "organization": rng.choice(organizations),
        "summary": f"{title}: a short, paid project of about {effort} hours with a clear deliverable.",
        "description": description,
        "deliverables": ["A short written report", "A spreadsheet with the data"][: rng.randint(1, 2)],
        "category": rng.choice(CATEGORIES),
        "skills": rng.sample(SKILLS, rng.randint(2, 5)),
        "effort_hours": {"min": max(effort - 5, 1), "max": effort},
        "compensation": {"type": "fixed", "amount": RATE.get(currency, 25) * effort, "currency": currency},
        "location": {"mode": "remote", "countries": sorted({country, rng.choice(COUNTRIES)})} if mode == "remote"
        else {"mode": mode, "address": {"city": CITIES[country], "country": country}},
        "apply": {"url": f"https://apply.example/{number}"},
        "posted": posted.isoformat(),
        "apply_by": (today + timedelta(days=rng.randint(1, 75))).isoformat(),
    }
    return listing


class Block(str):
    """Text written as a YAML literal block (``description: |``), as people write long text."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(Block, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|"))


def _write(path: Path, data: dict) -> None:
    path.write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int, help="how many listings")
    parser.add_argument("content", type=Path, help="the content folder to (re)create")
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 22), help="the build's today")
    parser.add_argument("--heavy", action="store_true", help="descriptions and organizations as on real boards")
    arguments = parser.parse_args()
    generate(arguments.count, arguments.content, arguments.today, heavy=arguments.heavy)


if __name__ == "__main__":
    main()
