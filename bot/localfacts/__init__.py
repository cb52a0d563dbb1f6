"""Staff edits of a municipality's local facts: the YAML document, form checks, saving, history."""
