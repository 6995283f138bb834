"""The analysis benchmark (`python -m claims.benchmarks analysis`) on bad input."""

import pytest
from django.core.management import CommandError, call_command

from claims.benchmarks.commands.analysis import Command


def test_it_refuses_a_folder_without_sample_articles(tmp_path):
    with pytest.raises(CommandError, match="No sample articles"):
        call_command(Command(), "--sizes", "5", "--corpus", str(tmp_path))
