"""Static files of the console (a package so that wheels carry them)."""
