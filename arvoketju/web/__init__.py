"""Web interface."""
