"""Benchmarks: data generators and load measurements (not operational code; nothing imports this)."""
