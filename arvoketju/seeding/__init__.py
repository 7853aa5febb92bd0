"""Loading reviewable YAML datasets (e.g. ``datasets/battery_fi``) through the services."""
