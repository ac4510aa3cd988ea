"""Helpers for the executable report on China's National High-tech Zones."""
from .data import DataError, load, validate_all

__all__ = ["DataError", "load", "validate_all"]
__version__ = "1.0.0"
