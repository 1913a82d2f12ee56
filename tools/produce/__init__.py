"""What writes generated files: snippet outputs, notebooks, the stepper's data, formulas.

Each producer makes its files in memory; tools/generated.py (the one freshness rule and the
one command line) decides what is stale and writes it. No producer imports back up.
"""
