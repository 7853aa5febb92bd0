"""Value-chain taxonomy."""
