"""Per-call time of the component from Python (wasmtime from PyPI): generating the
default agreement, the median of many calls on one instance after a warm-up.

    cargo xtask bench        (or: target/venv/bin/python web/component/bench/per_call.py)
"""

import os
import statistics
from importlib.metadata import version
import sys
import time
from pathlib import Path

from wasmtime import Engine, Store
from wasmtime.component import Component, Linker

ROOT = Path(__file__).resolve().parents[3]
COMPONENT = os.environ.get("CAUCUS_COMPONENT") or str(ROOT / "target/component/caucus.wasm")
WARM_UP = 20
CALLS = 300

# What is timed: (label, document, format).
CALLS_TIMED = [
    ("default agreement, Markdown", "agreement", "markdown"),
    ("default agreement, .docx", "agreement", "docx"),
    ("every default document, HTML", None, "html"),
]


def main() -> int:
    engine = Engine()
    started = time.perf_counter()
    component = Component.from_file(engine, COMPONENT)
    compiled = time.perf_counter() - started
    store = Store(engine)
    started = time.perf_counter()
    instance = Linker(engine).instantiate(store, component)
    instantiated = time.perf_counter() - started
    api = instance.get_export_index(store, "caucus:engine/engine@0.1.0")
    generate = instance.get_func(store, instance.get_export_index(store, "generate", api))

    print(
        f"python {sys.version.split()[0]}, wasmtime {version('wasmtime')}: "
        f"compile {compiled * 1e3:.0f} ms, instantiate {instantiated * 1e3:.2f} ms"
    )
    for label, document, format in CALLS_TIMED:
        for _ in range(WARM_UP):
            check(generate(store, "{}", None, document, format))
        times = []
        for _ in range(CALLS):
            started = time.perf_counter()
            result = generate(store, "{}", None, document, format)
            times.append(time.perf_counter() - started)
            check(result)
        print(
            f"  {label:<30} median {statistics.median(times) * 1e3:7.3f} ms"
            f"  (min {min(times) * 1e3:.3f}, {CALLS} calls)"
        )
    return 0


def check(result) -> None:
    if isinstance(result, list) or not result.documents:
        raise SystemExit(f"generate failed: {[vars(d) for d in result] if isinstance(result, list) else result}")


if __name__ == "__main__":
    sys.exit(main())
