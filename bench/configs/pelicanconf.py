"""Stock Pelican for the benchmark: default theme, Pelican's own feeds, URLs and pagination like ours.

bench/equivalents.py copies this file next to the converted content.
"""

SITENAME = "Micro-internship board"
SITEURL = "http://localhost:8000"
PATH = "content"
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en"

# The same page set as our board: one page per listing, paginated lists, three term indexes.
ARTICLE_URL = "opportunities/{slug}/"
ARTICLE_SAVE_AS = "opportunities/{slug}/index.html"
CATEGORY_URL = "categories/{slug}/"
CATEGORY_SAVE_AS = "categories/{slug}/index.html"
CATEGORIES_SAVE_AS = "categories/index.html"
TAG_URL = "skills/{slug}/"
TAG_SAVE_AS = "skills/{slug}/index.html"
TAGS_SAVE_AS = "skills/index.html"
AUTHOR_URL = "organizations/{slug}/"
AUTHOR_SAVE_AS = "organizations/{slug}/index.html"
AUTHORS_SAVE_AS = "organizations/index.html"
DIRECT_TEMPLATES = ["index", "tags", "categories", "authors"]  # no archives page: ours has none

DEFAULT_PAGINATION = 24
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# Pelican's own feeds, on for all, category, tag (skill) and author (organization), RSS and Atom,
# under the paths our board uses; each holds its newest 100 items, Pelican's default and ours.
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/categories/{slug}.atom.xml"
CATEGORY_FEED_RSS = "feeds/categories/{slug}.rss.xml"
TAG_FEED_ATOM = "feeds/skills/{slug}.atom.xml"
TAG_FEED_RSS = "feeds/skills/{slug}.rss.xml"
AUTHOR_FEED_ATOM = "feeds/organizations/{slug}.atom.xml"
AUTHOR_FEED_RSS = "feeds/organizations/{slug}.rss.xml"
TRANSLATION_FEED_ATOM = None
FEED_MAX_ITEMS = 100

DELETE_OUTPUT_DIRECTORY = True
LOAD_CONTENT_CACHE = False
