//! The small expression language of conditions (`when`), computed fields (`formula`) and checks
//! (`assert`, `each`): parsed here, resolved against the schema's fields in `parse.rs`, evaluated
//! in `eval.rs`.
//!
//! ```text
//! expr       := and ("or" and)*
//! and        := not ("and" not)*
//! not        := "not" not | comparison
//! comparison := sum ( ("==" | "=" | "!=" | "<" | "<=" | ">" | ">=") sum
//!                   | ["not"] "in" "[" literal ("," literal)* "]"
//!                   | "is" ["not"] "empty" )?
//! sum        := product (("+" | "-") product)*
//! product    := unary (("*" | "/") unary)*
//! unary      := "-" unary | atom
//! atom       := number | "string" | true | false | name | "(" expr ")"
//!             | sum "(" table.column ["where" expr] ")" | count "(" name ["where" expr] ")"
//!             | percent "(" expr "," expr ")"
//! ```

use super::Message;

/// The deepest nesting accepted: keeps recursion bounded on garbage input.
const MAX_DEPTH: usize = 40;

/// A parsed expression. Names are resolved after parsing: `Name` becomes `Field` (a field of the
/// form) or `Column` (a column of the table row in scope, inside `where`).
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Literal(Literal),
    /// A name not yet resolved; `at` is its character offset in the source text.
    Name {
        name: String,
        at: usize,
    },
    Field(String),
    Column(String),
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Compare {
        op: CmpOp,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    In {
        value: Box<Expr>,
        list: Vec<Literal>,
        negated: bool,
    },
    Empty {
        value: Box<Expr>,
        negated: bool,
    },
    Arith {
        op: ArithOp,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    Neg(Box<Expr>),
    /// `sum(table.column where …)`.
    Sum {
        table: String,
        column: String,
        filter: Option<Box<Expr>>,
        at: usize,
    },
    /// `count(field where …)`: rows of a table, items of a `choices`, `communes` or `files`.
    Count {
        field: String,
        filter: Option<Box<Expr>>,
        at: usize,
    },
    /// `percent(part, whole)`: part × 100 / whole.
    Percent(Box<Expr>, Box<Expr>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Str(String),
    Num(f64),
    Bool(bool),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
    Div,
}

/// Why an expression does not parse or resolve; `at` is a character offset in its text.
#[derive(Debug, Clone, PartialEq)]
pub struct ExprError {
    pub at: usize,
    pub message: Message,
}

impl ExprError {
    pub fn new(at: usize, fr: impl Into<String>, en: impl Into<String>) -> ExprError {
        ExprError { at, message: Message::new(fr, en) }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Name(String),
    Str(String),
    Num(f64),
    Op(&'static str),
}

/// Words with a meaning in the language: no field can be named like them.
pub const KEYWORDS: [&str; 12] =
    ["and", "or", "not", "in", "is", "empty", "where", "true", "false", "sum", "count", "percent"];

/// Cuts an expression into tokens, each with its character offset.
fn tokens(text: &str) -> Result<Vec<(usize, Token)>, ExprError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let start = i;
        if c.is_whitespace() {
            i += 1;
        } else if c == '"' || c == '\'' {
            let end =
                (i + 1..chars.len()).find(|&j| chars.get(j) == Some(&c)).ok_or_else(|| {
                    ExprError::new(start, "guillemet non refermé", "unclosed quotation mark")
                })?;
            out.push((start, Token::Str(chars[i + 1..end].iter().collect())));
            i = end + 1;
        } else if c.is_ascii_digit() {
            while chars.get(i).is_some_and(|c| c.is_ascii_digit() || *c == '.') {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            let number = text.parse::<f64>().map_err(|_| {
                ExprError::new(
                    start,
                    format!("nombre illisible « {text} »"),
                    format!("unreadable number “{text}”"),
                )
            })?;
            out.push((start, Token::Num(number)));
        } else if c.is_ascii_alphabetic() || c == '_' {
            while chars.get(i).is_some_and(|c| c.is_ascii_alphanumeric() || "_.".contains(*c)) {
                i += 1;
            }
            out.push((start, Token::Name(chars[start..i].iter().collect())));
        } else {
            let next = chars.get(i + 1).copied();
            let (op, len) = match (c, next) {
                ('=', Some('=')) => ("==", 2),
                ('!', Some('=')) => ("!=", 2),
                ('<', Some('=')) => ("<=", 2),
                ('>', Some('=')) => (">=", 2),
                ('=', _) => ("==", 1),
                ('<', _) => ("<", 1),
                ('>', _) => (">", 1),
                ('(', _) => ("(", 1),
                (')', _) => (")", 1),
                ('[', _) => ("[", 1),
                (']', _) => ("]", 1),
                (',', _) => (",", 1),
                ('+', _) => ("+", 1),
                ('-', _) => ("-", 1),
                ('*', _) => ("*", 1),
                ('/', _) => ("/", 1),
                _ => {
                    return Err(ExprError::new(
                        start,
                        format!("caractère inattendu « {c} »"),
                        format!("unexpected character “{c}”"),
                    ));
                }
            };
            out.push((start, Token::Op(op)));
            i += len;
        }
    }
    Ok(out)
}

/// Parses an expression (names left unresolved).
pub fn parse(text: &str) -> Result<Expr, ExprError> {
    let tokens = tokens(text)?;
    let end = text.chars().count();
    let mut parser = Parser { tokens, pos: 0, end, depth: 0 };
    let expr = parser.expr()?;
    match parser.tokens.get(parser.pos) {
        None => Ok(expr),
        Some((at, token)) => Err(ExprError::new(
            *at,
            format!("« {} » inattendu ici", describe(token)),
            format!("unexpected “{}” here", describe(token)),
        )),
    }
}

fn describe(token: &Token) -> String {
    match token {
        Token::Name(n) => n.clone(),
        Token::Str(s) => format!("\"{s}\""),
        Token::Num(n) => n.to_string(),
        Token::Op(op) => (*op).to_owned(),
    }
}

struct Parser {
    tokens: Vec<(usize, Token)>,
    pos: usize,
    end: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos).map(|(_, t)| t)
    }

    fn at(&self) -> usize {
        self.tokens.get(self.pos).map_or(self.end, |(at, _)| *at)
    }

    fn is_word(&self, word: &str) -> bool {
        matches!(self.peek(), Some(Token::Name(n)) if n == word)
    }

    fn is_op(&self, op: &str) -> bool {
        matches!(self.peek(), Some(Token::Op(o)) if *o == op)
    }

    fn eat_word(&mut self, word: &str) -> bool {
        let found = self.is_word(word);
        if found {
            self.pos += 1;
        }
        found
    }

    fn eat_op(&mut self, op: &str) -> bool {
        let found = self.is_op(op);
        if found {
            self.pos += 1;
        }
        found
    }

    fn expect_op(&mut self, op: &str) -> Result<(), ExprError> {
        if self.eat_op(op) {
            Ok(())
        } else {
            Err(self.expected(&format!("« {op} »"), &format!("“{op}”")))
        }
    }

    fn expected(&self, fr: &str, en: &str) -> ExprError {
        let found = self.peek().map(describe);
        match found {
            Some(found) => ExprError::new(
                self.at(),
                format!("{fr} attendu, « {found} » trouvé"),
                format!("{en} expected, found “{found}”"),
            ),
            None => ExprError::new(
                self.at(),
                format!("{fr} attendu, l’expression s’arrête avant"),
                format!("{en} expected, the expression ends too early"),
            ),
        }
    }

    /// Guards every recursive rule so that "((((((…" is an error, not a stack overflow.
    fn nested<T>(
        &mut self,
        rule: impl FnOnce(&mut Parser) -> Result<T, ExprError>,
    ) -> Result<T, ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ExprError::new(
                self.at(),
                "expression trop imbriquée",
                "expression nested too deeply",
            ));
        }
        let result = rule(self);
        self.depth -= 1;
        result
    }

    fn expr(&mut self) -> Result<Expr, ExprError> {
        self.nested(|p| {
            let mut left = p.and()?;
            while p.eat_word("or") {
                left = Expr::Or(Box::new(left), Box::new(p.and()?));
            }
            Ok(left)
        })
    }

    fn and(&mut self) -> Result<Expr, ExprError> {
        let mut left = self.not()?;
        while self.eat_word("and") {
            left = Expr::And(Box::new(left), Box::new(self.not()?));
        }
        Ok(left)
    }

    fn not(&mut self) -> Result<Expr, ExprError> {
        if self.eat_word("not") {
            return self.nested(|p| Ok(Expr::Not(Box::new(p.not()?))));
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Expr, ExprError> {
        let left = self.sum()?;
        for (symbol, op) in [
            ("==", CmpOp::Eq),
            ("!=", CmpOp::Ne),
            ("<=", CmpOp::Le),
            (">=", CmpOp::Ge),
            ("<", CmpOp::Lt),
            (">", CmpOp::Gt),
        ] {
            if self.eat_op(symbol) {
                let right = self.sum()?;
                return Ok(Expr::Compare { op, left: Box::new(left), right: Box::new(right) });
            }
        }
        if self.is_word("not")
            && matches!(self.tokens.get(self.pos + 1), Some((_, Token::Name(n))) if n == "in")
        {
            self.pos += 2;
            return Ok(Expr::In { value: Box::new(left), list: self.list()?, negated: true });
        }
        if self.eat_word("in") {
            return Ok(Expr::In { value: Box::new(left), list: self.list()?, negated: false });
        }
        if self.eat_word("is") {
            let negated = self.eat_word("not");
            if !self.eat_word("empty") {
                return Err(self.expected("« empty »", "“empty”"));
            }
            return Ok(Expr::Empty { value: Box::new(left), negated });
        }
        Ok(left)
    }

    fn list(&mut self) -> Result<Vec<Literal>, ExprError> {
        self.expect_op("[")?;
        let mut items = Vec::new();
        loop {
            items.push(self.literal()?);
            if self.eat_op("]") {
                return Ok(items);
            }
            self.expect_op(",")?;
        }
    }

    fn literal(&mut self) -> Result<Literal, ExprError> {
        let literal = match self.peek() {
            Some(Token::Str(s)) => Literal::Str(s.clone()),
            Some(Token::Num(n)) => Literal::Num(*n),
            Some(Token::Name(n)) if n == "true" => Literal::Bool(true),
            Some(Token::Name(n)) if n == "false" => Literal::Bool(false),
            _ => return Err(self.expected("une valeur", "a value")),
        };
        self.pos += 1;
        Ok(literal)
    }

    fn sum(&mut self) -> Result<Expr, ExprError> {
        let mut left = self.product()?;
        loop {
            let op = if self.eat_op("+") {
                ArithOp::Add
            } else if self.eat_op("-") {
                ArithOp::Sub
            } else {
                return Ok(left);
            };
            let right = self.product()?;
            left = Expr::Arith { op, left: Box::new(left), right: Box::new(right) };
        }
    }

    fn product(&mut self) -> Result<Expr, ExprError> {
        let mut left = self.unary()?;
        loop {
            let op = if self.eat_op("*") {
                ArithOp::Mul
            } else if self.eat_op("/") {
                ArithOp::Div
            } else {
                return Ok(left);
            };
            let right = self.unary()?;
            left = Expr::Arith { op, left: Box::new(left), right: Box::new(right) };
        }
    }

    fn unary(&mut self) -> Result<Expr, ExprError> {
        if self.eat_op("-") {
            return self.nested(|p| Ok(Expr::Neg(Box::new(p.unary()?))));
        }
        self.atom()
    }

    fn atom(&mut self) -> Result<Expr, ExprError> {
        let at = self.at();
        let token = self.peek().cloned();
        match token {
            Some(Token::Str(_) | Token::Num(_)) => Ok(Expr::Literal(self.literal()?)),
            Some(Token::Op("(")) => {
                self.pos += 1;
                let inner = self.expr()?;
                self.expect_op(")")?;
                Ok(inner)
            }
            Some(Token::Name(name)) => {
                self.pos += 1;
                match name.as_str() {
                    "true" => Ok(Expr::Literal(Literal::Bool(true))),
                    "false" => Ok(Expr::Literal(Literal::Bool(false))),
                    "sum" => self.nested(|p| p.sum_call(at)),
                    "count" => self.nested(|p| p.count_call(at)),
                    "percent" => self.nested(|p| p.percent_call()),
                    word if KEYWORDS.contains(&word) => Err(ExprError::new(
                        at,
                        format!("« {word} » inattendu ici"),
                        format!("unexpected “{word}” here"),
                    )),
                    _ => Ok(Expr::Name { name, at }),
                }
            }
            _ => Err(self.expected("une valeur ou un nom de champ", "a value or a field name")),
        }
    }

    fn name(&mut self) -> Result<(usize, String), ExprError> {
        let at = self.at();
        match self.peek() {
            Some(Token::Name(n)) if !KEYWORDS.contains(&n.as_str()) => {
                let n = n.clone();
                self.pos += 1;
                Ok((at, n))
            }
            _ => Err(self.expected("un nom de champ", "a field name")),
        }
    }

    fn filter(&mut self) -> Result<Option<Box<Expr>>, ExprError> {
        if self.eat_word("where") { Ok(Some(Box::new(self.expr()?))) } else { Ok(None) }
    }

    fn sum_call(&mut self, at: usize) -> Result<Expr, ExprError> {
        self.expect_op("(")?;
        let (name_at, path) = self.name()?;
        let Some((table, column)) = path.split_once('.') else {
            return Err(ExprError::new(
                name_at,
                format!("sum(…) additionne une colonne de tableau : écrivez sum({path}.colonne)"),
                format!("sum(…) adds up a table column: write sum({path}.column)"),
            ));
        };
        let (table, column) = (table.to_owned(), column.to_owned());
        let filter = self.filter()?;
        self.expect_op(")")?;
        Ok(Expr::Sum { table, column, filter, at })
    }

    fn count_call(&mut self, at: usize) -> Result<Expr, ExprError> {
        self.expect_op("(")?;
        let (_, field) = self.name()?;
        let filter = self.filter()?;
        self.expect_op(")")?;
        Ok(Expr::Count { field, filter, at })
    }

    fn percent_call(&mut self) -> Result<Expr, ExprError> {
        self.expect_op("(")?;
        let part = self.expr()?;
        self.expect_op(",")?;
        let whole = self.expr()?;
        self.expect_op(")")?;
        Ok(Expr::Percent(Box::new(part), Box::new(whole)))
    }
}

impl Expr {
    /// Every sub-expression, this one first (for resolution and dependency checks).
    pub fn walk<'a>(&'a self, visit: &mut dyn FnMut(&'a Expr)) {
        visit(self);
        match self {
            Expr::Literal(_)
            | Expr::Name { .. }
            | Expr::Field(_)
            | Expr::Column(_)
            | Expr::Sum { filter: None, .. }
            | Expr::Count { filter: None, .. } => {}
            Expr::Not(e) | Expr::Neg(e) => e.walk(visit),
            Expr::In { value, .. } | Expr::Empty { value, .. } => value.walk(visit),
            Expr::And(a, b)
            | Expr::Or(a, b)
            | Expr::Percent(a, b)
            | Expr::Compare { left: a, right: b, .. }
            | Expr::Arith { left: a, right: b, .. } => {
                a.walk(visit);
                b.walk(visit);
            }
            Expr::Sum { filter: Some(f), .. } | Expr::Count { filter: Some(f), .. } => {
                f.walk(visit)
            }
        }
    }

    /// The form fields this expression reads (fields and the tables it adds up or counts).
    pub fn fields_read(&self) -> Vec<String> {
        self.collect(|e| match e {
            Expr::Field(key) => Some(key),
            other => other.aggregated(),
        })
    }

    /// The tables (or lists) this expression adds up or counts.
    pub fn tables_aggregated(&self) -> Vec<String> {
        self.collect(Expr::aggregated)
    }

    fn aggregated(&self) -> Option<&str> {
        match self {
            Expr::Sum { table: key, .. } | Expr::Count { field: key, .. } => Some(key),
            _ => None,
        }
    }

    /// The distinct names `pick` finds in the sub-expressions, in order.
    fn collect(&self, pick: impl Fn(&Expr) -> Option<&str>) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        self.walk(&mut |e| {
            if let Some(name) = pick(e)
                && !out.iter().any(|o| o == name)
            {
                out.push(name.to_owned());
            }
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(n: &str, at: usize) -> Box<Expr> {
        Box::new(Expr::Name { name: n.into(), at })
    }

    #[test]
    fn a_comparison_with_a_string_is_parsed() {
        assert_eq!(
            parse(r#"legal_vehicle != "sans-personnalite-propre""#),
            Ok(Expr::Compare {
                op: CmpOp::Ne,
                left: name("legal_vehicle", 0),
                right: Box::new(Expr::Literal(Literal::Str("sans-personnalite-propre".into()))),
            })
        );
    }

    #[test]
    fn and_binds_tighter_than_or_and_not_applies_to_one_term() {
        assert_eq!(
            parse("not a or b and c"),
            Ok(Expr::Or(
                Box::new(Expr::Not(name("a", 4))),
                Box::new(Expr::And(name("b", 9), name("c", 15)))
            ))
        );
    }

    #[test]
    fn in_lists_and_emptiness_tests_are_parsed() {
        assert_eq!(
            parse(r#"scale not in ["commune", 'region']"#),
            Ok(Expr::In {
                value: name("scale", 0),
                list: vec![Literal::Str("commune".into()), Literal::Str("region".into())],
                negated: true
            })
        );
        assert_eq!(
            parse("website is not empty"),
            Ok(Expr::Empty { value: name("website", 0), negated: true })
        );
    }

    #[test]
    fn aggregates_take_a_table_column_and_an_optional_filter() {
        let parsed = parse(
            r#"percent(sum(resources.amount where source = "autofinancement"), sum(budget.amount)) <= 20"#,
        );
        let Ok(Expr::Compare { op: CmpOp::Le, left, right }) = parsed else {
            panic!("a comparison: {parsed:?}");
        };
        assert_eq!(*right, Expr::Literal(Literal::Num(20.0)));
        let Expr::Percent(part, whole) = *left else { panic!("percent") };
        assert!(
            matches!(*part, Expr::Sum { ref table, ref column, filter: Some(_), .. } if table == "resources" && column == "amount")
        );
        assert!(matches!(*whole, Expr::Sum { filter: None, .. }));
    }

    #[test]
    fn errors_name_the_place_and_what_was_expected() {
        let error = parse("a == ").expect_err("incomplete");
        assert_eq!(error.at, 5);
        assert_eq!(
            error.message.fr,
            "une valeur ou un nom de champ attendu, l’expression s’arrête avant"
        );
        let error = parse("sum(budget)").expect_err("no column");
        assert_eq!(error.message.en, "sum(…) adds up a table column: write sum(budget.column)");
        assert_eq!(parse("a == 'x").expect_err("quote").at, 5);
        assert_eq!(parse("a % 2").expect_err("char").message.fr, "caractère inattendu « % »");
        assert_eq!(parse("a b").expect_err("trailing").message.fr, "« b » inattendu ici");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
        assert_eq!(parse(&deep).expect_err("deep").message.en, "expression nested too deeply");
        let nots = "not ".repeat(10_000) + "a";
        assert!(parse(&nots).is_err());
        let negs = "-".repeat(10_000) + "1";
        assert!(parse(&negs).is_err());
    }
}
