//! One sentence's own hits (quoted words left out) and the questions every reading asks of
//! them: is a role there, which verb said it, what governs a position.

use crate::lexicon::Cue::{self, *};
use crate::scan::Hit;

/// The sentence's own (unquoted) hits.
pub(crate) struct Own<'a> {
    pub(super) hits: Vec<&'a Hit>,
    pub(super) text: &'a str,
    /// The sentence's range in `text`.
    pub(super) span: (usize, usize),
}

impl<'t> Own<'t> {
    pub(super) fn has(&self, c: Cue) -> bool {
        self.hits.iter().any(|h| h.cue == c)
    }

    pub(super) fn at(&self, c: Cue) -> impl Iterator<Item = &&Hit> + '_ {
        self.hits.iter().filter(move |h| h.cue == c)
    }

    /// Whether a hit of a role `cue` accepts says what `said` looks for in its words ("extended",
    /// "accepte", "cover the cost"): which verb made a grant decides what it grants.
    #[inline]
    pub(super) fn said(
        &self,
        cue: impl Fn(Cue) -> bool,
        said: impl Fn(&Hit, &str) -> bool,
    ) -> bool {
        self.hits
            .iter()
            .any(|h| cue(h.cue) && self.text.get(h.start..h.end).is_some_and(|t| said(h, t)))
    }

    /// Each `b` with the nearest `a` before it within `window` bytes, as (a's start, b's end):
    /// "I'm sorry, I'm not able to waive" pairs the verb with the subject that governs it.
    pub(super) fn nearest_before(
        &self,
        a: Cue,
        b: Cue,
        window: usize,
    ) -> impl Iterator<Item = (usize, usize)> {
        self.at(b).filter_map(move |y| {
            self.at(a)
                .filter(|x| x.start < y.start && y.start <= x.end + window)
                .last()
                .map(|x| (x.start, y.end))
        })
    }

    /// `a` followed by `b` within `window` bytes.
    pub(super) fn then(&self, a: Cue, b: Cue, window: usize) -> Option<(usize, usize)> {
        self.at(a).find_map(|x| {
            self.at(b)
                .find(|y| y.start > x.start && y.start <= x.end + window)
                .map(|y| (x.start, y.end))
        })
    }

    /// Whether the sentence names what would be committed to: a kind's word, a percentage or
    /// (when `money`) an amount.
    pub(super) fn says_what(&self, sentence: &str, money: impl Fn() -> bool) -> bool {
        super::KINDED.iter().any(|k| self.has(*k)) || sentence.contains('%') || money()
    }

    /// Whether a refusal or hedge governs position `pos`: it comes before it in the same
    /// clause (no "but" between them).
    pub(super) fn undone_at(&self, pos: usize, by: &[Cue]) -> bool {
        let conceding = |h: &Hit| self.conceding(h);
        self.hits.iter().any(|h| {
            by.contains(&h.cue)
                && h.start < pos
                && pos - h.start <= 90
                && !conceding(h)
                && !self
                    .text
                    .get(h.end..pos)
                    .is_some_and(|between| turns(between) || between.contains(';'))
                && !self.offers_now(h)
                && !self.answers_a_failure(h)
        }) || self.hits.iter().any(|h| {
            // Right after it, a condition undoes it ("on us if it's faulty"); a consequence
            // does not ("on us, so your order arrives tomorrow").
            by.contains(&h.cue)
                && !conceding(h)
                && h.start >= pos
                && h.start <= pos + 12
                && !self
                    .text
                    .get(h.start..h.end)
                    .is_some_and(|t| t.starts_with("so "))
        })
    }

    /// Whether a hedge names the shop's own failure to serve ("if we close for repairs, we'll
    /// extend your pass", "si cerramos por obras", "wenn wir schließen müssen"), or the thing
    /// failing with a free remedy after it ("si se agrieta te la cambiamos gratis"): the grant
    /// after it is the remedy promised for it, not a rule the customer must meet.
    pub(super) fn answers_a_failure(&self, h: &Hit) -> bool {
        let Some((_, ws)) = self.if_clause(h) else {
            return false;
        };
        // We, or a Spanish verb of ours ("si cerramos").
        let ours = ws.first().is_some_and(|w| {
            matches!(*w, "we" | "we're" | "we've" | "nous" | "wir") || w.ends_with("amos")
        });
        let closing = ws.iter().take(6).any(|w| {
            [
                "clos", "shut", "cancel", "cerr", "ferm", "annul", "schlie", "absag",
            ]
            .iter()
            .any(|v| w.starts_with(v))
                || *w == "geschlossen"
        });
        ours && closing || self.failing_remedied_free(h, &ws)
    }

    /// Whether an "if" names the thing failing and its sentence a free remedy: "if it breaks
    /// within a year, we'll replace it free", "si se agrieta te la cambiamos gratis".
    pub(super) fn remedied_free(&self, h: &Hit) -> bool {
        self.if_clause(h)
            .is_some_and(|(_, ws)| self.failing_remedied_free(h, &ws))
    }

    /// Whether the first words `ws` of the clause an "if" at `h` opens name a failure, or a
    /// fault come back, and its sentence a free remedy that is the shop's to give: "if we sent
    /// the wrong size, you can return it free of charge" tells the customer what they may do.
    fn failing_remedied_free(&self, h: &Hit, ws: &[&str]) -> bool {
        // The thing may be described before its verb: "if the dance shoes you bought from us
        // split".
        super::described::fault_named(ws.get(..9).unwrap_or(ws))
            && (super::described::costs_nothing(crate::person::sentence_around(self.text, h.end))
                // ... or free by a phrase: "te lo cambiamos sin coste".
                || self.has(Gift))
            && !self.yours_to_do_after(h)
    }

    /// Whether the clause after the one the hedge at `h` opens says what the customer may or
    /// must do: "…, you can return it", "…, vous pouvez le renvoyer", "…, puede devolverlo".
    fn yours_to_do_after(&self, h: &Hit) -> bool {
        let rest = self.text.get(h.end..self.span.1).unwrap_or_default();
        let Some(comma) = rest.find(',') else {
            return false;
        };
        let mut ws = crate::person::words(rest.get(comma + 1..).unwrap_or_default())
            .filter(|w| !w.is_empty());
        matches!(
            (ws.next(), ws.next()),
            (
                Some("you"),
                Some("can" | "may" | "must" | "should" | "need" | "have")
            ) | (Some("vous"), Some("pouvez" | "devez"))
                | (Some("usted"), Some("puede" | "debe"))
                | (Some("puede" | "puedes" | "debe" | "debes"), _)
                | (
                    Some("sie" | "du"),
                    Some("konnen" | "mussen" | "kannst" | "musst")
                )
                | (Some("konnen" | "mussen"), Some("sie"))
        )
    }

    /// The "if" at `h` and the words of the clause it opens, or none if `h` is another hedge.
    fn if_clause(&self, h: &Hit) -> Option<(&'t str, Vec<&'t str>)> {
        let word = self.text.get(h.start..h.end).map(str::trim)?;
        if !opens_if(self.text, h) {
            return None;
        }
        let clause = self.text.get(h.end..).unwrap_or_default();
        let clause = clause
            .split([',', '.', ';', '?', '!'])
            .next()
            .unwrap_or_default();
        Some((
            word,
            crate::person::words(clause)
                .filter(|w| !w.is_empty())
                .collect(),
        ))
    }

    /// Whether a hedge opens an offer the customer takes up now ("if you renew now, we'll …",
    /// "si renueva hoy, le aplicamos …", "wenn Sie heute verlängern"), or by buying from the
    /// speaker, who grants in the first person ("wenn Sie die Zehnerkarte nehmen, gebe ich
    /// Ihnen 10 % Nachlass"): the grant after it is made to them, not a rule for whoever meets
    /// a condition ("la franchise est réduite si vous prenez l'assurance").
    pub(super) fn offers_now(&self, h: &Hit) -> bool {
        let Some((word, ws)) = self.if_clause(h) else {
            return false;
        };
        // The customer is who acts: "if you", "si vous", "wenn Sie"; Spanish leaves the
        // subject in the verb ("si renueva"), where a thing would come with its article.
        let by_customer = match ws.first().copied() {
            Some("you" | "vous" | "tu" | "sie" | "du" | "usted" | "ustedes") => true,
            Some(first) => {
                word == "si"
                    && !matches!(
                        first,
                        "el" | "la"
                            | "los"
                            | "las"
                            | "un"
                            | "una"
                            | "su"
                            | "sus"
                            | "mi"
                            | "tu"
                            | "este"
                            | "esta"
                            | "le"
                            | "les"
                            | "il"
                            | "elle"
                            | "on"
                            | "nous"
                            | "je"
                            | "lo"
                            | "no"
                            | "ne"
                    )
            }
            None => false,
        };
        let rest = ws.get(1..).unwrap_or_default();
        by_customer
            && (rest.iter().any(|w| {
                matches!(
                    *w,
                    "now"
                        | "today"
                        | "tonight"
                        | "ahora"
                        | "hoy"
                        | "maintenant"
                        | "aujourd'hui"
                        | "heute"
                        | "jetzt"
                )
            }) || ws.iter().any(|w| buys(w)) && self.speaker_grants_after(h.end))
    }

    /// Whether the speaker grants in the first person singular after `pos`, in its sentence:
    /// "… I'll give you 10 % off", "… gebe ich Ihnen 10 % Nachlass", "… je vous fais".
    fn speaker_grants_after(&self, pos: usize) -> bool {
        self.hits.iter().any(|g| {
            g.start > pos
                && g.start < self.span.1
                && (g.cue == Performative
                    || g.cue == WillSubject
                        && self
                            .text
                            .get(g.start..g.end)
                            .is_some_and(|t| t.starts_with("i'll") || t.starts_with("i will")))
        })
    }

    /// Whether a hedge is part of a concession: the "if" of "even if", the "wenn" of "auch
    /// wenn", the "once" of "just this once".
    pub(super) fn conceding(&self, h: &Hit) -> bool {
        self.hits.iter().any(|e| {
            e.cue == Exception
                // Inside the exception's words, or starting there ("si " of "même si ").
                && (e.start <= h.start && h.start < e.end
                    // In the clause a concessive word opens ("although e-books can't be
                    // returned, I've refunded this one"): what it refuses is conceded.
                    || h.start >= e.end
                        && concessive(self.text.get(e.start..e.end).unwrap_or_default())
                        && self
                            .text
                            .get(e.end..h.start)
                            .is_some_and(|between| !between.contains([',', ';', '.'])))
        })
    }
}

