"""Aizu resident inquiry assistant: NLU components, knowledge base, runtime and CLI."""
