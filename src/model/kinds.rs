//! The closed vocabularies of the map (lane, event and annotation kinds), tolerant of
//! words this version does not know: an unknown kind is kept as written, never dropped.

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

macro_rules! kind_type {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $word:literal / $label:literal,)+ }) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(from = "String", into = "String")]
        pub enum $name {
            $($variant,)+
            /// A word this version does not know, kept so it is written back unchanged.
            Other(String),
        }

        impl $name {
            /// Every known kind, in the order menus show them.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The word used in the file.
            pub fn word(&self) -> &str {
                match self {
                    $($name::$variant => $word,)+
                    $name::Other(word) => word,
                }
            }

            /// The name shown to users.
            pub fn label(&self) -> &str {
                match self {
                    $($name::$variant => $label,)+
                    $name::Other(word) => word,
                }
            }
        }

        impl From<String> for $name {
            fn from(word: String) -> Self {
                match word.as_str() {
                    $($word => $name::$variant,)+
                    _ => $name::Other(word),
                }
            }
        }

        impl From<$name> for String {
            fn from(kind: $name) -> String {
                kind.word().to_owned()
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({
                    "description": concat!(
                        "One of the known words; other words are kept as written and shown as they are. Known: ",
                        $($word, " ",)+
                    ),
                    "type": "string",
                    "examples": [$($word,)+]
                })
            }
        }
    };
}

kind_type!(
    /// Who or what a lane stands for.
    LaneKind {
        Person => "person" / "Person",
        Team => "team" / "Team",
        System => "system" / "System",
        External => "external" / "External",
    }
);

kind_type!(
    /// What sort of moment an event is.
    EventKind {
        Alert => "alert" / "Alert",
        Observation => "observation" / "Observation",
        Action => "action" / "Action",
        Communication => "communication" / "Communication",
        Decision => "decision" / "Decision",
        System => "system" / "System",
    }
);

kind_type!(
    /// What an annotation records about the moment.
    AnnotationKind {
        Thinking => "thinking" / "Thinking",
        Feeling => "feeling" / "Feeling",
        Seeing => "seeing" / "Seeing",
        Question => "question" / "Question",
        Note => "note" / "Note",
    }
);

// The enums come from a macro that cannot mark one variant `#[default]`.
#[allow(clippy::derivable_impls)]
impl Default for LaneKind {
    fn default() -> Self {
        LaneKind::Person
    }
}

#[allow(clippy::derivable_impls)]
impl Default for AnnotationKind {
    fn default() -> Self {
        AnnotationKind::Note
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_kind_is_kept_verbatim() {
        let kind: EventKind = serde_json::from_str("\"hunch\"").unwrap();
        assert_eq!(kind, EventKind::Other("hunch".into()));
        assert_eq!(serde_json::to_string(&kind).unwrap(), "\"hunch\"");
    }

    #[test]
    fn known_kinds_round_trip() {
        for kind in EventKind::ALL {
            let text = serde_json::to_string(kind).unwrap();
            assert_eq!(&serde_json::from_str::<EventKind>(&text).unwrap(), kind);
        }
    }
}
