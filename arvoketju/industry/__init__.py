"""Industrial areas."""
