"""What every stage of the board shares: its settings, problems and errors, the deadline rule,
the vocabulary, and the typed model of checked content. Nothing here knows about files or Pelican."""
