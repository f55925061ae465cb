# Jupyter protocol conformance for the tsloop kernel, using jupyter_kernel_test's KernelTests.
# Run from this directory: JUPYTER_PATH=<dir holding kernels/tsloop> /usr/bin/python3 -m unittest -v test_tsloop_kernel
# (test/conformance/kernel-test-suite.test.ts installs the kernelspec into a temp prefix and does this).

import unittest

import jupyter_kernel_test
from jupyter_kernel_test import msgspec_v5

# Protocol 5.5's iopub_welcome (JEP 65), the first message a new iopub subscriber gets: the schema
# table of jupyter_kernel_test (Debian's 0.4.5, and 0.7.0 too) has no entry for it, and its
# flush_channels validates every message it drains, so a welcome still queued there (when a status
# reached the client before it) fails the test with a KeyError. Its content is the topic.
msgspec_v5.schema_fragments.setdefault("iopub_welcome", {"properties": {"subscription": {"type": "string"}}})

# A 1x1 PNG in TypeScript blue, base64 (display.png accepts base64 text or bytes).
PNG_1X1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGMwrDj2HwAEvAJvZ5tUegAAAABJRU5ErkJggg=="


class TsloopKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "tsloop"

    # kernel_info_reply.language_info
    language_name = "typescript"
    file_extension = ".ts"

    # stream output
    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("oops")'

    # complete_request: matches replace [cursor_start, cursor_end), so after a dot
    # only the member name is returned.
    completion_samples = [
        {"text": "conso", "matches": ["console"]},
        {"text": "Math.ab", "matches": ["abs"]},
        {"text": "JSON.str", "matches": ["stringify"]},
        {"text": "const s: string = 'x'; s.toUpperC"},
    ]

    # is_complete_request
    complete_code_samples = [
        "6*7",
        "const answer: number = 42;",
        "function twice(x: number): number { return x * 2 }",
        "console.log(`a ${1 + 1} b`)",
        "interface Point { x: number; y: number }",
        "await Promise.resolve(1)",
    ]
    incomplete_code_samples = [
        "function f() {",
        "const xs = [1, 2,",
        "if (ok) {\n  console.log(1)",
        "const s = `line one",
        "const n = 1 +",
        "/* a comment",
    ]
    invalid_code_samples = [
        "}",
        "[1, 2)",
        'const s = "no\nnewlines"',
    ]

    # tsloop answers help through inspect_request; execute never returns pager payloads.
    code_page_something = ""

    # error: exactly one `error` output and status "error"
    code_generate_error = 'throw new Error("boom")'

    # execute_result (text/plain is Node's util.inspect text)
    code_execute_result = [
        {"code": "6*7", "result": "42"},
        {"code": "((n: number): number => n * 2)(21)", "result": "42"},
        {"code": '"ts" + "loop"', "result": "'tsloop'"},
        {"code": "[1, 2, 3].map((x) => x * x)", "result": "[ 1, 4, 9 ]"},
        {"code": "await new Promise<number>((resolve) => setTimeout(() => resolve(42), 10))", "result": "42"},
        {
            "code": '({ [Symbol.for("Jupyter.display")]: () => ({ "text/html": "<i>rich</i>" }) })',
            "mime": "text/html",
            "result": "<i>rich</i>",
        },
    ]

    # display_data through the global display API
    code_display_data = [
        {"code": 'display.html("<b>hi</b>")', "mime": "text/html"},
        {"code": 'display.markdown("# hi")', "mime": "text/markdown"},
        {
            "code": "display.svg('<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\"/>')",
            "mime": "image/svg+xml",
        },
        {"code": f'display.png("{PNG_1X1}")', "mime": "image/png"},
        {"code": "display.json({ answer: 42 })", "mime": "application/json"},
        {"code": 'display.bundle({ "text/plain": "hi", "text/html": "<b>hi</b>" })', "mime": "text/html"},
        {"code": 'display({ a: 1, b: "two" })', "mime": "text/plain"},
    ]

    # history_request: the search pattern is a glob matched against the whole input
    # (sqlite GLOB, as IPython does) and must match exactly one code_execute_result sample.
    code_history_pattern = "6?7"
    supported_history_operations = ("tail", "range", "search")

    # inspect_request
    code_inspect_sample = "Math.max"

    # clear_output
    code_clear_output = "clearOutput()"


if __name__ == "__main__":
    unittest.main()
