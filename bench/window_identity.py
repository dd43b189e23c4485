#!/usr/bin/env python3
"""1.5B: windows drafted two at a time (helpers=[sibling]) give the same note as one after another."""
import json, sys, time
from pathlib import Path
from session_assistant.drafting import load_transcript, require_words
from session_assistant.drafting.drafter import draft_note
from session_assistant.drafting.note_model import NoteModel
lines = require_words(load_transcript(Path('bench/therapy_eval/sessions/05_cpt_trauma.txt')))[:90]
gguf = Path('models/qwen2.5-coder-1.5b-instruct.gguf')
out = {}
for mode in ('serial', 'two'):
    model = NoteModel(gguf, n_threads=1)
    helpers = [NoteModel(gguf, n_threads=1)] if mode == 'two' else []
    t = time.monotonic()
    d = draft_note(model, lines, 'soap', direct_limit=500, window_tokens=1000, helpers=helpers)
    out[mode] = (time.monotonic() - t, d.to_json())
    print(mode, round(out[mode][0]), 's', flush=True)
a, b = out['serial'][1], out['two'][1]
for x in (a, b): x.pop('elapsed_s', None)
print('identical:', a == b)
print('raw identical:', a.get('model_raw') == b.get('model_raw'))
json.dump({k: v[1] for k, v in out.items()}, open('/tmp/identity.json', 'w'))
