"""The "Post an opportunity" page, with an example listing generated from the schema.

The page states the board's rules from its settings and links to GitHub's file editor, prefilled
with the same annotated template, and to the issue form.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from pelican.generators import Generator

from board.core.settings import BoardSettings
from board.render.annotated_yaml import annotated_yaml, schema_example
from board.site.build import build_state
from board.validate.schema import load_schema


class PostPageGenerator(Generator):
    def generate_output(self, writer: Any) -> None:
        state = build_state(self.settings)
        schema = load_schema(state.settings.schemas / "opportunity.schema.json")
        example = annotated_yaml(schema_example(schema), schema, "../../schemas/opportunity.schema.json")
        writer.write_file(
            self.settings["POST_SAVE_AS"], self.get_template("post"), self.context, self.settings["RELATIVE_URLS"],
            url=self.settings["POST_URL"], page_name="post",
            example=example,
            new_file_url=new_file_url(state.settings, example),
            issue_form_url=f"https://github.com/{state.settings.repository}/issues/new?"
                           + urlencode({"template": "new-opportunity.yml"}),
            rules=state.settings,
        )


def new_file_url(settings: BoardSettings, template: str) -> str:
    """GitHub's new-file editor, opened on content/opportunities/ with the template filled in."""
    repository, branch = settings.repository, settings.branch
    query = urlencode({"filename": "content/opportunities/your-listing-id.yaml", "value": template}, quote_via=quote)
    return f"https://github.com/{repository}/new/{branch}?{query}"
