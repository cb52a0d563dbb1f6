"""Offline measurement: held-out intents, FAQ retrieval, question answering, safety, cross-validation."""
