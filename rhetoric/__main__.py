"""``python -m rhetoric`` is the ``rhetoric`` command."""
from .cli import main

if __name__ == "__main__":
    main(prog_name="rhetoric")
