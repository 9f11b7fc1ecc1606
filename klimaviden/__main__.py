"""`python -m klimaviden`: the same command as the `klimaviden` script (the web app runs it this way)."""

from klimaviden.cli import main

main()
