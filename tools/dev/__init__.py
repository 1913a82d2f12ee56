"""Developer tools: `make bench`, page weight and cost in Chromium, the served site for tests."""
