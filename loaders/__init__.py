"""parkdb loaders: read article files, extract entities and figures, store them."""
