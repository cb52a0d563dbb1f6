"""Command lines (`python -m bot …`, the staff commands, `validate`): offline tools, never on the request path."""
