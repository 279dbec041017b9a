"""The installed version: one constant at the bottom of the layers, so anything may read it."""

__version__ = "0.1.0"
