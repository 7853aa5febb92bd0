"""Goals and indicators."""
