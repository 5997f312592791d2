"""ooxml-check over many files in one run, where a file the checker crashes on (a broken zip CRC, say) is reported
as one error of its own instead of ending the run: ooxml_batch.py OOXML_CHECK.py OUT.json FILE..."""
import importlib.util
import json
import os
import shutil
import sys
import tempfile

checker, out_json, files = sys.argv[1], sys.argv[2], sys.argv[3:]
sys.path.insert(0, os.path.dirname(checker))
spec = importlib.util.spec_from_file_location("ooxml_check", checker)
oc = importlib.util.module_from_spec(spec)
spec.loader.exec_module(oc)

tmp = tempfile.mkdtemp(prefix="ooxml-")
results, out = [], []
try:
    for k, f in enumerate(files):
        try:
            results.append(oc.check(f, "", tmp, k))
        except Exception as e:  # noqa: BLE001 - the file, not the run, failed
            out.append({"file": f, "issues": [{"sev": "error", "cat": "tool", "part": "", "msg": "checker crashed: %s: %s" % (type(e).__name__, e)}]})
    oc.run_xmllint(results)
finally:
    shutil.rmtree(tmp, ignore_errors=True)
out += [{"file": r.path, "issues": r.issues} for r in results]
with open(out_json, "w") as fh:
    json.dump(out, fh, ensure_ascii=False)
