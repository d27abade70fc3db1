"""The command line: ``python -m upperback`` or ``upperback``.

Data goes to standard output, diagnostics to standard error. Exit codes, as
the docs' *Command line* page states them:

- 0: success (``triage``: whatever the advice; ``validate``: a valid document);
- 1: valid input the library could not serve (nothing fits the limits, nothing
  is safe for the person), or the reader of the output went away;
- 2: a usage error: a bad option, an unknown exercise id, a file that is
  missing, unreadable or not a valid document of the kind needed, or a value
  the library refused (:class:`~upperback.errors.InvalidValue`).
"""

from __future__ import annotations

import argparse
import os
import sys
from importlib.metadata import version
from typing import TYPE_CHECKING

from upperback.cli import (
    ball,
    catalog,
    plan,
    prescribe,
    routine,
    schema,
    screen,
    show,
    triage,
    validate,
)
from upperback.cli import compose as compose_command
from upperback.cli._common import UsageError
from upperback.cli._options import DISCLAIMER
from upperback.errors import InvalidDocument, InvalidValue, UnknownExercise, UpperbackError

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["DISCLAIMER", "build_parser", "main"]

COMMANDS = (
    ball,
    catalog,
    show,
    routine,
    compose_command,
    prescribe,
    plan,
    screen,
    triage,
    validate,
    schema,
)
"""The sub-commands, one module each, in the order ``--help`` lists them."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per job."""
    parser = argparse.ArgumentParser(
        prog="upperback",
        description="Upper-back stretching and strengthening routines.",
        epilog=DISCLAIMER,
    )
    parser.add_argument("--version", action="version", version=version("upperback"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.add(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        code = int(args.run(args))
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (``upperback catalog | head``): stop quietly, and point
        # standard output at nothing so the interpreter's last flush cannot fail too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return 1
    except (UsageError, InvalidValue, InvalidDocument, UnknownExercise) as exc:
        print(f"upperback: {exc}", file=sys.stderr)
        return 2
    except UpperbackError as exc:
        print(f"upperback: {exc}", file=sys.stderr)
        return 1
    return code
