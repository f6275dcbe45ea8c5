"""Command-line client: every figure and file the GUI makes, headless."""
