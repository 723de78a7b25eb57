"""Pages of the ideas app, one module per subject (the URLs name each view by its module)."""
