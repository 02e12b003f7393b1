"""Settings for the public site: absolute URLs from SITEURL (set it in the deploy environment)."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403 - publishconf extends pelicanconf, as Pelican intends

SITEURL = os.environ.get("SITEURL", "https://example.github.io/micro-internships").rstrip("/")
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
