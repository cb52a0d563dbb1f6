"""Japanese NLU components for Rasa (registered with the DefaultV1Recipe on import)."""
