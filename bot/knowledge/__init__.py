"""The regional knowledge base: topics, municipalities, offices and facts from data/."""
