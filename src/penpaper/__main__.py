"""The ``penpaper`` command: the script pip installs, and ``python -m penpaper``.

Garbage collection is paused while the command line starts: importing typer,
pydantic, rich and penpaper makes only objects that live as long as the process
(modules, classes, typer's models of the options), so every collection then is
work for nothing, about 15 ms of a reading command's start-up
(``bench/startup.py``). :func:`penpaper.cli.app.resume_collection` ends the
pause once the command line is parsed and the command's own work begins.
"""

import gc


def main() -> None:
    gc.disable()
    from penpaper.cli import main as run
    from penpaper.cli.app import collection_paused_at_start

    collection_paused_at_start()
    run()


if __name__ == "__main__":
    main()
