//! Computed fields (read-only values derived from other answers) and checks across answers
//! (budget balance, members composition, shares of funding), both declared in the schema.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Value, json};

use super::answers::Answers;
use super::display::display;
use super::eval::{Eval, Scope, Unit, Val, literal, loose_eq, val_of};
use super::expr::{Expr, Literal};
use super::schema::{Check, Each, Field, FormSchema, Kind, Options, Section};
use super::validate::{Issue, Severity};
use super::values::{format_decimal, format_money, format_percent};
use super::{Context, Message};
use crate::domain::lang::Lang;

/// The value of a computed field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ComputedValue {
    /// Cents.
    Money(i64),
    Percent(f64),
    Number(f64),
    Text(String),
    /// Not computable yet (nothing to add up, a division by zero, a hidden field).
    Unknown,
}

impl ComputedValue {
    fn from_val(val: Val) -> ComputedValue {
        match val {
            Val::Num(n, Unit::Money) => ComputedValue::Money(n.round() as i64),
            Val::Num(n, Unit::Percent) => ComputedValue::Percent(n),
            Val::Num(n, Unit::Plain) => ComputedValue::Number(n),
            Val::Str(s) => ComputedValue::Text(s),
            Val::Bool(b) => ComputedValue::Text(if b { "oui" } else { "non" }.to_owned()),
            Val::List(items) => ComputedValue::Number(items.len() as f64),
            Val::Null => ComputedValue::Unknown,
        }
    }

    /// As shown: "1 234,50 €" (English: "€1,234.50"), "27,5 %", "12", "—" when unknown.
    pub fn display(&self, lang: Lang) -> String {
        match self {
            ComputedValue::Money(cents) => format_money(*cents, lang),
            ComputedValue::Percent(p) => format_percent(*p),
            ComputedValue::Number(n) => format_decimal(*n),
            ComputedValue::Text(s) if s == "oui" && lang == Lang::En => "yes".to_owned(),
            ComputedValue::Text(s) if s == "non" && lang == Lang::En => "no".to_owned(),
            ComputedValue::Text(s) => s.clone(),
            ComputedValue::Unknown => "—".to_owned(),
        }
    }

    /// As JSON, for exports: money in cents, numbers as numbers, unknown as null.
    pub fn to_value(&self) -> Value {
        match self {
            ComputedValue::Money(cents) => json!(cents),
            ComputedValue::Percent(n) | ComputedValue::Number(n) => json!(n),
            ComputedValue::Text(s) => json!(s),
            ComputedValue::Unknown => Value::Null,
        }
    }
}

/// Every computed field of the form, by key, from the answers (hidden ones are `Unknown`).
pub fn computed(schema: &FormSchema, answers: &Answers) -> BTreeMap<String, ComputedValue> {
    let eval = Eval::new(schema, answers);
    schema
        .fields()
        .filter(|f| matches!(f.kind, Kind::Computed { .. }))
        .map(|f| (f.key.clone(), ComputedValue::from_val(eval.field_value(&f.key))))
        .collect()
}

/// The issues of the checks attached to the fields of a section: a check runs when its field is
/// shown and its `when` holds; with `each`, once per group.
pub(crate) fn check_issues(eval: &Eval, section: &Section, ctx: &Context) -> Vec<Issue> {
    let mut issues = Vec::new();
    for check in &eval.schema.checks {
        let in_section = section.fields.iter().any(|f| f.key == check.field);
        if !in_section || !eval.field_visible(&check.field) {
            continue;
        }
        if check.when.as_ref().is_some_and(|w| !eval.holds(w)) {
            continue;
        }
        let groups: Vec<Option<(Value, Val)>> = match &check.each {
            Some(each) => groups(eval, check, each).into_iter().map(Some).collect(),
            None => vec![None],
        };
        for group in groups {
            let scope = Scope {
                row: None,
                group: group.as_ref().map(|(_, val)| (check_column(check), val)),
            };
            if eval.truth(&check.assert.expr, scope) == Some(false) {
                let message = check_message(eval, check, scope, group.as_ref().map(|g| &g.0), ctx);
                issues.push(Issue {
                    path: check.field.clone(),
                    section: section.key.clone(),
                    severity: if check.blocking { Severity::Error } else { Severity::Warning },
                    message,
                    options: Vec::new(),
                });
            }
        }
    }
    issues
}

fn check_column(check: &Check) -> &str {
    check.each.as_ref().map_or("", |e| e.column.as_str())
}

/// The column field named by `each` in the first table that has it.
fn each_column<'a>(eval: &Eval<'a>, check: &Check, each: &Each) -> Option<&'a Field> {
    check
        .assert
        .expr
        .tables_aggregated()
        .iter()
        .filter_map(|t| eval.schema.field(t))
        .flat_map(|t| t.columns())
        .find(|c| c.key == each.column)
}

