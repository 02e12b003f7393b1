"""The Outcomes page (``outcomes/``: totals, a chart of completions per month, tables) and its data
for career offices, ``api/v1/outcomes.json`` (its schema is published beside the API's others)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican.generators import Generator

from board.render.outcomes import CHART_HEIGHT, month_bars, outcomes_record, paid_text
from board.site.api import API, encode
from board.site.build import build_state

OUTCOMES_PAGE = "outcomes/"
OUTCOMES_JSON = f"{API}/outcomes.json"


class OutcomesGenerator(Generator):
    def generate_output(self, writer: Any) -> None:
        state = build_state(self.settings)
        record = outcomes_record(state.catalog, state.today)
        target = Path(self.output_path) / OUTCOMES_JSON
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(encode(record) + "\n", encoding="utf-8")
        writer.write_file(f"{OUTCOMES_PAGE}index.html", self.get_template("outcomes"), self.context,
                          self.settings["RELATIVE_URLS"], url=OUTCOMES_PAGE, page_name="outcomes", outcomes=record,
                          bars=month_bars(record["by_month"], state.settings.locale), chart_height=CHART_HEIGHT,
                          outcomes_json=OUTCOMES_JSON,
                          paid_text=lambda paid: paid_text(paid, state.settings.locale))
