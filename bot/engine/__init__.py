"""The Rasa engine as this project runs it: the agent in-process, its patches, stores and training."""
