"""Summarises a `cargo build --timings` report: wall time, and the units on the critical end."""
import json
import re
import sys

report, start, end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
html = open(report, encoding="utf-8").read()
units = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);\n", html, re.S).group(1))
print(f"wall {end - start:.1f} s; units {len(units)}; summed unit time "
      f"{sum(u['duration'] for u in units):.1f} s")
print("  start   time   end  unit (the 12 longest)")
for u in sorted(units, key=lambda u: -u["duration"])[:12]:
    print(f"{u['start']:7.1f} {u['duration']:6.1f} {u['start'] + u['duration']:5.1f}  "
          f"{u['name']} {u['version']} {u.get('target', '').strip()}")
