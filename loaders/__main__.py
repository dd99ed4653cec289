"""`python -m loaders` is `parkdb`."""
import sys

from loaders.cli import main

sys.exit(main())
