"""arvoketju: a living, sourced map of an industrial value-chain ecosystem."""

__version__ = "0.1.0"
