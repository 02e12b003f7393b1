"""Descriptions as employers write them, for bench/generate.py --heavy: 300-600 words of Markdown
with headings, bulleted and numbered lists, links, a table of milestones, emphasis and the odd quote
or code span, drawn from a vocabulary of about a thousand words (the generator's light descriptions
use 60, which flatters every step that grows with the text: Markdown, Jinja, Pagefind)."""

from __future__ import annotations

import random

NOUNS = """
account agenda algorithm analysis archive article audience audit backlog balance benchmark bid blog
booking brand brief brochure budget bug calendar campaign canvas caption case catalogue chart
checklist citation client code cohort column comment community competitor complaint compliance
concept contract contributor conversion copy cost course coverage crowd curriculum customer
dashboard database dataset deadline deck decision delivery demand design diagram dictionary
directory donation donor draft editor email encoding engagement enquiry estimate event evidence
experiment export feature feedback field figure file filter finding flow forecast form format
framework funnel gap glossary goal grant graph guide handbook headline hypothesis icon idea image
impact index indicator infographic insight interface interview inventory invoice issue journey
keyword label landing layout lead lesson library licence list literature location logo map margin
market measure member memo mentor method metric migration milestone mock-up model module network
newsletter note notebook objective onboarding opportunity outline outreach owner page panel partner
pattern payment persona pilot pipeline plan platform playbook podcast policy portfolio poster
presentation price principle priority procedure process product profile programme project prompt
proposal prototype provider query questionnaire quote rate recipe record referral region register
release report repository request requirement research resource response review risk roadmap
route rubric rule sample schedule scheme scope screen script search segment sequence service
session shift sketch slide snapshot source specification spreadsheet sprint stakeholder standard
statement story strategy study style subscriber summary supplier survey system table talk target
task team template tender test theme ticket timeline tool topic tracker transcript trend trial
tutorial update usage user value vendor version video visit visitor volunteer walkthrough website
widget wireframe workflow workshop
""".split()
VERBS = """
analyse annotate answer archive assess audit benchmark brainstorm build calculate categorise check
clean code collect compare compile configure consolidate contact convert coordinate count create
critique debug define deliver deploy describe design digitise discover document draft edit estimate
evaluate examine explain explore extract facilitate forecast format gather group guide identify
illustrate implement improve interview investigate label launch list map measure merge migrate
model monitor moderate narrate observe optimise organise outline pilot plan polish prepare present
prioritise profile prototype publish rank read recommend record redesign refactor reorganise repair
report research restructure review rewrite sample scope score segment shadow shortlist simplify
sketch sort specify standardise storyboard streamline structure summarise survey synthesise tabulate
tag test trace track train transcribe translate triage update validate verify visualise write
""".split()
ADJECTIVES = """
accessible accurate active annual anonymous automated available basic bilingual brief careful
clear collaborative complete concise consistent creative critical current detailed digital direct
early effective efficient existing external fair final flexible focused formal friendly full
general global green growing helpful historical honest independent informal initial internal key
large legal live local long main manual measurable messy mobile modest monthly national new
open organised original outdated overall paid partial personal physical plain practical precise
previous primary private public qualitative quantitative quick realistic recent regional regular
relevant reliable remote reusable rough rural seasonal secondary shared short simple single small
social specific stable strong structured sustainable technical thorough timely transparent
typical urban useful visual weekly whole written
""".split()
SECTORS = """
agriculture architecture arts banking biotech charity childcare construction education energy
engineering fashion film finance fisheries food forestry gaming healthcare heritage hospitality
housing insurance journalism law libraries logistics manufacturing media mining museums music
nonprofit nursing pharmacy publishing recycling retail robotics science shipping sport telecoms
theatre tourism transport travel utilities veterinary water wellbeing wine
""".split()
TOOLS = """
Airtable Asana Blender Canva Confluence Excel Figma GitHub Gmail Google-Sheets HubSpot Illustrator
InDesign Jira Jupyter Kobo LaTeX Looker Mailchimp Miro Notion NVivo Obsidian Postgres PowerPoint
Python QGIS R Salesforce SPSS Shopify Slack SQLite Stata Tableau Trello Typeform WordPress Zapier
Zotero
""".split()
PLACES = """
Aarhus Accra Amsterdam Antwerp Athens Austin Barcelona Belfast Bergen Bilbao Bologna Bordeaux
Bristol Brno Cardiff Cork Dakar Dublin Dundee Edinburgh Eindhoven Florence Geneva Ghent Glasgow
Graz Hamburg Helsinki Kampala Kigali Krakow Leeds Leipzig Lille Lisbon Ljubljana Lyon Madrid
Malmo Manchester Marseille Milan Montreal Munich Nairobi Nantes Naples Oslo Porto Prague Quebec
Riga Rotterdam Seville Sheffield Tallinn Tartu Toulouse Turin Utrecht Valencia Vienna Vilnius
Warsaw Zagreb Zurich
""".split()
WEEKS = ["Week 1", "Week 2", "Week 3", "Week 4", "Week 5", "Week 6"]


