"""The Qt desktop interface: thin wrappers over directory_app.core."""
