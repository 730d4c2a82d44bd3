from sitecheck.drivers.cli import main

raise SystemExit(main())
