"""Console: the web workplace of the desk, the departments and the analysts."""
