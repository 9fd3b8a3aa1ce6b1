//! Macro expansion on the syntax tree, with Falco's visibility order.
