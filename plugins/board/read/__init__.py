"""Reading content as data: YAML files with the position of every value, pages and their metadata,
and employer Markdown as safe HTML (so the validator can say what a student will not see).
Every file is read as hostile: never through a link, never from a special file."""
