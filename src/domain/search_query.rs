//! Turning what a practitioner types into the search box into a safe FTS5
//! query. Bare words are quoted (so punctuation is never syntax), `"phrases"`
//! and `prefix*` are honoured, `AND`/`OR`/`NOT` in capitals are operators;
//! anything else that would be a syntax error becomes a plain message.

use super::validate::ValidationError;

const FIELD: &str = "search";

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Term { text: String, prefix: bool },
    Op(&'static str),
}

/// Builds the FTS5 match expression for `input`.
pub fn to_fts(input: &str) -> Result<String, ValidationError> {
    let tokens = tokenize(input)?;
    check_operators(&tokens)?;
    let parts: Vec<String> = tokens
        .iter()
        .map(|t| match t {
            Token::Op(op) => (*op).to_string(),
            Token::Term { text, prefix } => {
                let star = if *prefix { "*" } else { "" };
                format!("\"{}\"{star}", text.replace('"', "\"\""))
            }
        })
        .collect();
    Ok(parts.join(" "))
}

/// The plain words of a query (for highlighting elsewhere), lower-cased.
#[must_use]
pub fn words(input: &str) -> Vec<String> {
    tokenize(input)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|t| match t {
            Token::Term { text, .. } => Some(text.to_lowercase()),
            Token::Op(_) => None,
        })
        .collect()
}

fn searchable(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}

fn tokenize(input: &str) -> Result<Vec<Token>, ValidationError> {
    let mut tokens = Vec::new();
    let mut chars = input.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '"' {
            chars.next();
            let mut phrase = String::new();
            let mut closed = false;
            for c in chars.by_ref() {
                if c == '"' {
                    closed = true;
                    break;
                }
                phrase.push(c);
            }
            if !closed {
                return Err(ValidationError::new(
                    FIELD,
                    "a quotation mark is not closed; put a \" at the end of the phrase",
                ));
            }
            let prefix = chars.peek() == Some(&'*');
            if prefix {
                chars.next();
            }
            if searchable(&phrase) {
                tokens.push(Token::Term {
                    text: phrase.trim().to_string(),
                    prefix,
                });
            }
        } else {
            let mut word = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() || c == '"' {
                    break;
                }
                word.push(c);
                chars.next();
            }
            match word.as_str() {
                "AND" => tokens.push(Token::Op("AND")),
                "OR" => tokens.push(Token::Op("OR")),
                "NOT" => tokens.push(Token::Op("NOT")),
                _ => {
                    let prefix = word.ends_with('*');
                    let text: String = word.chars().filter(|c| *c != '*').collect();
                    if searchable(&text) {
                        tokens.push(Token::Term { text, prefix });
                    }
                }
            }
        }
    }
    Ok(tokens)
}

fn check_operators(tokens: &[Token]) -> Result<(), ValidationError> {
    if !tokens.iter().any(|t| matches!(t, Token::Term { .. })) {
        return Err(ValidationError::new(
            FIELD,
            "type one or more words to search for",
        ));
    }
    let mut previous_is_term = false;
    for (i, t) in tokens.iter().enumerate() {
        match t {
            Token::Term { .. } => previous_is_term = true,
            Token::Op(op) => {
                let next_is_term = matches!(tokens.get(i + 1), Some(Token::Term { .. }));
                if !previous_is_term || !next_is_term {
                    return Err(ValidationError::new(
                        FIELD,
                        format!(
                            "{op} needs a word on each side (for example: landlord {op} rent); \
                             to search for the word itself, write it in lower case"
                        ),
                    ));
                }
                previous_is_term = false;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_words_are_quoted_and_prefixes_kept() {
        assert_eq!(to_fts("landl* rent").unwrap(), "\"landl\"* \"rent\"");
        assert_eq!(to_fts("O'Brien (x)").unwrap(), "\"O'Brien\" \"(x)\"");
        assert_eq!(to_fts("a\"b\"").unwrap(), "\"a\" \"b\"");
    }

    #[test]
    fn phrases_and_operators_survive() {
        assert_eq!(
            to_fts("\"the landlord\" OR rent NOT arrears").unwrap(),
            "\"the landlord\" OR \"rent\" NOT \"arrears\""
        );
        assert_eq!(to_fts("\"land\"*").unwrap(), "\"land\"*");
        assert_eq!(to_fts("rent and or").unwrap(), "\"rent\" \"and\" \"or\"");
    }

    #[test]
    fn malformed_queries_are_refused_with_words() {
        for q in [
            "AND",
            "rent AND",
            "OR rent",
            "rent AND OR arrears",
            "",
            "  ",
            "* - ;",
        ] {
            let e = to_fts(q).unwrap_err();
            assert_eq!(e.field, "search", "{q}");
        }
        assert!(
            to_fts("\"unclosed")
                .unwrap_err()
                .problem
                .contains("not closed")
        );
    }
}
