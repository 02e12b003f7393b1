"""Contributing: how a listing reaches the board (templates, `new`, issue forms, pull-request checks)."""
