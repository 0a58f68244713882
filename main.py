"""Start the Practitioner Network Directory: no arguments open the window; `--help` lists the commands."""

import sys

from directory_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
