"""``python -m penpaper`` runs the same CLI as the ``penpaper`` script."""

from penpaper.cli import main

main()
