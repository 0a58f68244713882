"""Everything that is not a widget. No Qt import here (ruff's banned-api holds the line)."""
