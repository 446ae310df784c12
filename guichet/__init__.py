"""Guichet: the one-stop business desk of an economic development agency."""

__version__ = "0.1.0"
