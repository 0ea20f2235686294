//! Evaluating expressions over answers: which sections and fields are shown, what conditions,
//! formulas and checks come to. A hidden field reads as unanswered.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::answers::{Answers, is_blank};
use super::expr::{ArithOp, CmpOp, Expr, Literal};
use super::schema::{Condition, Field, FormSchema, Kind, Section};

/// How deep conditions may call each other (fields shown when fields shown when …) before the
/// engine gives up and treats the field as hidden. The parser already refuses circles.
const MAX_DEPTH: usize = 64;

/// What a number stands for, so that "20" next to euros means 20 € and percentages print as such.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Plain,
    /// Cents.
    Money,
    Percent,
}

/// A value while evaluating.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Null,
    Bool(bool),
    Num(f64, Unit),
    Str(String),
    /// The items of a multiple answer (option values, commune codes, file names; one empty
    /// string per row for a table).
    List(Vec<String>),
}

/// Where an expression is evaluated: at the top of the form, or on one table row (inside
/// `where`), possibly restricted to one group of a check's `each`.
#[derive(Clone, Copy, Default)]
pub struct Scope<'a> {
    pub row: Option<(&'a [Field], &'a Map<String, Value>)>,
    pub group: Option<(&'a str, &'a Val)>,
}

/// An evaluator over one set of answers, remembering which fields are shown.
pub struct Eval<'a> {
    pub schema: &'a FormSchema,
    pub answers: &'a Answers,
    visible: RefCell<BTreeMap<String, bool>>,
    busy: RefCell<BTreeSet<String>>,
    depth: Cell<usize>,
}

