"""``--format junit``: JUnit XML, as CI servers (Jenkins, GitLab, Azure) read test reports.

One ``testsuite`` per checked file; each diagnostic is a failing ``testcase``
named after its rule, and a file with nothing to report gets one passing case,
so clean files show up in the report too (the shape ruff and ESLint use).
"""
from __future__ import annotations

import xml.etree.ElementTree as ET


def write(results, *, color: bool = False) -> str:
    root = ET.Element("testsuites", name="normlint")
    total = failures = errors = 0
    for r in results:
        suite = ET.SubElement(root, "testsuite", name=r.path)
        cases = fails = 0
        for d in r.diagnostics:
            case = ET.SubElement(suite, "testcase", name=d.rule, classname=r.path,
                                 file=r.path, line=str(d.line))
            failure = ET.SubElement(case, "failure", message=d.message, type=str(d.severity))
            failure.text = f"{r.path}:{d.line}:{d.column}: {d.rule} [{d.severity}] {d.message}"
            cases += 1
            fails += 1
        for e in r.errors:
            case = ET.SubElement(suite, "testcase", name="normlint", classname=r.path, file=r.path)
            ET.SubElement(case, "error", message=e, type="input").text = e
            cases += 1
        if not cases:
            ET.SubElement(suite, "testcase", name="normlint", classname=r.path, file=r.path)
            cases = 1
        suite.set("tests", str(cases))
        suite.set("failures", str(fails))
        suite.set("errors", str(len(r.errors)))
        total += cases
        failures += fails
        errors += len(r.errors)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(errors))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