/// The groups of an `each`: the listed values, or every value found in the rows, in the order
/// of the column's options (or in natural order).
fn groups(eval: &Eval, check: &Check, each: &Each) -> Vec<(Value, Val)> {
    if let Some(values) = &each.values {
        return values.iter().map(|l| (literal_json(l), literal(l))).collect();
    }
    let mut found: Vec<(Value, Val)> = Vec::new();
    for table in check.assert.expr.tables_aggregated() {
        let Some(column) = eval
            .schema
            .field(&table)
            .and_then(|t| t.columns().iter().find(|c| c.key == each.column))
        else {
            continue;
        };
        for row in eval.rows(&table, None, Scope::default()) {
            let Some(raw) = row.get(&each.column) else { continue };
            let val = val_of(&column.kind, Some(raw));
            if val != Val::Null && !found.iter().any(|(_, v)| loose_eq(v, &val)) {
                found.push((raw.clone(), val));
            }
        }
    }
    let order = each_column(eval, check, each).and_then(|c| match &c.kind {
        Kind::Choice { options: Options::Fixed(list) } => {
            Some(list.iter().map(|o| o.value.clone()).collect::<Vec<_>>())
        }
        _ => None,
    });
    found.sort_by(|(a, va), (b, vb)| {
        let rank = |v: &Value| {
            order.as_ref().and_then(|o| o.iter().position(|x| Some(x.as_str()) == v.as_str()))
        };
        match (rank(a), rank(b)) {
            (Some(x), Some(y)) => x.cmp(&y),
            _ => match (va, vb) {
                (Val::Num(x, _), Val::Num(y, _)) => x.total_cmp(y),
                _ => a.to_string().cmp(&b.to_string()),
            },
        }
    });
    found
}

fn literal_json(l: &Literal) -> Value {
    match l {
        Literal::Str(s) => json!(s),
        Literal::Num(n) => json!(n),
        Literal::Bool(b) => json!(b),
    }
}

/// The check's message with `{left}`, `{right}` (the sides of its comparison) and `{each}` (the
/// group's label) filled in, in both languages.
fn check_message(
    eval: &Eval,
    check: &Check,
    scope: Scope,
    group: Option<&Value>,
    ctx: &Context,
) -> Message {
    let (left, right) = match &check.assert.expr {
        Expr::Compare { left, right, .. } => {
            let (l, r) = same_unit(eval.value(left, scope), eval.value(right, scope));
            (Some(l), Some(r))
        }
        _ => (None, None),
    };
    let fill = |template: &str, lang: Lang| {
        let mut text = template.to_owned();
        if let Some(v) = &left {
            text = text.replace("{left}", &show(v, lang));
        }
        if let Some(v) = &right {
            text = text.replace("{right}", &show(v, lang));
        }
        if let (Some(group), Some(each)) = (group, &check.each) {
            let label = match each_column(eval, check, each) {
                Some(column) => display(column, Some(group), lang, ctx),
                None => group.as_str().map_or_else(|| group.to_string(), str::to_owned),
            };
            text = text.replace("{each}", &label);
        }
        text
    };
    Message::new(fill(&check.message.fr, Lang::Fr), fill(&check.message.en, Lang::En))
}

/// The two sides of a comparison in the same unit for the message: a plain threshold next to
/// a percentage is a percentage ("20 %"), next to money it is euros.
fn same_unit(left: Val, right: Val) -> (Val, Val) {
    let lift = |plain: f64, unit: Unit| match unit {
        Unit::Money => Val::Num(plain * 100.0, Unit::Money),
        other => Val::Num(plain, other),
    };
    match (&left, &right) {
        (Val::Num(_, unit), Val::Num(n, Unit::Plain)) if *unit != Unit::Plain => {
            let right = lift(*n, *unit);
            (left, right)
        }
        (Val::Num(n, Unit::Plain), Val::Num(_, unit)) if *unit != Unit::Plain => {
            (lift(*n, *unit), right)
        }
        _ => (left, right),
    }
}

/// A value in a check's message.
fn show(v: &Val, lang: Lang) -> String {
    match v {
        Val::Num(..) | Val::Null => ComputedValue::from_val(v.clone()).display(lang),
        Val::Str(s) => s.clone(),
        Val::Bool(b) => match (b, lang) {
            (true, Lang::Fr) => "oui".into(),
            (false, Lang::Fr) => "non".into(),
            (true, Lang::En) => "yes".into(),
            (false, Lang::En) => "no".into(),
        },
        Val::List(items) => items.join(", "),
    }
}
