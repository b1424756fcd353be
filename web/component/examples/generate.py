"""Drafts a mediation agreement from Python with the caucus WebAssembly component.

    pip install wasmtime==50.0.1
    python generate.py caucus.wasm [OPTIONS.json] > agreement.md

Prints the agreement as Markdown for the options in OPTIONS.json (the embedded default
without it), warnings and notes on stderr. Invalid options print their diagnostics, each
with the option path and what to do, and exit with status 1.
"""

import sys
from pathlib import Path

from wasmtime import Engine, Store
from wasmtime.component import Component, Linker


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print("usage: generate.py CAUCUS.wasm [OPTIONS.json]", file=sys.stderr)
        return 2
    options = Path(argv[2]).read_text(encoding="utf-8") if len(argv) == 3 else "{}"

    engine = Engine()
    store = Store(engine)
    component = Component.from_file(engine, argv[1])
    # The component imports nothing (no files, clock, network or environment), so an
    # empty linker instantiates it.
    instance = Linker(engine).instantiate(store, component)
    api = instance.get_export_index(store, "caucus:engine/engine@0.1.0")
    generate = instance.get_func(store, instance.get_export_index(store, "generate", api))

    # generate(options JSON, pack (None: built-in), document (None: all), format)
    result = generate(store, options, None, "agreement", "markdown")

    # result<generated, list<diagnostic>>: wasmtime returns the `ok` record, or the
    # `err` list of diagnostics.
    if isinstance(result, list):
        for d in result:
            print(f"{d.severity}[{d.code}] {d.path}: {d.message}\n  hint: {d.hint}", file=sys.stderr)
        return 1
    for d in result.diagnostics:
        print(f"{d.severity}[{d.code}] {d.path}: {d.message}", file=sys.stderr)
    sys.stdout.write(result.documents[0].content)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
