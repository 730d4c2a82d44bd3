import sys

from preview.server import main

sys.exit(main())
