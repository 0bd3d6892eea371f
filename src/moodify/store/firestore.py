"""Firestore store (placeholder while it is built)."""