def heavy_description(rng: random.Random, number: int) -> str:
    """One listing's description: about 300 to 600 words in the shape employers give them."""
    words = Words(rng)
    blocks = [
        words.paragraph(3, 5),
        words.paragraph(2, 4),
        f"## {rng.choice(['What you will do', 'The project', 'Your tasks', 'What the work involves'])}",
        words.paragraph(1, 2),
        words.bullets(4, 7),
        f"### {rng.choice(['How we will work', 'Timeline', 'Milestones', 'Plan'])}",
        words.milestones(),
        words.paragraph(1, 2),
        f"## {rng.choice(['What we provide', 'Support', 'What you get'])}",
        words.paragraph(2, 3, link=f"https://docs.example.org/{number}/{words.noun()}"),
        words.numbered(3, 5),
        f"## {rng.choice(['Who we are looking for', 'About you', 'Good to have'])}",
        words.bullets(3, 5),
    ]
    if rng.random() < 0.3:
        blocks.append(f"> {words.sentence()}")
    blocks.append(words.paragraph(1, 3, link=f"https://www.example.com/{words.noun()}-{number}"))
    return "\n\n".join(blocks) + "\n"


class Words:
    """Sentences, lists and tables from the vocabulary, drawn from one random source."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def noun(self) -> str:
        return self.rng.choice(NOUNS)

    def sentence(self) -> str:
        rng = self.rng
        pattern = rng.randrange(6)
        adjective, noun, other = rng.choice(ADJECTIVES), self.noun(), self.noun()
        if pattern == 0:
            text = (f"We are a {rng.choice(ADJECTIVES)} {rng.choice(SECTORS)} organisation in "
                    f"{rng.choice(PLACES)} and we need a {adjective} {noun} for our {other}s")
        elif pattern == 1:
            text = (f"You will {rng.choice(VERBS)} the {adjective} {noun}, then {rng.choice(VERBS)} "
                    f"each {other} with {rng.choice(TOOLS)}")
        elif pattern == 2:
            text = (f"Our {noun} is {adjective} and {rng.choice(ADJECTIVES)}, so the {other} "
                    f"has to {rng.choice(VERBS)} {rng.randint(2, 40)} {self.noun()}s by the end of the month")
        elif pattern == 3:
            text = (f"Last year {rng.randint(3, 900)} {rng.choice(['people', 'members', 'clients', 'visitors'])} "
                    f"used the {noun}, and the {other} showed that the {self.noun()} was {adjective}")
        elif pattern == 4:
            text = (f"The {rng.choice(SECTORS)} team in {rng.choice(PLACES)} will {rng.choice(VERBS)} "
                    f"the **{adjective} {noun}** with you and {rng.choice(VERBS)} the {other} together")
        else:
            text = (f"Please {rng.choice(VERBS)} the `{noun}_{other}` {self.noun()} and "
                    f"{rng.choice(VERBS)} what is {adjective}")
        return text[0].upper() + text[1:] + rng.choice([".", ".", ".", "!", "; thanks."])

    def paragraph(self, least: int, most: int, link: str | None = None) -> str:
        sentences = [self.sentence() for _ in range(self.rng.randint(least, most))]
        if link:
            sentences.append(f"Read the [{self.rng.choice(ADJECTIVES)} {self.noun()} guide]({link}) first.")
        return " ".join(sentences)

    def _item(self) -> str:
        rng = self.rng
        return (f"{rng.choice(VERBS).capitalize()} the {rng.choice(ADJECTIVES)} {self.noun()} "
                f"{rng.choice(['for', 'with', 'from', 'across'])} {rng.randint(2, 30)} {self.noun()}s"
                f"{rng.choice(['', '', ' (in ' + rng.choice(TOOLS) + ')', ', *ideally* in a shared folder'])}")

    def bullets(self, least: int, most: int) -> str:
        return "\n".join(f"- {self._item()}" for _ in range(self.rng.randint(least, most)))

    def numbered(self, least: int, most: int) -> str:
        return "\n".join(f"{place}. {self._item()}" for place in range(1, self.rng.randint(least, most) + 1))

    def milestones(self) -> str:
        rows = ["| When | What | Hours |", "| --- | --- | ---: |"]
        for week in WEEKS[: self.rng.randint(3, 5)]:
            rows.append(f"| {week} | {self._item()} | {self.rng.randint(2, 8)} |")
        return "\n".join(rows)
