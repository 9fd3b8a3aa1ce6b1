//! The reference AST interpreter.