impl<'a> Eval<'a> {
    pub fn new(schema: &'a FormSchema, answers: &'a Answers) -> Eval<'a> {
        Eval {
            schema,
            answers,
            visible: RefCell::new(BTreeMap::new()),
            busy: RefCell::new(BTreeSet::new()),
            depth: Cell::new(0),
        }
    }

    /// Whether a section is shown (its condition holds).
    pub fn section_visible(&self, section: &Section) -> bool {
        section.when.as_ref().is_none_or(|c| self.holds(c))
    }

    /// Whether a field of the form is shown: its section is and its own condition holds.
    pub fn field_visible(&self, key: &str) -> bool {
        if let Some(known) = self.visible.borrow().get(key) {
            return *known;
        }
        let (Some(section), Some(field)) = (self.schema.section_of(key), self.schema.field(key))
        else {
            return false;
        };
        let visible = self.guarded(key, false, || {
            self.section_visible(section) && field.when.as_ref().is_none_or(|c| self.holds(c))
        });
        self.visible.borrow_mut().insert(key.to_owned(), visible);
        visible
    }

    /// Runs `work` for `key` unless it is already running (a circle) or too deep.
    fn guarded<T>(&self, key: &str, fallback: T, work: impl FnOnce() -> T) -> T {
        if self.depth.get() >= MAX_DEPTH || !self.busy.borrow_mut().insert(key.to_owned()) {
            return fallback;
        }
        self.depth.set(self.depth.get() + 1);
        let result = work();
        self.depth.set(self.depth.get() - 1);
        self.busy.borrow_mut().remove(key);
        result
    }

    /// Whether a condition holds at the top of the form; what cannot be known does not hold.
    pub fn holds(&self, condition: &Condition) -> bool {
        self.truth(&condition.expr, Scope::default()) == Some(true)
    }

    /// The value of a field of the form as expressions see it (unanswered when hidden).
    pub fn field_value(&self, key: &str) -> Val {
        let Some(field) = self.schema.field(key) else { return Val::Null };
        if !self.field_visible(key) {
            return Val::Null;
        }
        match &field.kind {
            Kind::Computed { formula } => self
                .guarded(&format!("={key}"), Val::Null, || self.value(formula, Scope::default())),
            kind => val_of(kind, self.answers.0.get(key)),
        }
    }

    /// Whether an expression holds: `None` when it cannot be known (a comparison of numbers
    /// with an unanswered field).
    pub fn truth(&self, expr: &Expr, scope: Scope) -> Option<bool> {
        match expr {
            Expr::Not(e) => self.truth(e, scope).map(|b| !b),
            Expr::And(a, b) => match (self.truth(a, scope), self.truth(b, scope)) {
                (Some(false), _) | (_, Some(false)) => Some(false),
                (Some(true), Some(true)) => Some(true),
                _ => None,
            },
            Expr::Or(a, b) => match (self.truth(a, scope), self.truth(b, scope)) {
                (Some(true), _) | (_, Some(true)) => Some(true),
                (Some(false), Some(false)) => Some(false),
                _ => None,
            },
            Expr::Compare { op, left, right } => {
                compare(*op, &self.value(left, scope), &self.value(right, scope))
            }
            Expr::In { value, list, negated } => {
                let value = self.value(value, scope);
                let hit = list.iter().any(|l| loose_eq(&value, &literal(l)));
                Some(hit != *negated)
            }
            Expr::Empty { value, negated } => Some(is_empty(&self.value(value, scope)) != *negated),
            other => Some(truthy(&self.value(other, scope))),
        }
    }

    /// The value of an expression.
    pub fn value(&self, expr: &Expr, scope: Scope) -> Val {
        match expr {
            Expr::Literal(l) => literal(l),
            Expr::Field(key) => self.field_value(key),
            Expr::Column(key) => match scope.row {
                Some((columns, row)) => {
                    let kind = columns.iter().find(|c| &c.key == key).map(|c| &c.kind);
                    kind.map_or(Val::Null, |k| val_of(k, row.get(key)))
                }
                None => Val::Null,
            },
            Expr::Name { .. } => Val::Null,
            Expr::Arith { op, left, right } => {
                arith(*op, &self.value(left, scope), &self.value(right, scope))
            }
            Expr::Neg(e) => match self.value(e, scope) {
                Val::Num(n, unit) => Val::Num(-n, unit),
                _ => Val::Null,
            },
            Expr::Percent(part, whole) => {
                percent(&self.value(part, scope), &self.value(whole, scope))
            }
            Expr::Sum { table, column, filter, .. } => {
                self.sum(table, column, filter.as_deref(), scope)
            }
            Expr::Count { field, filter, .. } => self.count(field, filter.as_deref(), scope),
            _ => self.truth(expr, scope).map_or(Val::Null, Val::Bool),
        }
    }

    /// The rows of a visible table kept by the scope's group and a `where` filter.
    pub fn rows(
        &self,
        table: &str,
        filter: Option<&Expr>,
        scope: Scope,
    ) -> Vec<&'a Map<String, Value>> {
        let Some(field) = self.schema.field(table) else { return Vec::new() };
        if !self.field_visible(table) {
            return Vec::new();
        }
        let columns = field.columns();
        self.answers
            .rows(table)
            .into_iter()
            .filter(|row| match scope.group {
                Some((column, value)) => match columns.iter().find(|c| c.key == column) {
                    Some(c) => loose_eq(&val_of(&c.kind, row.get(column)), value),
                    None => true,
                },
                None => true,
            })
            .filter(|row| {
                filter.is_none_or(|f| {
                    let row_scope = Scope { row: Some((columns, row)), group: scope.group };
                    self.truth(f, row_scope) == Some(true)
                })
            })
            .collect()
    }

    fn sum(&self, table: &str, column: &str, filter: Option<&Expr>, scope: Scope) -> Val {
        let Some(field) = self.schema.field(table) else { return Val::Null };
        let Some(col) = field.columns().iter().find(|c| c.key == column) else {
            return Val::Null;
        };
        let unit = unit_of(&col.kind);
        let total = self
            .rows(table, filter, scope)
            .iter()
            .filter_map(|row| match val_of(&col.kind, row.get(column)) {
                Val::Num(n, _) => Some(n),
                _ => None,
            })
            .sum();
        Val::Num(total, unit)
    }

    fn count(&self, key: &str, filter: Option<&Expr>, scope: Scope) -> Val {
        let n = match self.schema.field(key).map(|f| &f.kind) {
            Some(Kind::Table { .. }) => self.rows(key, filter, scope).len(),
            Some(_) => match self.field_value(key) {
                Val::List(items) => items.len(),
                _ => 0,
            },
            None => 0,
        };
        Val::Num(n as f64, Unit::Plain)
    }
}

