"""Staff tools: FAQ import from CSV, long-tail FAQ search, and the coverage grid."""
