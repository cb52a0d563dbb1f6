"""Custom actions (rasa_sdk registers every concrete Action subclass in this package)."""