/// What a stored answer is worth in an expression.
pub fn val_of(kind: &Kind, value: Option<&Value>) -> Val {
    let Some(value) = value.filter(|v| !is_blank(v)) else { return Val::Null };
    let number = |n: &serde_json::Number, unit| n.as_f64().map_or(Val::Null, |f| Val::Num(f, unit));
    match (kind, value) {
        (Kind::Money { .. }, Value::Number(n)) => number(n, Unit::Money),
        (Kind::Percent { .. }, Value::Number(n)) => number(n, Unit::Percent),
        (_, Value::Number(n)) => number(n, Unit::Plain),
        (_, Value::Bool(b)) => Val::Bool(*b),
        (_, Value::String(s)) => Val::Str(s.clone()),
        (Kind::Table { .. }, Value::Array(rows)) => {
            Val::List(rows.iter().filter(|r| !is_blank(r)).map(|_| String::new()).collect())
        }
        (_, Value::Array(items)) => Val::List(items.iter().filter_map(item_text).collect()),
        (_, Value::Object(map)) => map.get("name").and_then(item_text).map_or(Val::Null, Val::Str),
        (_, Value::Null) => Val::Null,
    }
}

/// An item of a multiple answer as text: a value, a code, or a file's name.
fn item_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(map) => map.get("name").and_then(Value::as_str).map(str::to_owned),
        _ => None,
    }
}

fn unit_of(kind: &Kind) -> Unit {
    match kind {
        Kind::Money { .. } => Unit::Money,
        Kind::Percent { .. } => Unit::Percent,
        _ => Unit::Plain,
    }
}

pub fn literal(l: &Literal) -> Val {
    match l {
        Literal::Str(s) => Val::Str(s.clone()),
        Literal::Num(n) => Val::Num(*n, Unit::Plain),
        Literal::Bool(b) => Val::Bool(*b),
    }
}

fn truthy(v: &Val) -> bool {
    match v {
        Val::Null => false,
        Val::Bool(b) => *b,
        Val::Num(n, _) => *n != 0.0,
        Val::Str(s) => !s.trim().is_empty(),
        Val::List(items) => !items.is_empty(),
    }
}

fn is_empty(v: &Val) -> bool {
    match v {
        Val::Null => true,
        Val::Str(s) => s.trim().is_empty(),
        Val::List(items) => items.is_empty(),
        Val::Bool(_) | Val::Num(..) => false,
    }
}

/// A number, reading text that holds one (a choice whose value is "2").
fn as_number(v: &Val) -> Option<(f64, Unit)> {
    match v {
        Val::Num(n, unit) => Some((*n, *unit)),
        Val::Str(s) => super::values::parse_decimal(s, false).map(|n| (n, Unit::Plain)),
        _ => None,
    }
}

