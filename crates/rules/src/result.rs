//! Load results: Falco's error and warning codes, the location chain of each message, and the
//! per-file result that `falcod -V` renders.
//!
//! Falco reports rule-file problems as a list of errors and warnings per file, each with a code
//! (`LOAD_ERR_COMPILE_CONDITION`, `LOAD_UNUSED_MACRO`, ...), a message, and a *context*: the chain
//! of places from the file down to the spot (rules content → item → rule → condition → position
//! inside the condition). Users and tools match on all three, so they are reproduced exactly.
//! Rendering (summary, verbose text with snippet, JSON) lives in [`crate::report`].

use std::sync::Arc;

/// The kind of place a [`Location`] points at (Falco's `context::item_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemType {
    /// `value for`
    ValueFor,
    /// `exceptions`
    Exceptions,
    /// `exception`
    Exception,
    /// `exception values`
    ExceptionValues,
    /// `exception value`
    ExceptionValue,
    /// `rules content`
    RulesContent,
    /// `rules content item`
    RulesContentItem,
    /// `required_engine_version`
    RequiredEngineVersion,
    /// `required plugin versions`
    RequiredPluginVersions,
    /// `required plugin versions entry`
    RequiredPluginVersionsEntry,
    /// `required plugin versions alternative`
    RequiredPluginVersionsAlternative,
    /// `list`
    List,
    /// `list item`
    ListItem,
    /// `macro`
    Macro,
    /// `macro condition`
    MacroCondition,
    /// `rule`
    Rule,
    /// `rule condition`
    RuleCondition,
    /// `condition expression`
    ConditionExpression,
    /// `rule output`
    RuleOutput,
    /// `rule output expression`
    RuleOutputExpression,
    /// `rule priority`
    RulePriority,
    /// `overrides`
    Override,
    /// `extension item`
    ExtensionItem,
}

impl ItemType {
    /// Falco's string for the item type.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemType::ValueFor => "value for",
            ItemType::Exceptions => "exceptions",
            ItemType::Exception => "exception",
            ItemType::ExceptionValues => "exception values",
            ItemType::ExceptionValue => "exception value",
            ItemType::RulesContent => "rules content",
            ItemType::RulesContentItem => "rules content item",
            ItemType::RequiredEngineVersion => "required_engine_version",
            ItemType::RequiredPluginVersions => "required plugin versions",
            ItemType::RequiredPluginVersionsEntry => "required plugin versions entry",
            ItemType::RequiredPluginVersionsAlternative => "required plugin versions alternative",
            ItemType::List => "list",
            ItemType::ListItem => "list item",
            ItemType::Macro => "macro",
            ItemType::MacroCondition => "macro condition",
            ItemType::Rule => "rule",
            ItemType::RuleCondition => "rule condition",
            ItemType::ConditionExpression => "condition expression",
            ItemType::RuleOutput => "rule output",
            ItemType::RuleOutputExpression => "rule output expression",
            ItemType::RulePriority => "rule priority",
            ItemType::Override => "overrides",
            ItemType::ExtensionItem => "extension item",
        }
    }
}

/// A position in a document: 0-based line and column and byte offset, like YAML marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Position {
    /// Byte offset from the start of the document.
    pub offset: u32,
    /// 0-based line.
    pub line: u32,
    /// 0-based column (in characters, as yaml-cpp counts).
    pub column: u32,
}

/// One link of a context chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The content name: a file name, or for condition-expression locations a shortened copy of
    /// the condition (`"<first 17 chars>..."`, as Falco names it).
    pub name: Arc<str>,
    /// Where in that content.
    pub pos: Position,
    /// What kind of item is there.
    pub item_type: ItemType,
    /// The item's name (rule or macro name, key name, ...); may be empty.
    pub item_name: String,
}

/// A chain of locations from the outermost (the file) to the innermost.
///
/// `alt_content`, when set, is the text snippets are cut from instead of the file (for positions
/// inside a condition after list substitution, as Falco does).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Context {
    /// Outermost first.
    pub locations: Vec<Location>,
    /// Text to take the snippet from, when not the file itself.
    pub alt_content: Option<Arc<str>>,
}

