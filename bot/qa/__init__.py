"""Question-level answers of the regional Q&A: which entry a resident's question asks for."""
