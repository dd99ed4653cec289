"""parkdb serve: the review web page (loaders/web/app.py)."""
