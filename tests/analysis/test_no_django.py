"""The analysis engine is plain Python: importing every module of claims/analysis/ loads no Django."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

IMPORT_EVERY_MODULE = """
import importlib, pkgutil, sys
import claims.analysis
for module in pkgutil.walk_packages(claims.analysis.__path__, "claims.analysis."):
    importlib.import_module(module.name)
loaded = sorted(name for name in sys.modules if name == "django" or name.startswith("django."))
print(",".join(loaded))
"""


def test_importing_the_analysis_loads_no_django():
    # A fresh interpreter: this test process has Django loaded already.
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERY_MODULE], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"claims.analysis loaded Django modules: {result.stdout.strip()}"
