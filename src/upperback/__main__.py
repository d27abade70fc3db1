"""Run the command line: ``python -m upperback``."""

# Runs only as ``python -m upperback``, in a subprocess (tests/test_package.py), which
# coverage does not follow.
if __name__ == "__main__":  # pragma: no cover - runs only in a `python -m upperback` subprocess
    import sys

    from upperback.cli import main

    sys.exit(main())
