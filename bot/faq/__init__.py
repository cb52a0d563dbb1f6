"""Imported FAQ lists: store, search and ranking, the answer-or-offer decision, import and curation."""
