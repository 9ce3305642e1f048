"""The version of Subsidy Desk (shown by `--version`, the About box and the package names)."""

__version__ = "0.1.0"
