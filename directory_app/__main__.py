import sys

from directory_app.cli import main

sys.exit(main())
