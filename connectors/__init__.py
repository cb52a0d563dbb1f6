"""FastAPI web connector: chat API, widget, Redis-backed conversation state."""
