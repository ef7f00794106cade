"""The application as `wsgi.py` serves it, plus `/bench/bare`: the baseline route of the benchmarks.

`/bench/bare` returns a small constant text through the whole application (its middleware, session
and request hooks) and touches no database, so a page's throughput divided by the bare route's says
what the page itself costs. Never deployed: only bench/ serves this module.
"""

from penalties import create_app
from penalties.auth.permissions import public

app = create_app()


@public
def bare():
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8"}


app.add_url_rule("/bench/bare", "bench_bare", bare)
