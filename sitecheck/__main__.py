from sitecheck.page_checks import main

raise SystemExit(main())
