"""The component in Python (wasmtime from PyPI): it imports nothing, its documents are
byte-identical to the native engine's, hostile input comes back as diagnostics and the
instance keeps working, and the README's example runs.

    target/venv/bin/python -m unittest discover -s web/component/tests -v
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
import unittest
from pathlib import Path

import caucus_host
from caucus_host import (
    COMPONENT,
    FORMATS,
    INTERFACE,
    KINDS,
    MINI_PACK,
    ROOT,
    Caucus,
    CaucusError,
    comparable,
    native,
    pack_files,
    queries,
)

TEN_MB = 10 << 20

caucus: Caucus
asked: list[dict]
answers: list[dict]


def setUpModule():
    global caucus, asked, answers
    caucus = Caucus()
    asked = queries()
    answers = native(asked)


def default_agreement() -> str:
    return caucus.generate("{}", document="agreement")["documents"][0]["content"]


class Interface(unittest.TestCase):
    def test_the_component_imports_nothing_and_exports_the_engine(self):
        kind = caucus.component.type
        self.assertEqual(dict(kind.imports(caucus.engine)), {})
        self.assertEqual(list(kind.exports(caucus.engine)), [INTERFACE])

    def test_version_is_the_workspace_version(self):
        manifest = tomllib.loads((ROOT / "Cargo.toml").read_text(encoding="utf-8"))
        self.assertEqual(caucus.version(), manifest["workspace"]["package"]["version"])

    def test_place_and_sentence_put_a_diagnostic_in_words(self):
        options = json.dumps({"parties": [{"name": "Acme Ltd"}, {"name": "Beta plc"}]})
        self.assertEqual(caucus.place("parties.1.name", options), "Party 2 (Beta plc): Full legal name")
        self.assertEqual(caucus.place("parties.1.name", "not json"), "Party 2: Full legal name")
        self.assertEqual(
            caucus.sentence("`parties.0.name` is empty", options),
            "\u201cParty 1 (Acme Ltd): Full legal name\u201d is empty.",
        )

    def test_schema_is_the_committed_schema(self):
        committed = json.loads((ROOT / "core/src/options.schema.json").read_text(encoding="utf-8"))
        self.assertEqual(json.loads(caucus.text("schema")), committed)

    def test_defaults_in_full_mean_the_same_as_empty_options(self):
        defaults = caucus.text("defaults")
        self.assertIn('"recording"', defaults)
        self.assertEqual(caucus.generate(defaults), caucus.generate("{}"))

    def test_clauses_describe_the_builtin_pack(self):
        info = caucus.clauses()
        self.assertEqual([d.id for d in info.documents], list(KINDS))
        ids = {c.id for c in info.clauses}
        for document in info.documents:
            for topic in document.topics:
                self.assertTrue(set(topic.clauses) <= ids, f"{document.id}.{topic.id}: {topic.clauses}")
        recording = [c for c in info.clauses if c.document == "agreement" and c.topic == "recording"]
        self.assertGreater(len(recording), 1)
        for clause in recording:
            self.assertEqual([t.path for t in clause.when.tests], ["recording.policy"])
            for value in clause.when.tests[0].allowed:
                self.assertIsInstance(json.loads(value), str)
            self.assertIn("recording.policy", clause.when.text)

    def test_clauses_describe_a_custom_pack(self):
        manifest = tomllib.loads((MINI_PACK / "pack.toml").read_text(encoding="utf-8"))
        info = caucus.clauses(pack_files())
        self.assertEqual(info.name, manifest["name"])
        self.assertEqual(sorted(c.file for c in info.clauses), sorted(p for p, _ in pack_files() if p.endswith(".md")))


class SameAsNative(unittest.TestCase):
    def test_there_is_something_to_compare(self):
        self.assertGreaterEqual(len(caucus_host.cases()), 5)
        self.assertTrue(any("ok" in a for a in answers))
        self.assertTrue(any("error" in a for a in answers))
        self.assertTrue(any("missing" in a for a in answers))

    def test_every_case_in_every_format(self):
        for query, expected in zip(asked, answers):
            with self.subTest(query["name"]):
                try:
                    actual = comparable(
                        caucus.generate(query["options"], query["pack"], query["document"], query["format"])
                    )
                except CaucusError as error:
                    if "missing" in expected:
                        self.assertEqual([d["code"] for d in error.diagnostics], ["no-such-document"])
                        continue
                    actual = {"error": error.diagnostics}
                if "ok" in expected:
                    self.assertIn("ok", actual, f"native succeeded, the component failed: {actual}")
                    want, got = expected["ok"], actual["ok"]
                    self.assertEqual([d["kind"] for d in got["documents"]], [d["kind"] for d in want["documents"]])
                    for g, w in zip(got["documents"], want["documents"]):
                        self.assertEqual(g["title"], w["title"])
                        # Compared as strings, so that a difference shows as a text diff.
                        self.assertEqual(g["content"], w["content"], f"{g['kind']} in {query['format']}")
                    self.assertEqual(got["diagnostics"], want["diagnostics"])
                else:
                    self.assertEqual(actual, expected)

    def test_every_format_is_asked_for(self):
        self.assertEqual({q["format"] for q in asked}, set(FORMATS))


class Hostile(unittest.TestCase):
    """Each bad input gives diagnostics, never a trap; the instance works afterwards."""

    def setUp(self):
        self.reference = default_agreement()

    def tearDown(self):
        self.assertEqual(default_agreement(), self.reference, "the instance changed after bad input")

    def codes(self, options, pack=None, document=None, format="markdown") -> list[str]:
        with self.assertRaises(CaucusError) as raised:
            caucus.generate(options, pack, document, format)
        diagnostics = raised.exception.diagnostics
        self.assertTrue(diagnostics)
        for d in diagnostics:
            self.assertRegex(d["code"], r"^[a-z0-9]+(-[a-z0-9]+)*$")
            self.assertIn(d["severity"], ("error", "warning", "note"))
            self.assertTrue(d["message"], d)
            self.assertIsInstance(d["hint"], str)
        self.assertTrue(any(d["severity"] == "error" for d in diagnostics))
        self.diagnostics = diagnostics
        return [d["code"] for d in diagnostics]

    def test_invalid_json(self):
        for text in ("{", "", "{'single': 'quotes'}", "[" * 100_000, "{} trailing"):
            with self.subTest(text[:20]):
                self.assertEqual(self.codes(text), ["options-syntax"])

    def test_options_of_the_wrong_type(self):
        self.assertEqual(self.codes("[]"), ["options-not-object"])
        self.assertEqual(self.codes('"text"'), ["options-not-object"])
        self.codes('{"parties": 5, "recording": {"policy": "sometimes"}, "nonsense": true}')
        paths = {d["path"] for d in self.diagnostics}
        self.assertTrue({"parties", "recording.policy", "nonsense"} <= paths, paths)

    def test_a_broken_pack(self):
        broken = dict(pack_files())
        broken["pack.toml"] = broken["pack.toml"] + "\n[unclosed\n"
        self.codes("{}", list(broken.items()))
        self.assertTrue(any(d.get("location", {}).get("file") == "pack.toml" for d in self.diagnostics))

        clause = next(p for p in broken if p.endswith(".md"))
        broken = dict(pack_files())
        broken[clause] = broken[clause] + "\n{{no.such.option}}\n"
        self.codes("{}", list(broken.items()))
        self.assertTrue(any(d.get("location", {}).get("file") == clause for d in self.diagnostics))

        self.codes("{}", [])
        self.codes("{}", [("pack.toml", "\x00" * 10)])

    def test_a_pack_nested_deeper_than_any_parser_can_go(self):
        # Recursive parsers would overflow the stack, which traps in WebAssembly.
        for path, text in [
            ("pack.toml", "a = " + "[" * 100_000),
            ("agreement/deep.md", "+++\nid = 'deep'\n+++\n" + "{{#if x}}" * 10_000),
            ("agreement/quotes.md", "+++\nid = 'quotes'\n+++\n" + "> " * 100_000),
        ]:
            with self.subTest(path):
                files = dict(pack_files())
                files[path] = text
                self.codes("{}", list(files.items()))
                self.assertTrue(any(d.get("location", {}).get("file") == path for d in self.diagnostics), self.diagnostics)

    def test_ten_megabytes(self):
        huge = "x" * TEN_MB
        self.assertEqual(self.codes(huge), ["options-too-large"])
        self.assertEqual(self.codes(json.dumps({"case": {"reference": huge}})), ["options-too-large"])
        self.assertEqual(self.codes("{}", [("pack.toml", huge)]), ["pack-too-large"])
        self.assertEqual(self.codes("{}", document=huge), ["document-kind-invalid"])
        # A text longer than any agreement needs is refused with its option named ...
        too_long = json.dumps({"parties": [{"name": "N" * 100_000}, {"name": "B"}]})
        self.assertEqual(self.codes(too_long), ["text-too-long"])
        self.assertEqual(self.diagnostics[0]["path"], "parties.0.name")
        # ... and a long value that fits is a value like any other.
        name = "N" * 10_000
        options = json.dumps({"parties": [{"name": name}, {"name": "B"}]})
        documents = caucus.generate(options, document="agreement")["documents"]
        self.assertIn(name, documents[0]["content"])

    def test_a_document_the_options_do_not_produce(self):
        self.assertEqual(self.codes("{}", document="consent"), ["no-such-document"])
        self.assertIn("consent.express_risk_consent", self.diagnostics[0]["hint"])
        self.assertEqual(self.codes("{}", document="contract"), ["no-such-document"])
        self.assertIn("agreement", self.diagnostics[0]["hint"])
        self.assertEqual(self.codes("{}", document=""), ["document-kind-invalid"])

    def test_every_call_after_all_of_it_works(self):
        for bad in ("{", "x" * TEN_MB, "[]"):
            with self.assertRaises(CaucusError):
                caucus.generate(bad)
        self.assertTrue(caucus.text("schema"))
        self.assertTrue(caucus.text("defaults"))
        self.assertTrue(caucus.clauses().documents)
        self.assertTrue(caucus.version())


class Example(unittest.TestCase):
    """The main README's Python example, and the script it points to
    (web/component/examples/generate.py), run as a user would."""

    script = ROOT / "web/component/examples/generate.py"

    def run_example(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, str(self.script), str(COMPONENT), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
        )

    def test_prints_the_default_agreement(self):
        done = self.run_example()
        self.assertEqual(done.returncode, 0, done.stderr)
        query = next(i for i, q in enumerate(asked) if q["name"] == "default.json agreement markdown")
        self.assertEqual(done.stdout, answers[query]["ok"]["documents"][0]["content"])
        self.assertIn("warning[no-attendees-listed]", done.stderr)

    def test_the_readme_example_runs(self):
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        section = readme.split("## Use from Python (or any component host)", 1)[1]
        code = section.split("```python\n", 1)[1].split("```", 1)[0]
        # The README names the default place; the tests may have been pointed elsewhere.
        code = code.replace('"target/component/caucus.wasm"', repr(str(COMPONENT)))
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
        self.assertEqual(done.returncode, 0, done.stderr)
        options = '{"recording": {"policy": "consent-of-all"}}'
        self.assertIn(options, code)
        expected = caucus.generate(options, document="agreement")["documents"][0]["content"]
        self.assertEqual(done.stdout, expected + "\n")

    def test_reports_invalid_options_and_exits_1(self):
        done = self.run_example(str(ROOT / "web/wasm/tests/cases/shares-wrong.json"))
        self.assertEqual(done.returncode, 1)
        self.assertEqual(done.stdout, "")
        self.assertRegex(done.stderr, re.compile(r"^error\[cost-shares-total\] costs\.shares: ", re.M))
        self.assertIn("hint: ", done.stderr)


if __name__ == "__main__":
    unittest.main()
