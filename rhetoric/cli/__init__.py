"""The ``rhetoric`` command: a thin Click layer over the library.

Each command lives in its own module of this package and only parses options and calls
one library function. User mistakes arrive as :class:`rhetoric.errors.RhetoricError` and
leave as one line on stderr with exit code 2.
"""
from __future__ import annotations

import importlib
import os
import sys

import click

from ..errors import RhetoricError


class RhetoricGroup(click.Group):
    """A group that turns user errors into one line and exit code 2, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except RhetoricError as err:
            click.echo(f"rhetoric: error: {err}", err=True)
            ctx.exit(err.exit_code)
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(1)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as err:  # a bug, not a user mistake: say so in one line
            if os.environ.get("RHETORIC_DEBUG"):
                raise
            click.echo(f"rhetoric: internal error: {type(err).__name__}: {err} "
                       "(set RHETORIC_DEBUG=1 for the traceback, and please report it)", err=True)
            ctx.exit(3)


class LazyGroup(RhetoricGroup):
    """Commands imported when they are run, so ``rhetoric export --help`` does not load the
    spaCy pipeline that ``analyze`` needs (click's lazy-group pattern)."""

    # Command name -> module of this package that defines it as ``command``.
    COMMANDS = {"analyze": "analyze", "batch": "batch", "export": "export", "compare": "compare",
                "report": "report", "indicators": "indicators"}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        module = self.COMMANDS.get(name)
        if module is None:
            return None
        return importlib.import_module(f"{__name__}.{module}").command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="rhetoric")
def main() -> None:
    """Who speaks, how upbeat and how hedged, which figures: rhetoric held against reality."""
