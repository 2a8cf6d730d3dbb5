//! Who an attached task is: its name, kind, spawn location and fields, read from the
//! console-api `Task` message the way tokio-console reads them.

use std::collections::HashMap;

use console_api::field::Name;
use console_api::tasks::Task;
use console_api::{Field, Location, RegisterMetadata};

use crate::record::TaskKind;

/// Field names by metadata id: a field may name itself by index into its span's metadata.
#[derive(Debug, Default)]
pub(super) struct FieldNames(HashMap<u64, Vec<String>>);

impl FieldNames {
    /// Learns the metadata an update registers.
    pub(super) fn register(&mut self, new: &RegisterMetadata) {
        for m in &new.metadata {
            if let (Some(id), Some(meta)) = (&m.id, &m.metadata) {
                self.0.insert(id.id, meta.field_names.clone());
            }
        }
    }

    fn name(&self, field: &Field, task_meta: Option<u64>) -> Option<String> {
        match field.name.as_ref()? {
            Name::StrName(name) => Some(name.clone()),
            Name::NameIdx(i) => {
                let meta = field.metadata_id.map(|m| m.id).or(task_meta)?;
                self.0.get(&meta)?.get(*i as usize).cloned()
            }
        }
    }
}

/// What an attached task's lane shows about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskInfo {
    /// The console's id of the task (unique among the app's live tasks).
    pub console_id: u64,
    /// `task.name`, or `task <tokio task id>` for an unnamed task.
    pub name: String,
    /// From the `kind` field: `task`, `local`, `blocking` or `block_on`.
    pub kind: TaskKind,
    /// Where it was spawned: `file:line:column`.
    pub location: Option<String>,
    /// Every field the task's span carries, as `(name, value)` (`task.id`, `kind`, ...).
    pub fields: Vec<(String, String)>,
}

impl TaskInfo {
    /// Reads a task announced in an update.
    pub(super) fn read(task: &Task, names: &FieldNames) -> Self {
        let console_id = task.id.map_or(0, |id| id.id);
        let task_meta = task.metadata.map(|m| m.id);
        let fields: Vec<(String, String)> = task
            .fields
            .iter()
            .filter_map(|f| Some((names.name(f, task_meta)?, f.value.as_ref()?.to_string())))
            .collect();
        let field = |key: &str| {
            fields
                .iter()
                .find(|(k, v)| k == key && !v.is_empty())
                .map(|(_, v)| v.clone())
        };
        let name = field("task.name").unwrap_or_else(|| match field("task.id") {
            Some(id) => format!("task {id}"),
            None => format!("task #{console_id}"),
        });
        let kind = match field("kind").as_deref() {
            Some("blocking") => TaskKind::Blocking,
            Some("block_on") => TaskKind::BlockOn,
            _ => TaskKind::Task,
        };
        TaskInfo {
            console_id,
            name,
            kind,
            location: task.location.as_ref().and_then(location),
            fields,
        }
    }
}

fn location(loc: &Location) -> Option<String> {
    let place = loc.file.as_ref().or(loc.module_path.as_ref())?;
    Some(match (loc.line, loc.column) {
        (Some(line), Some(col)) => format!("{place}:{line}:{col}"),
        (Some(line), None) => format!("{place}:{line}"),
        _ => place.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use console_api::field::Value;
    use console_api::register_metadata::NewMetadata;
    use console_api::{Id, MetaId, Metadata};

    fn field(name: Name, value: Value) -> Field {
        Field {
            name: Some(name),
            value: Some(value),
            metadata_id: Some(MetaId { id: 7 }),
        }
    }

    #[test]
    fn name_kind_location_and_indexed_field_names() {
        let mut names = FieldNames::default();
        names.register(&RegisterMetadata {
            metadata: vec![NewMetadata {
                id: Some(MetaId { id: 7 }),
                metadata: Some(Metadata {
                    field_names: vec!["kind".into(), "task.name".into()],
                    ..Default::default()
                }),
            }],
        });
        let task = Task {
            id: Some(Id { id: 42 }),
            metadata: Some(MetaId { id: 7 }),
            fields: vec![
                field(Name::NameIdx(0), Value::StrVal("blocking".into())),
                field(Name::NameIdx(1), Value::DebugVal("ticker".into())),
                field(Name::StrName("task.id".into()), Value::U64Val(9)),
            ],
            location: Some(Location {
                file: Some("src/main.rs".into()),
                line: Some(12),
                column: Some(5),
                ..Default::default()
            }),
            ..Default::default()
        };
        let info = TaskInfo::read(&task, &names);
        assert_eq!(info.console_id, 42);
        assert_eq!(info.name, "ticker");
        assert_eq!(info.kind, TaskKind::Blocking);
        assert_eq!(info.location.as_deref(), Some("src/main.rs:12:5"));
        assert!(info.fields.contains(&("task.id".into(), "9".into())));
    }

    #[test]
    fn an_unnamed_task_is_called_by_its_tokio_id() {
        let task = Task {
            id: Some(Id { id: 3 }),
            fields: vec![
                field(
                    Name::StrName("task.name".into()),
                    Value::DebugVal("".into()),
                ),
                field(Name::StrName("task.id".into()), Value::U64Val(17)),
            ],
            ..Default::default()
        };
        let info = TaskInfo::read(&task, &FieldNames::default());
        assert_eq!(info.name, "task 17");
        assert_eq!(info.kind, TaskKind::Task);
        assert_eq!(info.location, None);
    }
}