/// Whether an exception's words open a concessive clause: "although", "aunque", "bien que",
/// "obwohl".
fn concessive(word: &str) -> bool {
    matches!(
        word,
        "although"
            | "though"
            | "even though"
            | "aunque"
            | "a pesar de que"
            | "bien que"
            | "meme si"
            | "quoique"
            | "obwohl"
            | "auch wenn"
            | "obgleich"
    )
}

/// Whether `text` turns to another clause by a "but" in one of the four languages.
pub(super) fn turns(text: &str) -> bool {
    TURNS.iter().any(|b| text.contains(b))
}

/// Whether the hedge at `h` of `text` is an "if" ("if", "si", "wenn", "falls"), not another
/// hedge ("when", "unless").
pub(super) fn opens_if(text: &str, h: &Hit) -> bool {
    matches!(
        text.get(h.start..h.end).map(str::trim),
        Some("if" | "si" | "wenn" | "falls")
    )
}

/// The words that turn from what is usual, or what was said, to this case.
pub(super) const TURNS: [&str; 5] = [" but ", ", but", " pero ", " mais ", " aber "];

/// A verb of buying or booking, as the customer's in a condition: "if you take the ten-lesson
/// card", "si coges el bono", "wenn Sie zwei Kurse buchen".
fn buys(w: &str) -> bool {
    matches!(
        w,
        "take"
            | "buy"
            | "book"
            | "order"
            | "choose"
            | "prenez"
            | "achetez"
            | "commandez"
            | "reservez"
            | "choisissez"
            | "nehmen"
            | "kaufen"
            | "buchen"
            | "bestellen"
            | "nimmst"
            | "kaufst"
            | "buchst"
            | "coges"
            | "coge"
            | "compras"
            | "compra"
            | "reservas"
            | "contratas"
            | "contrata"
            | "tomas"
            | "toma"
    )
}

