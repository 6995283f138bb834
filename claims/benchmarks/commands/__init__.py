"""One benchmark per module, each a Django command class run by `python -m claims.benchmarks NAME`."""
