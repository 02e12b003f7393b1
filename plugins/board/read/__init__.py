"""Reading content: YAML files with positions, the content folders, the vocabulary."""
