//! Shows an ICRC-21 consent message. Ledgers write it in a small Markdown subset (`# title`,
//! `**label:**`, `` `value` ``); it is rendered as text nodes only, so a ledger cannot inject markup.
use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq)]
enum Line {
    Title(String),
    Label(String),
    Value(String),
    Text(String),
}

fn parse(message: &str) -> Vec<Line> {
    message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            if let Some(title) = line.strip_prefix("# ") {
                Line::Title(title.to_string())
            } else if let Some(label) = line.strip_prefix("**").and_then(|l| l.strip_suffix("**")) {
                Line::Label(label.trim_end_matches(':').to_string())
            } else if let Some(value) = line.strip_prefix('`').and_then(|l| l.strip_suffix('`')) {
                Line::Value(value.to_string())
            } else {
                Line::Text(line.to_string())
            }
        })
        .collect()
}

#[component]
pub fn ConsentMessage(message: String) -> impl IntoView {
    let lines = parse(&message).into_iter().map(|line| match line {
        Line::Title(t) => view! { <p class="font-semibold text-base">{t}</p> }.into_any(),
        Line::Label(t) => view! { <p class="text-xs uppercase text-slate-500 pt-1">{t}</p> }.into_any(),
        Line::Value(t) => view! { <p class="font-mono break-all">{t}</p> }.into_any(),
        Line::Text(t) => view! { <p>{t}</p> }.into_any(),
    });
    view! { <div class="text-sm space-y-0.5" data-testid="consent-message">{lines.collect_view()}</div> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_ledger_subset() {
        let lines = parse("# Send ICP\n\nYou approve.\n\n**From:**\n`abc-def`\n");
        assert_eq!(
            lines,
            vec![
                Line::Title("Send ICP".into()),
                Line::Text("You approve.".into()),
                Line::Label("From".into()),
                Line::Value("abc-def".into()),
            ]
        );
    }

    #[test]
    fn markup_stays_text() {
        assert_eq!(parse("<img src=x onerror=alert(1)>"), vec![Line::Text("<img src=x onerror=alert(1)>".into())]);
    }
}
