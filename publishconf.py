"""Settings for the public site: absolute URLs from SITEURL (set it in the deploy environment)."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403 - publishconf extends pelicanconf, as Pelican intends


def _site_url() -> str:
    """SITEURL from the environment; on GitHub Actions, the repository's GitHub Pages address."""
    if os.environ.get("SITEURL"):
        return os.environ["SITEURL"].rstrip("/")
    if "/" in os.environ.get("GITHUB_REPOSITORY", ""):
        owner, name = os.environ["GITHUB_REPOSITORY"].split("/", 1)
        return f"https://{owner.lower()}.github.io/{name}"
    return "https://example.github.io/micro-internship-board"


SITEURL = _site_url()
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
