"""Cold ``python -m compare report`` on the bundled story against loading spaCy and parsing alone.

Two kinds of fresh process, each run ``--repeat`` times (alternating), with
the parse cache off: (a) ``python -m compare report -o … --no-cache
--no-progress`` on ``seeds/kim-putin-2019``; (b) a process that only imports
spaCy, loads the same pipeline and parses the same four texts with
``nlp.pipe``. Prints the median wall time of each and their ratio (target:
at most 1.5), and whether matplotlib was imported on the report path.

Run: ``python benchmarks/bench_report.py [--repeat 3]``
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import SEED, say

TARGET = 1.5

PARSE_ONLY = """
import sys
from pathlib import Path
from compare.parsing import load_nlp
from compare import load_story
texts = [a.text for a in load_story(sys.argv[1])]
nlp = load_nlp()
docs = list(nlp.pipe(texts))
assert len(docs) == len(texts)
"""

REPORT = """
import sys
from compare.cli import main
status = main(["report", sys.argv[1], "-o", sys.argv[2], "--no-cache", "--no-progress"])
print("matplotlib" in sys.modules)
sys.exit(status)
"""


def timed(code: str, *args: str) -> tuple[float, str]:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return time.perf_counter() - t0, proc.stdout.strip()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args()
    report_times, parse_times, saw_mpl = [], [], set()
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "report.html")
        for _ in range(args.repeat):
            t, _out = timed(PARSE_ONLY, str(SEED))
            parse_times.append(t)
            t, stdout = timed(REPORT, str(SEED), out)
            report_times.append(t)
            saw_mpl.add(stdout.splitlines()[-1] if stdout else "?")
    rep, par = statistics.median(report_times), statistics.median(parse_times)
    say(f"report (cold, no cache):    median {rep:.2f} s  runs {', '.join(f'{t:.2f}' for t in report_times)}")
    say(f"spaCy load + parse only:    median {par:.2f} s  runs {', '.join(f'{t:.2f}' for t in parse_times)}")
    say(f"ratio report / parse-only:  {rep / par:.2f}  (target ≤ {TARGET})")
    say(f"matplotlib imported on the report path: {', '.join(sorted(saw_mpl))}")


if __name__ == "__main__":
    main()