/// Whether an admission is the shop's: one said in the first person ("we accept liability"),
/// or in the third with the shop, or something of ours, as its subject ("la escuela asume
/// toda la responsabilidad", "our club accepts responsibility"). Terms that put it on the
/// customer ("el cliente asume la responsabilidad del material") or on a courier admit
/// nothing for the shop.
pub(super) fn borne_by_the_shop(text: &str, admission: &Hit) -> bool {
    let phrase = text.get(admission.start..admission.end).unwrap_or_default();
    let third_person = ["asume ", "assume ", "ubernimmt ", "takes ", "accepts "]
        .iter()
        .any(|v| phrase.starts_with(v));
    if !third_person {
        return true;
    }
    let (noun, article) = crate::person::two_words_before(text, admission.start);
    crate::person::own_possessive(article) && !noun.is_empty()
        || matches!(
            article,
            "the" | "la" | "el" | "le" | "l'" | "die" | "das" | "der" | "our" | "nuestra"
                | "nuestro" | "notre" | "unsere" | "unser"
        ) && matches!(
            noun,
            "company"
                | "shop"
                | "store"
                | "school"
                | "club"
                | "centre"
                | "center"
                | "business"
                | "empresa"
                | "tienda"
                | "escuela"
                | "academia"
                | "centro"
                | "entreprise"
                | "societe"
                | "boutique"
                | "magasin"
                | "ecole"
                | "firma"
                | "unternehmen"
                | "schule"
                | "geschaft"
                | "laden"
        )
        // French elides the article onto the noun: "l'école assume".
        || matches!(noun, "l'ecole" | "l'entreprise")
}
