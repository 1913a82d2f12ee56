"""What checks pages against the runs and against each other: every stated shape, count,
number and fact (shapes.py), and the same structure in every language (parity.py)."""
