"""Settings for building the board locally. publishconf.py adds what a public deploy needs.

Fork-and-edit settings are at the top; the rest wires Pelican to the board's plugins and theme.
"""

import os

# --- Your board -------------------------------------------------------------------------------
SITENAME = "Micro-internship board"
SITE_DESCRIPTION = "Short, paid, project-based work for students: 5 to 40 hours, often remote."
SITEURL = "http://localhost:8000"
TIMEZONE = "Europe/London"  # listings close at the end of their apply_by day in this zone
DEFAULT_LANG = "en"
BOARD_LOCALE = "en"  # formats money, dates and country names
BOARD_REPOSITORY = "your-org/micro-internship-board"  # on GitHub: where employers post
BOARD_BRANCH = "main"

# Policy (see README, "Running your own board").
BOARD_MAX_WINDOW_DAYS = 120  # longest time from posted to apply_by
BOARD_ACCEPT_UNPAID = False  # reject unpaid listings
BOARD_MIN_HOURLY_RATE = 20  # warn below this effective hourly pay, in the listing's currency
BOARD_REMOTE_IMAGES = False  # True: descriptions may show https images from other sites (they can track readers)
# Open Badges 3.0 (README, "Signed completion records"): the PUBLIC half of the badge-signing key, in PEM.
# The build never sees the private key; `python3 -S -m board.reach.sign` signs after it. None: Open Badges 2.0 only.
BOARD_SIGNING_PUBLIC_KEY = os.environ.get("BOARD_SIGNING_PUBLIC_KEY") or None

# --- Content ----------------------------------------------------------------------------------
PATH = "content"
ARTICLE_PATHS = ["opportunities"]
PAGE_PATHS = ["pages"]
# Only the board's readers (board.site.reader: YAML listings, Markdown pages); Pelican's RST and HTML
# readers would publish what a file includes or holds (`.. include:: /etc/passwd`, inline script).
READERS = {"rst": None, "html": None, "htm": None, "markdown": None, "mkd": None, "mdown": None}
# No static files from content/: board.site.logos copies exactly the logos organizations name.
STATIC_PATHS = []
# No {static}, {attach} or {filename} links: a link in a description or page must not make Pelican
# copy a file (from anywhere) into the site. This pattern never matches.
INTRASITE_LINK_REGEX = "(?!)"

# --- Plugins and theme ------------------------------------------------------------------------
PLUGIN_PATHS = ["plugins"]
# One plugin: board.site wires every step of the board into Pelican, in the order a build needs.
PLUGINS = ["board.site"]
THEME = "theme"
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
RELATIVE_URLS = True

# --- URLs -------------------------------------------------------------------------------------
ARTICLE_URL = "opportunities/{slug}/"
ARTICLE_SAVE_AS = "opportunities/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "categories/{slug}/"
CATEGORY_SAVE_AS = "categories/{slug}/index.html"
CATEGORIES_URL = "categories/"
CATEGORIES_SAVE_AS = "categories/index.html"
TAG_URL = "skills/{slug}/"
TAG_SAVE_AS = "skills/{slug}/index.html"
TAGS_URL = "skills/"
TAGS_SAVE_AS = "skills/index.html"
AUTHOR_URL = "organizations/{slug}/"
AUTHOR_SAVE_AS = "organizations/{slug}/index.html"
AUTHORS_URL = "organizations/"
AUTHORS_SAVE_AS = "organizations/index.html"
REMOTE_URL = "remote/"
REMOTE_SAVE_AS = "remote/index.html"
POST_URL = "post/"
POST_SAVE_AS = "post/index.html"
SUBSCRIBE_URL = "subscribe/"
SUBSCRIBE_SAVE_AS = "subscribe/index.html"
API_DOCS_SAVE_AS = "api/index.html"
EMBED_BUILDER_URL = "embed-listings/"
EMBED_BUILDER_SAVE_AS = "embed-listings/index.html"
EMBED_FRAME_URL = "embed/"
EMBED_FRAME_SAVE_AS = "embed/index.html"
CLOSED_URL = "closed/"
CLOSED_SAVE_AS = "closed/index.html"
DIRECT_TEMPLATES = ["index", "categories", "tags", "authors"]
ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
DRAFT_SAVE_AS = DRAFT_PAGE_SAVE_AS = ""
# No translations: a listing is one language. Pelican's search for them compares every article with
# every other (0.6 s at 10,000 listings, quadratic), and finds none.
ARTICLE_TRANSLATION_ID = PAGE_TRANSLATION_ID = None

DEFAULT_PAGINATION = 24
PAGINATED_TEMPLATES = {"index": None, "category": None, "tag": None, "author": None, "remote": None, "closed": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# --- Feeds: Pelican's own are off; board.site.feeds writes them with feedgen ---------------
FEED_ALL_ATOM = FEED_ALL_RSS = FEED_ATOM = FEED_RSS = None
CATEGORY_FEED_ATOM = CATEGORY_FEED_RSS = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = TAG_FEED_RSS = TRANSLATION_FEED_ATOM = TRANSLATION_FEED_RSS = None
# Newest listings per feed. Readers keep what they have already seen; the JSON API lists them all.
BOARD_FEED_MAX_ITEMS = 100
API_DOCS_URL = "api/"

# Reproducible output: no clock, no file-system order, no cache surprises.
DELETE_OUTPUT_DIRECTORY = True
LOAD_CONTENT_CACHE = False
