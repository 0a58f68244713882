"""Practitioner Network Directory."""

__version__ = "0.1.0"
APP_NAME = "Practitioner Network Directory"
APP_ID = "practitioner-directory"
