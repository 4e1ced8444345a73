"""Collectors: poll sources and publish RawItem to items.raw."""
