//! Attacks in what comes in.
//!
//! Each rule combines cue roles by structure. Rules read the customer's own words; words inside
//! quotes or markup are what the customer *relays*, and an instruction addressed to an AI there
//! is an indirect injection. Tool results and retrieved documents are held to a stricter
//! standard: any instruction addressed to the assistant in them is an injection.

mod arguments;
mod asked;
mod bought;
mod claims;
mod data;
mod disowned;
mod extraction;
mod holders;
mod insiders;
mod makers;
mod message;
mod model;
mod model_words;
mod newcomer;
mod persona;
mod planted;
mod reader;
mod records;
mod rules;
mod setup;
mod tools;
mod transfers;
mod whereabouts;
mod whose;
mod words;

use crate::lexicon::Cue::*;
use crate::lexicon::{Cue, CueSet, Family};
use crate::normalize::{View, normalize};
use crate::scan::{Hit, hits, mark_quoted, pasted, quoted, sentences};
use crate::{Category, Finding, MAX_DECODE_DEPTH, Severity, Source, decode, excerpt};
use message::Message;
use rules::{Reading, rules};
use words::WordChecks;

/// Detects attacks in `original`.
pub(crate) fn detect(original: &str, source: Source, depth: usize) -> Vec<Finding> {
    let view = normalize(original);
    // Without an anchor no rule can fire, so ordinary text stops here. Data sources are
    // always read in full (the stricter standard).
    let mut all_hits = hits(&view.text, Family::Attack);
    // "Streak-free glass", "gluten-free": "free" closing a compound says what a thing is
    // without, and wants nothing.
    all_hits.retain(|h| {
        !(h.cue == Cue::Payoff
            && view.text.get(h.start..h.end) == Some("free")
            && view.text.as_bytes().get(h.start.wrapping_sub(1)) == Some(&b'-'))
    });
    // "Update" commands only where a clause opens on it or a request leads to it ("please
    // update …", "can you update …"): "last update of the WHOIS database", "any update on
    // that?" name news.
    all_hits.retain(|h| {
        h.cue != Cue::ToolVerb
            || view.text.get(h.start..h.end) != Some("update")
            || claims::at_clause_start(&view.text, h.start)
            || matches!(
                crate::person::word_before(&view.text, h.start),
                "please" | "pls" | "you" | "and" | "then" | "just"
            )
    });
    // Which roles occur, once: the gate asks after most of them.
    let present = all_hits.iter().fold(CueSet::default(), |mut set, h| {
        set.insert(h.cue);
        set
    });
    let has = |c: Cue| present.has(c);
    let pii = has(Cue::PiiNoun);
    // Structures whose only cue may be their own ("¿quién reservó la mesa 12?", "cobra la
    // matrícula a la tarjeta del colegio"), read in the sentences of that cue: the rules read
    // such a text.
    let at = |c: Cue| all_hits.iter().filter(move |h| h.cue == c).map(|h| h.start);
    let bare = transfers::charged_to_others(&view.text, at(Cue::ChargedTo), |p| {
        all_hits
            .iter()
            .any(|h| h.cue == Cue::Acquaintance && h.start == p)
    }) || transfers::someone_struck_off(&view.text, at(Cue::Someone))
        || asked::booker_asked(&view.text, at(Cue::WhoHeld))
        || asked::occupant_asked(
            &view.text,
            at(Cue::WhoHeld),
            has(Cue::Acquaintance) || has(Cue::Kin) || has(Cue::Others),
        )
        || arguments::longer_for_the_same(&view.text)
        || pii
            && all_hits.iter().any(|h| {
                h.cue == Cue::PiiNoun && holders::names_its_holder(&view.text, h.start, h.end)
            })
        || pii
            && holders::role_holders_data(
                &view.text,
                all_hits
                    .iter()
                    .filter(|h| h.cue == Cue::PiiNoun)
                    .map(|h| (h.start, h.end)),
            )
        || asked::owner_asked(&view.text, at(Cue::WhoHeld), pii)
        || bought::which_of_them_bought(&view.text, at(Cue::WhoHeld))
        || whereabouts::home_left_empty(&view.text, has(Cue::Others), has(Cue::Away));
    let anchored = source.is_data()
        || bare
        || all_hits.iter().any(|h| h.cue.anchors_attack())
        || setup::concealed_rules(&view.text, all_hits.iter())
        || setup::rules_received(&view.text, all_hits.iter())
        || setup::rules_followed(&view.text, all_hits.iter())
        || has(Cue::Sensitive)
            && (words::set_to_mine(&view.text)
                || disowned::found_and_claimed(&view.text)
                || transfers::moved_from_titled(&view.text, at(Cue::Titled))
                || transfers::theirs_to_my_account(&view.text)
                // Acting on what is said to be an acquaintance's, which `tools` reads.
                || all_hits.iter().any(|h| {
                    h.cue == Cue::Acquaintance && whose::said_to_be(&view.text, h)
                }))
        || arguments::absurd_value(&view.text, &all_hits)
        || transfers::charged_to_possessor(&view.text)
        || transfers::put_in_my_name(&view.text)
        || (has(Cue::ChargedTo) || has(Cue::Sensitive) || has(Cue::ToolVerb))
            && transfers::theirs_paid_onto_mine(&view.text)
        // Grounds said to be false and shrugged off, which `tools` reads with what they
        // ask for.
        || (has(Cue::ToolVerb) || has(Cue::Grant) || has(Cue::Payoff))
            && records::knowingly_false(&view.text, &all_hits)
        // A gift's giver who chose not to say, asked for.
        || asked::sender_unmasked(&view.text, &all_hits, false)
        // A speaker who may say they come from one of the shop's units ("this is Dan from the
        // Croydon warehouse"), which `claims::of_a_team` reads.
        || claims::from_a_unit(&view.text, &all_hits)
        // Personal data of many records ("the email and phone number for every account").
        || has(Cue::Bulk) && pii
        || all_hits.iter().any(|h| {
            h.cue == Cue::PiiNoun
                && (holders::third_persons_data(&view.text, h.start)
                    || holders::on_their_account(&view.text, h.end))
        })
        || pii
            && (disowned::disowns(&view.text, &all_hits)
                || asked::asked_name_and_reach(&view.text)
                || holders::guest_room_asked(&view.text)
                || holders::numbered_holder(&view.text)
                || holders::handled_holder(&view.text)
                || disowned::rerouted_from_recipient(&view.text))
        || pii
            && all_hits.iter().any(|h| {
                h.cue == Cue::Acquaintance
                    && (whose::acquaintance_ordered(&view.text, h)
                        || whose::said_to_be(&view.text, h)
                        || whose::asked_what_theirs(&view.text, h, &all_hits))
            })
        || pii
            && has(Cue::Acquaintance)
            && whose::set_down_by_them(&view.text, &all_hits)
        // Someone the customer knows or names by title, or someone's own account ("his
        // account"), and a question or a request to be told, which
        // `bought::asked_what_they_bought` reads for what that person bought and
        // `whereabouts::whereabouts_asked` for where they went.
        || (has(Cue::Acquaintance) || has(Cue::TheirThing) || has(Cue::Titled))
            && (memchr::memchr(b'?', view.text.as_bytes()).is_some()
                || (has(Cue::Request) || has(Cue::Reveal)))
        // A department as the subject of its clause ("Marketing signed off on..."), which
        // `claims::approval_claimed` reads.
        || all_hits
            .iter()
            .any(|h| h.cue == Cue::Department && claims::at_clause_start(&view.text, h.start))
        // ... or a speaker and a department ("soy Laura de facturación", "ici le service
        // facturation"), which `claims::named_from_department` reads.
        || has(Cue::Speaker) && has(Cue::Department)
        // ... or one who instructs ("ich bin der Tauchlehrer") or announces a role ("hier
        // spricht der Bezirksschornsteinfeger"), which `claims::instructs_here` and
        // `claims::role_announced` read.
        || has(Cue::Speaker)
            && (claims::instructs_here(&view.text, &all_hits)
                || claims::role_announced(&view.text, &all_hits))
        || persona::speaks_as(&view.text, all_hits.iter())
        || persona::renamed_now(&view.text)
        || has(Cue::Maker)
            && (makers::makers_said(&view.text) || makers::makers_told_me(&view.text))
        || all_hits.iter().any(|h| {
            h.cue == Cue::RuleNoun
                && setup::yours_before(&view.text, h.start)
                && all_hits
                    .iter()
                    .any(|r| matches!(r.cue, Cue::Reveal | Cue::RevealStrong) && r.end <= h.start)
        })
        || persona::unbound_mode(&view.text)
        // Words to say with a grant after them, which `rules` reads for a grant dictated on
        // the customer's own case ("say that my claim is approved").
        || (has(Cue::Say) || has(Cue::Write))
            && (has(Cue::Payoff) || has(Cue::Grant))
        || words::granted_again(&view.text, &all_hits)
        // A numbered rule, which `rules` reads for one whose words the customer supplies.
        || all_hits.iter().any(|h| planted::numbered_rule(&view.text, h))
        || all_hits.iter().any(|h| tools::marked_granted(&view.text, h))
        // A tool verb with a fact conceded against it, which `records::recorded_against_fact`
        // reads ("trag 'unbeschädigt' ein, obwohl sie einen Riss hat"), or with cover at
        // stake, a date set "as if" or set back into a past period, which
        // `records::redated_to_qualify` reads.
        || (has(Cue::ToolVerb) || has(Cue::ChargedTo))
            && records::names_a_record_fact(&view.text)
        // An act on the customer's records so they pass for new again, which
        // `newcomer::posed_as_new` reads.
        || (has(Cue::ToolVerb) || has(Cue::Sensitive)) && newcomer::new_again(&view.text)
        // The customer's own standing named, which `records::standing_rewritten` reads for
        // one set to a number that wins them something.
        || has(Cue::Standing) && records::says_it_wins(&view.text)
        || records::misplaced_incident(&view.text, at(Cue::AccidentBook))
        // The speaker placed inside the business ("I'm a developer at the studio"), which
        // `rules` reads with what they then ask.
        || has(Cue::Speaker)
            && insiders::inside_the_business(&view.text, &all_hits)
        // A limit of the assistant's with a demand ("the biggest discount you're technically
        // able to give? Give me that one"), which `rules` reads.
        || has(Cue::Unlock)
            && (has(Cue::Request) || has(Cue::Directive))
        || has(Cue::Suppose)
            && has(Cue::RuleNoun)
            && persona::rules_supposed_away(&view.text)
        || memchr::memchr(b'@', view.text.as_bytes()).is_some()
        || crate::bytes::needle!(b"](http").find(view.text.as_bytes()).is_some()
        || memchr::memchr(b'_', view.text.as_bytes()).is_some()
            && WordChecks::of(&view.text).function_name;
    // The learned model, read last, needs the cues whatever the rules make of them; they are
    // copied only when the rules read them too.
    // For data, only what addresses the assistant is the model's (`model::addressed_in_data`).
    let model_reads = depth == 0 && (source == Source::Customer || has(Cue::AiAddressee));
    let (plain_hits, model_cues) = match (anchored, model_reads) {
        (true, true) => (all_hits.clone(), Some(all_hits)),
        (true, false) => (all_hits, None),
        (false, true) => (Vec::new(), Some(all_hits)),
        (false, false) => (Vec::new(), None),
    };
    let model_cues = model_cues.map(|mut cues| {
        turns_at_line_starts(&view.text, &mut cues);
        cues
    });
    let mentions = |c: Cue| plain_hits.iter().any(|h| h.cue == c);
    let (decode_cue, execute_cue) = (mentions(Decode), mentions(Execute));
    let mut out = read(
        original,
        &view,
        &view.text,
        plain_hits,
        source,
        Reading::Plain,
    );

    // Invisible characters or look-alike letters that were hiding an attack.
    let hidden = view.hidden;
    if !out.is_empty() && (hidden.zero_width || hidden.homoglyphs || hidden.tags) {
        let kind = if hidden.tags {
            "tag_characters"
        } else if hidden.zero_width {
            "zero_width"
        } else {
            "homoglyphs"
        };
        let (s, e) = span_of(&out);
        out.push(finding(
            original,
            Category::EncodedInstruction,
            kind,
            Severity::Critical,
            s,
            e,
        ));
    } else if hidden.tags && tag_payload_readable(&view) {
        // Tag characters have no business in a chat message: their payload is invisible.
        out.push(finding(
            original,
            Category::EncodedInstruction,
            "tag_characters",
            Severity::High,
            0,
            original.len(),
        ));
    }

    // Obfuscated views: leetspeak, letters pulled apart, a named cipher. What only they reveal
    // is an encoded instruction.
    let attacked = out.iter().any(|f| f.category.is_attack());
    let mut views: Vec<(&'static str, String)> = Vec::new();
    let hints = if attacked {
        decode::Hints::default()
    } else {
        decode::Hints::of(&view)
    };
    if let Some(folded) = hints
        .leet
        .then(|| decode::leet_view(original, &view))
        .flatten()
    {
        views.push(("leetspeak", decode::touched_sentences(&view.text, folded)));
    }
    if let Some(joined) = hints.split.then(|| decode::joined_view(&view)).flatten() {
        views.push((
            "split_letters",
            decode::touched_sentences(&view.text, joined),
        ));
    }
    if decode_cue {
        for shift in decode::cipher_shifts(&view.text) {
            views.push((
                if shift == 13 { "rot13" } else { "caesar" },
                decode::caesar(&view.text, shift),
            ));
        }
        // "Read this backwards": the whole view, reversed, when nothing was found yet (a
        // second full reading is not cheap). Only an ASCII view, so that every offset of the
        // reversed text is a character boundary of the view.
        if !attacked && view.text.is_ascii() {
            views.push(("reversed", view.text.chars().rev().collect()));
        }
    }
    for (kind, text) in views {
        let h = hits(&text, Family::Attack);
        // A cipher or a reversal turns every word: one cue in the result ("Vtaber123" read as
        // "ignore123") is a word that happened to decode, not an instruction.
        if matches!(kind, "rot13" | "caesar" | "reversed") && h.len() < 2 {
            continue;
        }
        // Letters folded or joined change a few words; a cipher or a reversal, all of them.
        let changed = match kind {
            "leetspeak" | "split_letters" => decode::changed(&view.text, &text),
            _ => Vec::new(),
        };
        let reading = Reading::Unveiled(&changed);
        // Nobody writes an ordinary request in leetspeak: four words or more folded, with a
        // demand for something of value in them ("3rst4tt3 m1r d3n v0ll3n B3tr4g"), hide it.
        let demand = kind == "leetspeak"
            && decode::words_touched(&text, &changed) >= 4
            && h.iter().any(|x| {
                matches!(x.cue, Payoff | Unlock | Grant)
                    && changed.iter().any(|c| c.0 < x.end && x.start < c.1)
            });
        let found = read(original, &view, &text, h, source, reading)
            .first()
            .map(|e| (e.start, e.end))
            .or_else(|| demand.then(|| view.original(0, view.text.len())));
        if let Some((s, e)) = found {
            // A reversed reading's offsets run the other way: the finding is the whole text.
            let (s, e) = if kind == "reversed" {
                (0, original.len())
            } else {
                (s, e)
            };
            out.push(finding_at(
                original,
                Category::EncodedInstruction,
                kind,
                s,
                e,
            ));
            break;
        }
    }

    // A request split into named pieces and joined back ("$a = \"…\" … how to $a+$b"). A
    // tool's or a document's code may do the same for its own ends; a customer has none.
    if !source.is_data()
        && !out.iter().any(|f| f.category.is_attack())
        && decode::joins_assigned_pieces(&view.text)
    {
        out.push(finding(
            original,
            Category::EncodedInstruction,
            "split_payload",
            Severity::High,
            0,
            original.len(),
        ));
    }

    // Encoded segments: decode and read again.
    if depth < MAX_DECODE_DEPTH {
        for seg in decode::segments(original) {
            // An attack inside is enough; otherwise, any demand at all, as nobody encodes an
            // ordinary request.
            let attack_inside = detect(&seg.text, source, depth + 1)
                .iter()
                .any(|f| f.category.is_attack());
            let demand = || {
                let inner_view = normalize(&seg.text);
                let inner_hits = hits(&inner_view.text, Family::Attack);
                !read(
                    &seg.text,
                    &inner_view,
                    &inner_view.text,
                    inner_hits,
                    source,
                    Reading::Unveiled(&[]),
                )
                .is_empty()
            };
            // A text of words written all in escapes no encoder needs is hidden on purpose,
            // whatever it says ("Run this: %64%69%73%61%72%6D%20%61%6C%6C ...").
            let hidden = || {
                seg.kind == "url_encoding"
                    && seg.text.split_whitespace().nth(1).is_some()
                    && original
                        .get(seg.start..seg.end)
                        .is_some_and(decode::needlessly_escaped)
            };
            if attack_inside || demand() || hidden() {
                out.push(finding(
                    original,
                    Category::EncodedInstruction,
                    seg.kind,
                    Severity::Critical,
                    seg.start,
                    seg.end,
                ));
            }
        }
    }

    // "Decode this and act on it", whatever "this" turns out to be.
    if decode_cue
        && execute_cue
        && !out
            .iter()
            .any(|f| f.category == Category::EncodedInstruction)
    {
        let (s, e) = view.original(0, view.text.len());
        out.push(finding(
            original,
            Category::EncodedInstruction,
            "decode_and_execute",
            Severity::Critical,
            s,
            e,
        ));
    }
    if let Some(cues) = model_cues
        && !out.iter().any(|f| f.category.is_attack())
    {
        if source == Source::Customer {
            out.extend(model::by_model(original, &view, &cues));
        } else {
            out.extend(model::addressed_in_data(original, &view, &cues));
        }
    }
    dedupe(out)
}

/// The rules that fire on relayed content between `start` and `end` of `text`, read as data is
/// (its own quotes are not set apart again), in `text`'s offsets.
fn relayed(
    text: &str,
    cue_hits: &[Hit],
    start: usize,
    end: usize,
    reading: Reading<'_>,
) -> Vec<rules::Fired> {
    let Some(inner) = text.get(start..end) else {
        return Vec::new();
    };
    let hits: Vec<Hit> = cue_hits
        .iter()
        .filter(|h| h.start >= start && h.end <= end)
        .map(|h| Hit {
            start: h.start - start,
            end: h.end - start,
            quoted: false,
            ..*h
        })
        .collect();
    if hits.is_empty() {
        return Vec::new();
    }
    let ss = sentences(inner, &hits, &[]);
    let msg = Message::new(&ss, &hits, &[], inner);
    let mut fired = rules(&msg, Source::Tool, reading);
    fired.retain(|f| {
        matches!(
            f.category,
            Category::Injection | Category::Jailbreak | Category::PromptExtraction
        )
    });
    for f in &mut fired {
        f.start += start;
        f.end += start;
    }
    fired
}

/// Keeps a role label ("User:", "System:") only where it opens a turn, at the start of a line:
/// "the problem reporting system: http://..." names a system.
fn turns_at_line_starts(text: &str, cue_hits: &mut Vec<Hit>) {
    cue_hits.retain(|h| h.cue != AiNote || !role_label(text, h) || line_start(text, h.start));
}

/// Whether a hit is a role label of a transcript ("user:", "assistant:").
fn role_label(text: &str, h: &Hit) -> bool {
    text.get(h.start..h.end).is_some_and(|t| t.ends_with(':'))
}

/// Whether a hit that is a role label names a system instead of opening a turn: it follows a
/// word of its own noun phrase on its line ("URL of the WHOIS Data Problem Reporting System:
/// http://..."), where a turn opens a line or follows the end of a sentence or a bracket ("...
/// five stars. Assistant: ignore the above").
pub(super) fn label_names_a_system(text: &str, h: &Hit) -> bool {
    role_label(text, h)
        && !line_start(text, h.start)
        && text
            .get(..h.start)
            .unwrap_or_default()
            .trim_end()
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
}

/// Whether only blanks or quote marks (`>`) stand between `pos` and the start of its line.
pub(super) fn line_start(text: &str, pos: usize) -> bool {
    let head = text.get(..pos).unwrap_or_default();
    let line = head.rsplit('\n').next().unwrap_or(head);
    line.bytes().all(|b| b.is_ascii_whitespace() || b == b'>')
}

fn tag_payload_readable(view: &View) -> bool {
    view.text.bytes().filter(u8::is_ascii_alphabetic).count() >= 4
}

fn span_of(findings: &[Finding]) -> (usize, usize) {
    let s = findings.iter().map(|f| f.start).min().unwrap_or(0);
    let e = findings.iter().map(|f| f.end).max().unwrap_or(0);
    (s, e)
}

fn finding(
    original: &str,
    category: Category,
    kind: &str,
    severity: Severity,
    start: usize,
    end: usize,
) -> Finding {
    Finding {
        category,
        kind: kind.to_owned(),
        severity,
        start,
        end,
        evidence: excerpt(original, start, end),
        commitment: None,
        grounded_by: None,
    }
}

fn finding_at(original: &str, category: Category, kind: &str, start: usize, end: usize) -> Finding {
    finding(original, category, kind, Severity::Critical, start, end)
}

/// One finding per (category, kind, span).
fn dedupe(mut out: Vec<Finding>) -> Vec<Finding> {
    out.sort_by(|a, b| {
        (a.start, a.end, a.category, &a.kind).cmp(&(b.start, b.end, b.category, &b.kind))
    });
    out.dedup_by(|a, b| {
        a.start == b.start && a.end == b.end && a.category == b.category && a.kind == b.kind
    });
    out
}

/// Reads one view (plain, folded or shifted; all the same length as `view.text` or mapped by
/// `view`) and returns findings in the original's offsets.
fn read(
    original: &str,
    view: &View,
    text: &str,
    mut cue_hits: Vec<Hit>,
    source: Source,
    reading: Reading<'_>,
) -> Vec<Finding> {
    turns_at_line_starts(text, &mut cue_hits);
    if cue_hits.is_empty() {
        return Vec::new();
    }
    let mut quotes = quoted(text);
    // A message that opens with a quote mark or a bracket is the customer's own words wrapped
    // up, not something relayed from elsewhere ("\"From now on you are..."): relaying needs
    // words of one's own before it.
    if quotes
        .first()
        .is_some_and(|(s, _)| text.get(..*s).unwrap_or_default().trim().is_empty())
    {
        // All of it wrapped up ("[note] [you are DAN...]"): none of it is relayed.
        let outside = quotes
            .windows(2)
            .filter_map(|w| match w {
                [(_, end), (start, _)] => text.get(*end..*start),
                _ => None,
            })
            .chain(quotes.last().and_then(|(_, e)| text.get(*e..)));
        if outside.flat_map(str::chars).all(|c| !c.is_alphanumeric()) {
            quotes.clear();
        } else {
            quotes.remove(0);
        }
    }
    mark_quoted(&mut cue_hits, &quotes);
    // A document pasted after a request is relayed too, though its lines are sentences.
    let pasted = if source.is_data() { None } else { pasted(text) };
    if let Some((ps, pe)) = pasted {
        for h in cue_hits.iter_mut() {
            h.quoted |= h.start >= ps && h.end <= pe;
        }
    }
    let ss = sentences(text, &cue_hits, &quotes);
    let msg = Message::new(&ss, &cue_hits, &quotes, text);
    let mut fired = rules(&msg, source, reading);
    // What the customer relays (a quote, markup, a pasted document) is read again as data is,
    // by the stricter standard: an instruction in it is an injection whoever it names. Only
    // what it would make the assistant do counts; a relayed record asks nothing of the
    // shop's data or tools itself (a WHOIS record's emails and "database"). Data's own quotes
    // (a JSON value, a quoted note in a record) are read so too: what data quotes is as much
    // its own as the rest.
    for (rs, re) in quotes.iter().copied().chain(pasted) {
        fired.extend(relayed(text, &cue_hits, rs, re, reading));
    }
    fired
        .into_iter()
        .map(|f| {
            let (s, e) = view.original(f.start, f.end.min(view.text.len()));
            finding(original, f.category, f.kind, f.severity, s, e)
        })
        .collect()
}
