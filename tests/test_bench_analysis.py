"""`manage.py bench_analysis` on bad input."""

import pytest
from django.core.management import CommandError, call_command


def test_it_refuses_a_folder_without_sample_articles(tmp_path):
    with pytest.raises(CommandError, match="No sample articles"):
        call_command("bench_analysis", "--sizes", "5", "--corpus", str(tmp_path))
