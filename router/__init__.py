"""Router: items.scored → cases for the responsible department, clocks and channels."""
