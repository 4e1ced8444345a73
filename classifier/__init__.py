"""Classifier: items.raw → items.scored (negativity, relevance, topic, grade with reasons)."""
