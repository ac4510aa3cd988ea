"""Helpers for the executable report on China's National High-tech Zones."""
from hightech_zones.data.errors import DataError
from hightech_zones.data.loader import load, validate_all

__all__ = ["DataError", "load", "validate_all"]
__version__ = "1.1.0"
