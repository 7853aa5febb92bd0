"""Bulk import of organisations, projects, events, capabilities and more from CSV, XLSX and JSON files."""
