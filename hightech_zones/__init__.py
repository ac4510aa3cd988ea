"""Helpers for the executable report on China's National High-tech Zones."""
from .data import load, validate_all
from .errors import DataError

__all__ = ["DataError", "load", "validate_all"]
__version__ = "1.1.0"
