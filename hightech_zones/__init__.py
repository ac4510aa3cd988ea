"""Helpers for the executable report on China's National High-tech Zones."""

__all__ = ["DataError", "load", "validate_all"]
__version__ = "1.0.0"


def __getattr__(name):
    # Imported on first use, so that the Sphinx extension does not pay for pandas at every build.
    if name in __all__:
        from . import data

        return getattr(data, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
