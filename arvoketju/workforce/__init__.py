"""Workforce and skills."""