impl Context {
    /// The root context of a file: one `rules content` location at its start.
    pub fn file(name: &Arc<str>) -> Context {
        Context {
            locations: vec![Location {
                name: name.clone(),
                pos: Position::default(),
                item_type: ItemType::RulesContent,
                item_name: String::new(),
            }],
            alt_content: None,
        }
    }

    /// A child context: this chain plus one more location in the same content.
    pub fn child(&self, pos: Position, item_type: ItemType, item_name: impl Into<String>) -> Self {
        let name = self
            .locations
            .last()
            .map(|l| l.name.clone())
            .unwrap_or_else(|| Arc::from(""));
        let mut c = self.clone();
        c.locations.push(Location {
            name,
            pos,
            item_type,
            item_name: item_name.into(),
        });
        c
    }

    /// The content name of the innermost location (usually the file name).
    pub fn name(&self) -> &str {
        self.locations.last().map(|l| &*l.name).unwrap_or("")
    }
}

/// Error codes (Falco's `falco::load_result::error_code`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// LOAD_ERR_FILE_READ
    FileRead,
    /// LOAD_ERR_YAML_PARSE
    YamlParse,
    /// LOAD_ERR_YAML_VALIDATE
    YamlValidate,
    /// LOAD_ERR_COMPILE_CONDITION
    CompileCondition,
    /// LOAD_ERR_COMPILE_OUTPUT
    CompileOutput,
    /// LOAD_ERR_VALIDATE
    Validate,
    /// LOAD_ERR_EXTENSION
    Extension,
}

impl ErrorCode {
    /// The code name, e.g. `LOAD_ERR_YAML_PARSE`.
    pub fn code(self) -> &'static str {
        match self {
            ErrorCode::FileRead => "LOAD_ERR_FILE_READ",
            ErrorCode::YamlParse => "LOAD_ERR_YAML_PARSE",
            ErrorCode::YamlValidate => "LOAD_ERR_YAML_VALIDATE",
            ErrorCode::CompileCondition => "LOAD_ERR_COMPILE_CONDITION",
            ErrorCode::CompileOutput => "LOAD_ERR_COMPILE_OUTPUT",
            ErrorCode::Validate => "LOAD_ERR_VALIDATE",
            ErrorCode::Extension => "LOAD_ERR_EXTENSION",
        }
    }

    /// The short description Falco prints after the code.
    pub fn short(self) -> &'static str {
        match self {
            ErrorCode::FileRead => "File read error",
            ErrorCode::YamlParse => "YAML parse error",
            ErrorCode::YamlValidate => "Error validating internal structure of YAML file",
            ErrorCode::CompileCondition => "Error compiling condition",
            ErrorCode::CompileOutput => "Error compiling output",
            ErrorCode::Validate => "Error validating rule/macro/list/exception objects",
            ErrorCode::Extension => "Error in extension item",
        }
    }
}

/// Warning codes (Falco's `falco::load_result::warning_code`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WarningCode {
    /// LOAD_UNKNOWN_SOURCE
    UnknownSource,
    /// LOAD_UNSAFE_NA_CHECK
    UnsafeNaCheck,
    /// LOAD_NO_EVTTYPE
    NoEvttype,
    /// LOAD_UNKNOWN_FILTER
    UnknownFilter,
    /// LOAD_UNUSED_MACRO
    UnusedMacro,
    /// LOAD_UNUSED_LIST
    UnusedList,
    /// LOAD_UNKNOWN_ITEM
    UnknownItem,
    /// LOAD_DEPRECATED_ITEM
    DeprecatedItem,
    /// LOAD_WARNING_EXTENSION
    WarningExtension,
    /// LOAD_APPEND_NO_VALUES
    AppendNoValues,
    /// LOAD_EXCEPTION_NAME_NOT_UNIQUE
    ExceptionNameNotUnique,
    /// LOAD_INVALID_MACRO_NAME
    InvalidMacroName,
    /// LOAD_INVALID_LIST_NAME
    InvalidListName,
    /// LOAD_COMPILE_CONDITION
    CompileCondition,
    /// LOAD_UNKNOWN_KEY
    UnknownKey,
}

