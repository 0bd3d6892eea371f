"""Firebase Authentication backend (being built)."""