/// Puts two numbers in the same unit: a plain number next to money is euros (× 100 to cents).
fn align((a, ua): (f64, Unit), (b, ub): (f64, Unit)) -> (f64, f64, Unit) {
    match (ua, ub) {
        (Unit::Money, Unit::Plain) => (a, b * 100.0, Unit::Money),
        (Unit::Plain, Unit::Money) => (a * 100.0, b, Unit::Money),
        (x, y) if x == y => (a, b, x),
        (Unit::Percent, _) | (_, Unit::Percent) => (a, b, Unit::Percent),
        _ => (a, b, Unit::Plain),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Equality as people mean it: a multiple answer "equals" each of its items.
pub fn loose_eq(a: &Val, b: &Val) -> bool {
    match (a, b) {
        (Val::Null, _) | (_, Val::Null) => false,
        (Val::Str(x), Val::Str(y)) => x == y,
        (Val::Bool(x), Val::Bool(y)) => x == y,
        (Val::List(x), Val::List(y)) => x == y,
        (Val::List(items), other) | (other, Val::List(items)) => {
            items.iter().any(|i| loose_eq(&Val::Str(i.clone()), other))
        }
        _ => match (as_number(a), as_number(b)) {
            (Some(x), Some(y)) => {
                let (x, y, _) = align(x, y);
                close(x, y)
            }
            _ => false,
        },
    }
}

fn compare(op: CmpOp, a: &Val, b: &Val) -> Option<bool> {
    match op {
        CmpOp::Eq => Some(loose_eq(a, b)),
        CmpOp::Ne => Some(!loose_eq(a, b)),
        _ => {
            let (x, y, _) = align(as_number(a)?, as_number(b)?);
            Some(match op {
                CmpOp::Lt => x < y && !close(x, y),
                CmpOp::Le => x < y || close(x, y),
                CmpOp::Gt => x > y && !close(x, y),
                _ => x > y || close(x, y),
            })
        }
    }
}

fn arith(op: ArithOp, a: &Val, b: &Val) -> Val {
    let (Some(x), Some(y)) = (as_number(a), as_number(b)) else { return Val::Null };
    let result = match op {
        ArithOp::Add | ArithOp::Sub => {
            let (x, y, unit) = align(x, y);
            Val::Num(if op == ArithOp::Add { x + y } else { x - y }, unit)
        }
        ArithOp::Mul => {
            let unit = if x.1 == Unit::Money || y.1 == Unit::Money {
                Unit::Money
            } else if x.1 == Unit::Percent || y.1 == Unit::Percent {
                Unit::Percent
            } else {
                Unit::Plain
            };
            Val::Num(x.0 * y.0, unit)
        }
        ArithOp::Div => {
            if y.0 == 0.0 {
                return Val::Null;
            }
            let unit = match (x.1, y.1) {
                (Unit::Money, Unit::Money) => Unit::Plain,
                (u, _) => u,
            };
            Val::Num(x.0 / y.0, unit)
        }
    };
    match result {
        Val::Num(n, _) if !n.is_finite() => Val::Null,
        other => other,
    }
}

fn percent(part: &Val, whole: &Val) -> Val {
    let (Some(x), Some(y)) = (as_number(part), as_number(whole)) else { return Val::Null };
    let (x, y, _) = align(x, y);
    if y == 0.0 {
        return Val::Null;
    }
    let p = x * 100.0 / y;
    if p.is_finite() { Val::Num(p, Unit::Percent) } else { Val::Null }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_number_next_to_money_is_euros() {
        let budget = Val::Num(1_000_000.0, Unit::Money);
        assert_eq!(compare(CmpOp::Ge, &budget, &Val::Num(10_000.0, Unit::Plain)), Some(true));
        assert_eq!(compare(CmpOp::Gt, &budget, &Val::Num(10_000.0, Unit::Plain)), Some(false));
        assert_eq!(
            percent(&Val::Num(250_000.0, Unit::Money), &budget),
            Val::Num(25.0, Unit::Percent)
        );
        assert_eq!(percent(&budget, &Val::Num(0.0, Unit::Money)), Val::Null);
    }

    #[test]
    fn a_multiple_answer_equals_each_of_its_items() {
        let sectors = Val::List(vec!["iae".into(), "numerique".into()]);
        assert!(loose_eq(&sectors, &Val::Str("numerique".into())));
        assert!(!loose_eq(&sectors, &Val::Str("habitat".into())));
        assert!(loose_eq(&Val::Str("2".into()), &Val::Num(2.0, Unit::Plain)));
        assert!(!loose_eq(&Val::Null, &Val::Null));
    }

    #[test]
    fn comparing_numbers_with_nothing_cannot_be_known() {
        assert_eq!(compare(CmpOp::Lt, &Val::Null, &Val::Num(1.0, Unit::Plain)), None);
        assert_eq!(compare(CmpOp::Ne, &Val::Null, &Val::Str("x".into())), Some(true));
    }
}
