//! Irregular English verb forms, which no suffix-stripping stemmer can
//! join to their base ("brought" → "bring", "held" → "hold").

/// The base form of an irregular verb form, if `word` is one.
pub fn base_form(word: &str) -> Option<&'static str> {
    IRREGULAR
        .binary_search_by(|(form, _)| form.cmp(&word))
        .ok()
        .map(|i| IRREGULAR[i].1)
}

/// (form, base), sorted by form. Past tenses and participles whose base the
/// stemmer cannot reach; forms equal to their base are left out.
#[rustfmt::skip]
const IRREGULAR: &[(&str, &str)] = &[
    ("arisen", "arise"), ("arose", "arise"), ("ate", "eat"), ("awoke", "awake"), ("beaten", "beat"),
    ("became", "become"), ("began", "begin"), ("begun", "begin"), ("bent", "bend"),
    ("bitten", "bite"), ("blew", "blow"), ("blown", "blow"), ("bore", "bear"), ("born", "bear"),
    ("bought", "buy"), ("broke", "break"), ("broken", "break"), ("brought", "bring"),
    ("built", "build"), ("came", "come"), ("caught", "catch"), ("chose", "choose"),
    ("chosen", "choose"), ("dealt", "deal"), ("drew", "draw"), ("driven", "drive"),
    ("drove", "drive"), ("dug", "dig"), ("eaten", "eat"), ("fallen", "fall"), ("fed", "feed"),
    ("fell", "fall"), ("felt", "feel"), ("fled", "flee"), ("flew", "fly"), ("flown", "fly"),
    ("forbade", "forbid"), ("forgave", "forgive"), ("forgiven", "forgive"), ("forgot", "forget"),
    ("forgotten", "forget"), ("fought", "fight"), ("froze", "freeze"), ("frozen", "freeze"),
    ("gave", "give"), ("given", "give"), ("gone", "go"), ("grew", "grow"), ("grown", "grow"),
    ("heard", "hear"), ("held", "hold"), ("hid", "hide"), ("hidden", "hide"), ("hung", "hang"),
    ("kept", "keep"), ("knew", "know"), ("known", "know"), ("laid", "lay"), ("led", "lead"), ("left", "leave"),
    ("lent", "lend"), ("lost", "lose"), ("made", "make"), ("meant", "mean"), ("met", "meet"),
    ("overcame", "overcome"), ("overtook", "overtake"), ("paid", "pay"), ("ran", "run"),
    ("rang", "ring"), ("risen", "rise"), ("rode", "ride"), ("rose", "rise"), ("said", "say"),
    ("sang", "sing"), ("sank", "sink"), ("sat", "sit"), ("seen", "see"), ("sent", "send"),
    ("shaken", "shake"), ("shook", "shake"), ("shot", "shoot"), ("slept", "sleep"),
    ("sold", "sell"), ("sought", "seek"), ("spent", "spend"), ("spoke", "speak"),
    ("spoken", "speak"), ("stole", "steal"), ("stolen", "steal"), ("stood", "stand"),
    ("struck", "strike"), ("stuck", "stick"), ("sung", "sing"), ("sunk", "sink"), ("swam", "swim"),
    ("swore", "swear"), ("sworn", "swear"), ("taken", "take"), ("taught", "teach"),
    ("thought", "think"), ("threw", "throw"), ("thrown", "throw"), ("told", "tell"),
    ("took", "take"), ("tore", "tear"), ("torn", "tear"), ("undergone", "undergo"),
    ("understood", "understand"), ("underwent", "undergo"), ("went", "go"),
    ("withdrawn", "withdraw"), ("withdrew", "withdraw"), ("woke", "wake"), ("woken", "wake"),
    ("won", "win"), ("wore", "wear"), ("worn", "wear"), ("written", "write"), ("wrote", "write"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_for_binary_search() {
        assert!(IRREGULAR.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn finds_base_forms() {
        assert_eq!(base_form("brought"), Some("bring"));
        assert_eq!(base_form("held"), Some("hold"));
        assert_eq!(base_form("released"), None);
    }
}
