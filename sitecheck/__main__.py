import sys

from sitecheck.drivers.cli import headers_main, main

if sys.argv[1:2] == ["headers"]:
    raise SystemExit(headers_main(sys.argv[2:]))
raise SystemExit(main())
