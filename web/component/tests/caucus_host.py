"""The caucus component from Python, through the `wasmtime` package: loading it, calling
it, reading its answers, and the native engine's answers to compare them with.

Shared by the tests in this folder (`cargo xtask test` runs them with the virtual
environment that `cargo xtask setup` makes under target/). The component must have been
built first: `cargo xtask web component` (or set CAUCUS_COMPONENT to its path).
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from wasmtime import Engine, Store
from wasmtime.component import Component, Linker

ROOT = Path(__file__).resolve().parents[3]
COMPONENT = Path(os.environ.get("CAUCUS_COMPONENT") or ROOT / "target" / "component" / "caucus.wasm")
CASES = ROOT / "web" / "wasm" / "tests" / "cases"
MINI_PACK = ROOT / "core" / "tests" / "fixtures" / "mini"
INTERFACE = "caucus:engine/engine@0.1.0"
FUNCTIONS = ("generate", "schema", "defaults", "clauses", "place", "sentence", "version")
FORMATS = ("markdown", "html", "html-page", "text", "json", "docx")
KINDS = ("agreement", "guide", "invitation", "consent", "checklist")

if not COMPONENT.is_file():
    raise SystemExit(f"{COMPONENT} is missing: build it with `cargo xtask web component` first")


@dataclass
class PackFile:
    """A `pack-file` record: wasmtime lowers a record from any object with its fields."""

    path: str
    text: str


class CaucusError(Exception):
    """An `err` from the component: its diagnostics, as dictionaries."""

    def __init__(self, diagnostics: list[dict]):
        super().__init__("\n".join(f"{d['severity']}[{d['code']}] {d['message']}" for d in diagnostics))
        self.diagnostics = diagnostics


class Caucus:
    """One instance of the component, in a store of its own."""

    def __init__(self, engine: Engine | None = None, component: Component | None = None):
        self.engine = engine or Engine()
        self.component = component or Component.from_file(self.engine, str(COMPONENT))
        self.store = Store(self.engine)
        # An empty linker: the component imports nothing, so nothing is provided to it.
        self.instance = Linker(self.engine).instantiate(self.store, self.component)
        api = self.instance.get_export_index(self.store, INTERFACE)
        if api is None:
            raise RuntimeError(f"the component does not export {INTERFACE}")
        self.functions = {}
        for name in FUNCTIONS:
            index = self.instance.get_export_index(self.store, name, api)
            self.functions[name] = self.instance.get_func(self.store, index)

    def call(self, name: str, *args):
        """The raw answer: a `result` comes back as its `ok` value, or as a list for `err`
        (wasmtime gives an untagged result when the two types differ)."""
        return self.functions[name](self.store, *args)

    def generate(self, options: str, pack=None, document=None, format="markdown") -> dict:
        """`{"documents": [...], "diagnostics": [...]}` with plain values; raises
        CaucusError for an `err`."""
        files = None if pack is None else [PackFile(path, text) for path, text in pack]
        generated = ok(self.call("generate", options, files, document, format))
        return {
            "documents": [
                {"kind": d.kind, "title": d.title, "content": d.content} for d in generated.documents
            ],
            "diagnostics": [diagnostic(d) for d in generated.diagnostics],
        }

    def text(self, name: str) -> str:
        """`schema` or `defaults`."""
        return ok(self.call(name))

    def clauses(self, pack=None):
        files = None if pack is None else [PackFile(path, text) for path, text in pack]
        return ok(self.call("clauses", files))

    def place(self, path: str, options: str) -> str:
        return self.call("place", path, options)

    def sentence(self, text: str, options: str) -> str:
        return self.call("sentence", text, options)

    def version(self) -> str:
        return self.call("version")


def ok(value):
    """The `ok` of a result, or CaucusError with the `err`'s diagnostics."""
    if isinstance(value, list):
        raise CaucusError([diagnostic(d) for d in value])
    return value


def diagnostic(record) -> dict:
    """A `diagnostic` record in the shape the native engine serialises it."""
    d = {
        "code": record.code,
        "severity": record.severity,
        "path": record.path,
        "message": record.message,
        "hint": record.hint,
    }
    if record.citation is not None:
        d["citation"] = {"as_of": getattr(record.citation, "as-of"), "source": record.citation.source}
    if record.location is not None:
        loc = record.location
        d["location"] = {"file": loc.file, "line": loc.line, "column": loc.column}
    return d


def comparable(answer: dict) -> dict:
    """A `generate` answer in the native helper's shape: a .docx as hex."""
    documents = []
    for d in answer["documents"]:
        content = d["content"]
        documents.append({**d, "content": content.hex() if isinstance(content, bytes) else content})
    return {"ok": {"documents": documents, "diagnostics": answer["diagnostics"]}}


def cases() -> list[tuple[str, str]]:
    """Every options file in web/wasm/tests/cases (shared with the JS API's tests)."""
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(CASES.glob("*.json"))]


def pack_files(root: Path = MINI_PACK) -> list[tuple[str, str]]:
    """A pack folder's files: .toml anywhere, .md in a document's folder."""
    files = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.is_file() and (relative.endswith(".toml") or (relative.endswith(".md") and "/" in relative)):
            files.append((relative, path.read_text(encoding="utf-8")))
    return files


def queries() -> list[dict]:
    """What the comparison asks: every case in every format, every document on its own,
    and the small custom pack."""
    mini = pack_files()
    asked = []
    for name, options in cases():
        for format in FORMATS:
            asked.append({"name": f"{name} {format}", "options": options, "pack": None, "document": None, "format": format})
        for kind in KINDS:
            for format in ("markdown", "docx"):
                asked.append({"name": f"{name} {kind} {format}", "options": options, "pack": None, "document": kind, "format": format})
        for format in ("markdown", "docx"):
            asked.append({"name": f"{name} mini pack {format}", "options": options, "pack": mini, "document": None, "format": format})
    return asked


def native(asked: list[dict]) -> list[dict]:
    """The native engine's answers (`cargo run -p caucus-component --example native`), one
    process for all of them."""
    payload = json.dumps([{k: q[k] for k in ("options", "pack", "document", "format")} for q in asked])
    out = subprocess.run(
        ["cargo", "run", "--quiet", "--package", "caucus-component", "--example", "native"],
        cwd=ROOT,
        input=payload.encode("utf-8"),
        stdout=subprocess.PIPE,
        check=True,
    ).stdout
    answers = json.loads(out)
    if len(answers) != len(asked):
        raise RuntimeError(f"the native helper gave {len(answers)} answers to {len(asked)} queries")
    return answers
