"""Publishing: the Pelican plugins that write the board's pages and feeds."""
