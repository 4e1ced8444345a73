"""Shared contracts and plumbing of every Yuqing stage."""
