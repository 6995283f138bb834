"""`python -m claims.benchmarks NAME [OPTIONS]`: run one benchmark (analysis, edits, load, matching, search).

The benchmarks are not operator commands, so `manage.py help` does not list them; each is a Django
command class in claims/benchmarks/commands/, run here with Django set up from the usual settings.
`python -m claims.benchmarks NAME --help` lists a benchmark's options.
"""

import os
import sys
from importlib import import_module

BENCHMARKS = ("analysis", "edits", "load", "matching", "profile", "search")
PROGRAM = "python -m claims.benchmarks"


def main(argv):
    if not argv or argv[0] not in BENCHMARKS:
        sys.stderr.write(f"usage: {PROGRAM} {{{','.join(BENCHMARKS)}}} [OPTIONS]\n")
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    import django  # noqa: PLC0415 - settings must be chosen first

    django.setup()
    command = import_module(f"claims.benchmarks.commands.{argv[0]}").Command()
    command.run_from_argv([PROGRAM, argv[0], *argv[1:]])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
