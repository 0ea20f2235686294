//! The answers of a dossier: one JSON object keyed by field key, typed values where the input was
//! read, the text as typed where it was not (so nobody loses what they wrote).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The answers to a form. Values by kind: text → string; integer, decimal, percent → number;
/// money → integer cents; yes_no → bool; date → "YYYY-MM-DD"; choice → option value; choices →
/// array of values; commune → INSEE code; communes → array of codes; file → [`FileRef`] object;
/// files → array of them; table → array of row objects keyed by column. A value that could not be
/// read is kept as the string typed, and validation reports it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers(pub Map<String, Value>);

impl Answers {
    pub fn new() -> Answers {
        Answers::default()
    }

    /// Answers from stored JSON; anything but an object gives no answers.
    pub fn from_value(value: Value) -> Answers {
        match value {
            Value::Object(map) => Answers(map),
            _ => Answers::default(),
        }
    }

    /// Answers from stored JSON text; unreadable text gives no answers.
    pub fn from_json(text: &str) -> Answers {
        serde_json::from_str(text).map(Answers::from_value).unwrap_or_default()
    }

    pub fn to_value(&self) -> Value {
        Value::Object(self.0.clone())
    }

    pub fn to_json(&self) -> String {
        Value::Object(self.0.clone()).to_string()
    }

    /// The answer to a field of the form, `None` when unanswered.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.get(key).filter(|v| !is_blank(v))
    }

    /// The answer at a path: `"members"`, `"members.1.siret"`, `"territory_communes.0"`.
    pub fn at(&self, path: &str) -> Option<&Value> {
        let mut parts = path.split('.');
        let mut value = self.0.get(parts.next()?)?;
        for part in parts {
            value = match value {
                Value::Array(items) => items.get(part.parse::<usize>().ok()?)?,
                Value::Object(map) => map.get(part)?,
                _ => return None,
            };
        }
        (!is_blank(value)).then_some(value)
    }

    /// Sets an answer; a blank value removes it.
    pub fn set(&mut self, key: &str, value: Value) {
        if is_blank(&value) {
            self.0.remove(key);
        } else {
            self.0.insert(key.to_owned(), value);
        }
    }

    pub fn remove(&mut self, key: &str) {
        self.0.remove(key);
    }

    /// The rows of a table answer (empty when unanswered or not a table).
    pub fn rows(&self, key: &str) -> Vec<&Map<String, Value>> {
        match self.0.get(key) {
            Some(Value::Array(rows)) => rows.iter().filter_map(Value::as_object).collect(),
            _ => Vec::new(),
        }
    }
}

/// A stored file, as the upload code puts it in the answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRef {
    pub id: String,
    pub name: String,
    pub size: u64,
    /// A file type key (`pdf`, `odt`, …).
    #[serde(rename = "type")]
    pub file_type: String,
}

impl FileRef {
    /// Reads a stored file reference; `None` when the value is not one.
    pub fn from_value(value: &Value) -> Option<FileRef> {
        serde_json::from_value(value.clone()).ok()
    }

    pub fn to_value(&self) -> Value {
        serde_json::json!({
            "id": self.id, "name": self.name, "size": self.size, "type": self.file_type
        })
    }
}

/// Whether a value counts as no answer: null, blank text, empty list, empty row.
pub fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(items) => items.iter().all(is_blank),
        Value::Object(map) => map.values().all(is_blank),
        Value::Bool(_) | Value::Number(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_reach_table_cells_and_list_items() {
        let answers = Answers::from_value(json!({
            "members": [{ "name": "Archer" }, { "name": "Ville de Romans", "siret": "" }],
            "territory_communes": ["26281", "26057"],
        }));
        assert_eq!(answers.at("members.1.name"), Some(&json!("Ville de Romans")));
        assert_eq!(answers.at("members.1.siret"), None);
        assert_eq!(answers.at("members.7.name"), None);
        assert_eq!(answers.at("territory_communes.1"), Some(&json!("26057")));
        assert_eq!(answers.at("territory_communes.x"), None);
        assert_eq!(answers.rows("members").len(), 2);
    }

    #[test]
    fn blank_values_are_no_answer() {
        let mut answers = Answers::new();
        answers.set("a", json!("  "));
        answers.set("b", json!([]));
        answers.set("c", json!(false));
        assert_eq!(answers.to_json(), r#"{"c":false}"#);
        assert_eq!(Answers::from_json("[1, 2]"), Answers::new());
        assert_eq!(Answers::from_json("{"), Answers::new());
    }

    #[test]
    fn a_file_reference_reads_and_writes_its_type_key() {
        let value = json!({ "id": "0190", "name": "statuts.pdf", "size": 1200, "type": "pdf" });
        let file = FileRef::from_value(&value).expect("a file");
        assert_eq!(file.file_type, "pdf");
        assert_eq!(file.to_value(), value);
        assert_eq!(FileRef::from_value(&json!("statuts.pdf")), None);
    }
}
