"""What the tests, the benchmarks and ./run share to drive real programs: the project copy and
build, free ports and waiting, nginx with the shipped configuration, Debian's Chromium. Nothing
here is a check; nothing in sitecheck/ imports it."""
