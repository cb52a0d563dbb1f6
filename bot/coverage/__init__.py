"""What the knowledge base knows per municipality × topic, and the record of what was searched."""
