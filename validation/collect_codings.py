"""Gather the coders' answer files (/work/coding/<coder>/<half>_coding.csv, written by the agents
from the packets of coding_packets.py) into validation/ungdc_reference_{A,B}_<half>.csv, checking that
every coder answered every unit of the half once with 0 or 1.

Run from the project root:  .venv/bin/python validation/collect_codings.py development|test
The test half's coders are other agent instances than the development half's: A4-A6 and B4-B6."""
import sys, pandas as pd
half = sys.argv[1]
ids = {"development": {"A": ["A1","A2","A3"], "B": ["B1","B2","B3"]}, "test": {"A": ["A4","A5","A6"], "B": ["B4","B5","B6"]}}[half]
folders = {"development": {"A1":"A1","A2":"A2","A3":"A3","B1":"B1","B2":"B2","B3":"B3"}, "test": {c: c for c in ["A4","A5","A6","B4","B5","B6"]}}[half]
sample = pd.read_csv("validation/ungdc_sample.csv")
units = sample[sample.half == half][["unit", "doc_id", "paragraph"]]
for ref, coders in ids.items():
    parts = []
    for c in coders:
        t = pd.read_csv(f"/work/coding/{folders[c]}/{half}_coding.csv", dtype={"unit": str})
        assert t.unit.is_unique and set(t.unit) == set(units.unit), (c, len(t))
        vals = t.drop(columns="unit")
        assert vals.isin([0, 1]).all().all(), c
        parts.append(units.merge(t, on="unit").assign(coder=c))
    out = pd.concat(parts, ignore_index=True)
    cols = ["unit", "doc_id", "paragraph", "coder"] + [c for c in t.columns if c != "unit"]
    out[cols].sort_values(["unit", "coder"]).to_csv(f"validation/ungdc_reference_{ref}_{half}.csv", index=False)
    print(ref, out.shape)
