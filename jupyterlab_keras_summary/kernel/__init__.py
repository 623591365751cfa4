"""The kernel companion: ``model.summary()`` sends one output with exact data from the live model.

Modules, each testable alone:

- ``importwatch``: run a callback after a module is imported (keeps loading lazy);
- ``patch``: wrap and unwrap ``Model.summary`` (idempotent, with a sentinel);
- ``capture``: hold back a summary's output, replay it unchanged;
- ``summary_hook``: the wrapper (when to take over, one bundle or the originals);
- ``keras3_payload`` / ``tfkeras_payload``: rows, tensors, weights, totals;
- ``facts``: config facts, dtype policies, shapes as JSON;
- ``keras3_walk`` and ``lineage``: exact dimension sources and sizes (abstract walks);
- ``registry``: summarized models by token, for "check in the kernel";
- ``payload``: the envelope, version and size limits;
- ``extension``: what ``%load_ext`` / ``%unload_ext`` do.
"""