impl WarningCode {
    /// The code name, e.g. `LOAD_UNUSED_MACRO`.
    pub fn code(self) -> &'static str {
        match self {
            WarningCode::UnknownSource => "LOAD_UNKNOWN_SOURCE",
            WarningCode::UnsafeNaCheck => "LOAD_UNSAFE_NA_CHECK",
            WarningCode::NoEvttype => "LOAD_NO_EVTTYPE",
            WarningCode::UnknownFilter => "LOAD_UNKNOWN_FILTER",
            WarningCode::UnusedMacro => "LOAD_UNUSED_MACRO",
            WarningCode::UnusedList => "LOAD_UNUSED_LIST",
            WarningCode::UnknownItem => "LOAD_UNKNOWN_ITEM",
            WarningCode::DeprecatedItem => "LOAD_DEPRECATED_ITEM",
            WarningCode::WarningExtension => "LOAD_WARNING_EXTENSION",
            WarningCode::AppendNoValues => "LOAD_APPEND_NO_VALUES",
            WarningCode::ExceptionNameNotUnique => "LOAD_EXCEPTION_NAME_NOT_UNIQUE",
            WarningCode::InvalidMacroName => "LOAD_INVALID_MACRO_NAME",
            WarningCode::InvalidListName => "LOAD_INVALID_LIST_NAME",
            WarningCode::CompileCondition => "LOAD_COMPILE_CONDITION",
            WarningCode::UnknownKey => "LOAD_UNKNOWN_KEY",
        }
    }

    /// The short description Falco prints after the code.
    pub fn short(self) -> &'static str {
        match self {
            WarningCode::UnknownSource => "Unknown event source",
            WarningCode::UnsafeNaCheck => "Unsafe <NA> comparison in condition",
            WarningCode::NoEvttype => "Condition has no event-type restriction",
            WarningCode::UnknownFilter => "Unknown field or event-type in condition or output",
            WarningCode::UnusedMacro => "Unused macro",
            WarningCode::UnusedList => "Unused list",
            WarningCode::UnknownItem => "Unknown rules file item",
            WarningCode::DeprecatedItem => "Used deprecated item",
            WarningCode::WarningExtension => "Warning in extension item",
            WarningCode::AppendNoValues => "Overriding/appending with no values",
            WarningCode::ExceptionNameNotUnique => "Multiple exceptions defined with the same name",
            WarningCode::InvalidMacroName => "Invalid macro name",
            WarningCode::InvalidListName => "Invalid list name",
            WarningCode::CompileCondition => "Warning in rule condition",
            WarningCode::UnknownKey => "Unknown key in item definition",
        }
    }
}

/// One error of a load, with its context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The code.
    pub code: ErrorCode,
    /// The message, in Falco's words.
    pub message: String,
    /// Where.
    pub context: Context,
}

/// One warning of a load, with its context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadWarning {
    /// The code.
    pub code: WarningCode,
    /// The message, in Falco's words.
    pub message: String,
    /// Where.
    pub context: Context,
    /// For deprecated-field warnings, the field.
    pub deprecated_field: Option<String>,
}

/// The result of loading one rules file (Falco's `rule_loader::result`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FileResult {
    /// The content name (the file name as given).
    pub name: String,
    /// Errors; any error means the file failed.
    pub errors: Vec<LoadError>,
    /// Warnings.
    pub warnings: Vec<LoadWarning>,
    /// Notes that are neither errors nor warnings (e.g. a plugin requirement met by a built-in
    /// provider); printed in verbose output only.
    pub notes: Vec<String>,
}

impl FileResult {
    /// An empty result for a file.
    pub fn new(name: impl Into<String>) -> FileResult {
        FileResult {
            name: name.into(),
            ..FileResult::default()
        }
    }

    /// True if there were no errors.
    pub fn successful(&self) -> bool {
        self.errors.is_empty()
    }

    /// True if there were warnings.
    pub fn has_warnings(&self) -> bool {
        !self.warnings.is_empty()
    }

    /// Adds an error.
    pub fn error(&mut self, code: ErrorCode, message: impl Into<String>, context: &Context) {
        self.errors.push(LoadError {
            code,
            message: message.into(),
            context: context.clone(),
        });
    }

    /// Adds a warning.
    pub fn warn(&mut self, code: WarningCode, message: impl Into<String>, context: &Context) {
        self.warnings.push(LoadWarning {
            code,
            message: message.into(),
            context: context.clone(),
            deprecated_field: None,
        });
    }
}
